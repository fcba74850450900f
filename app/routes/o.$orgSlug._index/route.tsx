import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle, TextField } from "~/components/forms";
import { listVisibleClientAccounts } from "~/models/client-account.server";
import { CreateClientSchema } from "~/services/forms/team.server";
import { createClientAccount } from "~/services/organizations.server";
import { accessView, inScope, requireScope } from "~/tenancy/access.server";
import { isOrgAdmin } from "~/domain/permissions";
import { redirectWithToast } from "~/toast.server";

export const meta: MetaFunction = () => [{ title: "Client accounts · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "org.view");
  const clients = await inScope(access, (scope) => listVisibleClientAccounts(scope, { all: isOrgAdmin(access.orgRole) }));
  return { strings: await routeStrings(request, ["org"]), access: accessView(access), clients };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "org.clients.create");
  const submission = parseWithZod(await request.formData(), { schema: CreateClientSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const client = await createClientAccount(access, submission.value);
  return redirectWithToast(`/o/${access.organization.slug}/clients/${client.id}`, { kind: "success", key: "org.clientCreated", params: { name: client.name } });
}

export default function OrganizationHome() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const { access, clients } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ name: string }>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", lastResult: actionData?.result });
  const canCreate = access.permissions.includes("org.clients.create");
  const admin = isOrgAdmin(access.orgRole);
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section className="lg:col-span-2" aria-labelledby="clients-title">
        <PageTitle>
          <span id="clients-title">{t("org.clientsTitle")}</span>
        </PageTitle>
        <p className="-mt-4 mb-4 text-sm text-slate-600">
          {t("org.yourRole", { role: t(`roles.${access.orgRole}`) })}
          {admin ? ` · ${t("org.allClientsNote", { role: t(`roles.${access.orgRole}`) })}` : ""}
        </p>
        {clients.length === 0 ? (
          <p className="card text-slate-700">{admin ? t("org.noClients") : t("org.noClientsMember")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="client-list">
            {clients.map((client) => (
              <li key={client.id} className="card">
                <Link to={`clients/${client.id}`} className="text-lg font-semibold text-teal-900 underline-offset-2 hover:underline">
                  {client.name}
                </Link>
                <p className="mt-1 text-sm text-slate-600">
                  {t("org.teamSize", { count: client.teamSize })}
                  {client.myRole ? ` · ${t("org.myClientRole", { role: t(`roles.${client.myRole}`) })}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canCreate ? (
        <section className="card h-fit" aria-labelledby="create-client-title">
          <h2 id="create-client-title" className="text-lg font-semibold">
            {t("org.createClient")}
          </h2>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
            <TextField meta={fields.name} label={t("org.clientName")} />
            <button type="submit" className="btn-primary">
              {t("org.submitCreateClient")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

