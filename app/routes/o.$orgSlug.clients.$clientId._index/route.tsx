import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/forms";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { formatDate, formatMoney } from "~/i18n/format";
import type { loader as rootLoader } from "~/root";
import { getCampaignList } from "~/services/planner.server";
import { accessView, requireScope } from "~/tenancy/access.server";

export const meta: MetaFunction = () => [{ title: "Client · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const campaigns = await getCampaignList(access, q || undefined);
  return {
    strings: await routeStrings(request, ["org", "client", "planner"]),
    access: accessView(access),
    q,
    campaigns: campaigns.map((c) => ({
      id: c.id,
      name: c.name,
      status: c.status,
      startDate: c.startDate,
      endDate: c.endDate,
      budgetFen: c.budgetFen,
      allocatedFen: c.allocatedFen,
      lineCount: c.lineCount,
    })),
  };
}

export default function ClientHome() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const { access, campaigns, q } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? DEFAULT_LOCALE;
  const client = access.client!;
  const canEdit = access.permissions.includes("client.plan.edit");
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/o/${access.organization.slug}`} className="text-teal-800 underline">
          ← {t("client.backToClients")}
        </Link>
      </p>
      <PageTitle
        actions={
          <>
            <Link to="team" className="btn-secondary">
              {t("nav.team")}
            </Link>
            {canEdit ? (
              <Link to="campaigns/new" className="btn-primary">
                {t("planner.newCampaign")}
              </Link>
            ) : null}
          </>
        }
      >
        {client.name}
      </PageTitle>
      <p className="text-sm text-slate-600">{t("org.myClientRole", { role: t(`roles.${access.clientRole}`) })}</p>
      <section className="card" aria-labelledby="campaigns-title">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="campaigns-title" className="text-lg font-semibold">
            {t("client.campaignsTitle")}
          </h2>
          <Form method="get" role="search" className="flex items-end gap-2">
            <label htmlFor="campaign-search" className="sr-only">
              {t("planner.searchLabel")}
            </label>
            <input id="campaign-search" type="search" name="q" defaultValue={q} placeholder={t("planner.searchLabel")} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
            <button type="submit" className="btn-secondary">
              {t("planner.search")}
            </button>
          </Form>
        </div>
        {campaigns.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{q ? t("planner.noMatch", { q }) : t("client.noCampaigns")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100" data-testid="campaign-list">
            {campaigns.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <Link to={`campaigns/${c.id}`} className="font-semibold text-teal-900 hover:underline">
                    {c.name}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {t(`planner.statusName.${c.status}`)} · {t("planner.flight", { start: formatDate(c.startDate, locale), end: formatDate(c.endDate, locale) })} ·{" "}
                    {t("planner.lines", { count: c.lineCount })}
                  </p>
                </div>
                <p className="text-sm tabular-nums text-slate-700">
                  {t("planner.allocatedOf", { allocated: formatMoney(c.allocatedFen, locale), budget: formatMoney(c.budgetFen, locale) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
