import { parseWithZod } from "@conform-to/zod/v4";
import { NamingTemplateSchema } from "~/services/forms/planner.server";
import { useLocale, useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { dateNamingValues, DEFAULT_LINE_NAME_TEMPLATE, NAMING_TOKENS, renderLineName, validateTemplate } from "~/domain/naming";
import { setNamingTemplate } from "~/services/organizations.server";
import { redirectWithToast } from "~/toast.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { ErrorList, PageTitle } from "~/components/forms";
import { PillLink } from "~/components/pill-link";
import { PostButton } from "~/components/post-button";
import { formatDate, formatMoney } from "~/i18n/format";
import { getCampaignList } from "~/services/planner.server";
import { accessView, can, requireScope } from "~/tenancy/access.server";

export const meta: MetaFunction = () => [{ title: "Client · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  // The archive is a filter of the same list: archived campaigns are kept and can be restored.
  const archived = url.searchParams.get("archived") === "1";
  const campaigns = await getCampaignList(access, q || undefined, { archived });
  const template = access.client.namingTemplate ?? DEFAULT_LINE_NAME_TEMPLATE;
  return {
    strings: await routeStrings(request, ["org", "client", "planner", "import"]),
    access: accessView(access),
    canManageTeam: can(access, "client.team.manage"),
    canEditPlans: can(access, "client.plan.edit"),
    archived,
    template,
    preview: renderLineName(template, {
      client: access.client.name,
      campaign: "Spring launch",
      ecosystem: "Douyin",
      placement: "In-feed video ads",
      destination: "WeChat mini program",
      objective: "conversion",
      model: "ocpm",
      stage: "consideration",
      kpi: "orders",
      ...dateNamingValues("2027-03-01"),
    }),
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

// Lead planners (and org admins) set the client's line-naming convention.
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.team.manage");
  const submission = parseWithZod(await request.formData(), { schema: NamingTemplateSchema });
  // Too long is refused with the length and the limit, never cut (issue 12).
  if (submission.status !== "success") {
    const typed = submission.payload.namingTemplate;
    return data({ template: typeof typed === "string" ? typed : "", error: submission.error?.namingTemplate?.[0] ?? "validation.required", unknown: "" }, { status: 400 });
  }
  const template = submission.value.namingTemplate;
  const check = validateTemplate(template);
  if (!check.ok) {
    const error = check.isEmpty ? "validation.required" : check.hasUnbalancedBraces ? "planner.namingBraces" : "planner.namingUnknown";
    return data({ template, error, unknown: check.unknownTokens.join(", ") }, { status: 400 });
  }
  await setNamingTemplate(access, template);
  return redirectWithToast(new URL(request.url).pathname, { kind: "success", key: "planner.namingSaved" });
}

export default function ClientHome() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const { access, campaigns, q, template, preview, canManageTeam } = loaderData;
  const actionData = useActionData<typeof action>();
  const locale = useLocale();
  const client = access.client;
  const canEdit = access.permissions.includes("client.plan.edit");
  return (
    <div className="space-y-6">
      <BackLink to={`/o/${access.organization.slug}`}>{t("client.backToClients")}</BackLink>
      <PageTitle
        actions={
          <>
            <Link to="team" className="btn-secondary">
              {t("nav.team")}
            </Link>
            <Link to="activity" className="btn-secondary">
              {t("nav.activity")}
            </Link>
            {canEdit ? (
              <>
                <Link to="campaigns/from-file" className="btn-secondary">
                  {t("import.newFromFile")}
                </Link>
                <Link to="campaigns/new" className="btn-primary">
                  {t("planner.newCampaign")}
                </Link>
              </>
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
          <nav aria-label={t("client.campaignsTitle")} className="flex gap-1 text-sm" data-testid="campaign-filter">
            <PillLink to={q ? `?q=${encodeURIComponent(q)}` : "?"} isCurrent={!loaderData.archived}>
              {t("planner.showActive")}
            </PillLink>
            <PillLink to={`?archived=1${q ? `&q=${encodeURIComponent(q)}` : ""}`} isCurrent={loaderData.archived}>
              {t("planner.showArchived")}
            </PillLink>
          </nav>
          <Form method="get" role="search" className="flex items-end gap-2">
            {loaderData.archived ? <input type="hidden" name="archived" value="1" /> : null}
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
          <p className="mt-3 text-sm text-slate-600">{q ? t("planner.noMatch", { q }) : loaderData.archived ? t("planner.noArchived") : t("client.noCampaigns")}</p>
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
                {loaderData.archived && loaderData.canEditPlans ? <PostButton values={{ intent: "restore-campaign" }} label={t("planner.restore")} subject={c.name} action={`campaigns/${c.id}?index`} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="naming-title">
        <h2 id="naming-title" className="text-lg font-semibold">
          {t("planner.namingTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("planner.namingHelp", { tokens: NAMING_TOKENS.map((token) => `{${token}}`).join(" ") })}</p>
        {canManageTeam ? (
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
            <div className="min-w-80 flex-1">
              <label htmlFor="naming-template" className="block text-sm font-medium text-slate-800">
                {t("planner.namingTemplate")}
              </label>
              <input
                id="naming-template"
                name="namingTemplate"
                defaultValue={actionData?.template ?? template}
                aria-invalid={actionData?.error ? true : undefined}
                aria-describedby={actionData?.error ? "naming-error" : undefined}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
              />
              <ErrorList id="naming-error" errors={actionData?.error ? [actionData.error] : null} />
              {actionData?.unknown ? <p className="text-xs text-red-700">{actionData.unknown}</p> : null}
            </div>
            <button type="submit" className="btn-primary">
              {t("planner.namingSave")}
            </button>
          </Form>
        ) : (
          <p className="mt-2 font-mono text-sm">{template}</p>
        )}
        <p className="mt-2 text-xs text-slate-600" data-testid="naming-preview">
          {t("planner.namingPreview", { name: preview })}
        </p>
      </section>
    </div>
  );
}
