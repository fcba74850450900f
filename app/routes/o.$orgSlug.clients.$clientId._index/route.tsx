import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/forms";
import { accessView, requireScope } from "~/tenancy/access.server";

export const meta: MetaFunction = () => [{ title: "Client · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  return { access: accessView(access) };
}

export default function ClientHome() {
  const { t } = useTranslation();
  const { access } = useLoaderData<typeof loader>();
  const client = access.client!;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/o/${access.organization.slug}`} className="text-teal-800 underline">
          ← {t("client.backToClients")}
        </Link>
      </p>
      <PageTitle
        actions={
          <Link to="team" className="btn-secondary">
            {t("nav.team")}
          </Link>
        }
      >
        {client.name}
      </PageTitle>
      <p className="text-sm text-slate-600">{t("org.myClientRole", { role: t(`roles.${access.clientRole}`) })}</p>
      <section className="card" aria-labelledby="campaigns-title">
        <h2 id="campaigns-title" className="text-lg font-semibold">
          {t("client.campaignsTitle")}
        </h2>
        <p className="mt-2 text-sm text-slate-600">{t("client.noCampaigns")}</p>
      </section>
    </div>
  );
}
