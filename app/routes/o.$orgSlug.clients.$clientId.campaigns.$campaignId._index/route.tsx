import { notFound } from "~/domain/errors";
import { useLocale, useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useBeforeUnload, useBlocker, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { CampaignForm, type CampaignFormShape } from "~/components/campaign-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormErrors, PageTitle, replyErrors } from "~/components/forms";
import { InlineConfirm } from "~/components/inline-confirm";
import { LazyDetails } from "~/components/lazy-details";
import { PillLink } from "~/components/pill-link";
import { fenToYuanString } from "~/domain/money";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { canEditPlan } from "~/domain/workflow";
import { getPlanPage } from "~/services/plan-page.server";
import { planOptionsHref } from "~/services/plan-options.server";
import { actionsFor } from "~/services/workflow.server";
import { CollaborationLinks, CommentsPanel, LiveAwareness, WorkflowPanel } from "./collaboration";
import { accessView, can, isUuid, requireScope } from "~/tenancy/access.server";
import { handlePlanAction } from "./actions.server";
import { PlanCalendar } from "./calendar";
import { OptionsGate, usePlanOptions } from "./plan-options";
import { LineForm, UnsavedEditsContext, type LineFormResult } from "./line-form";
import { LinesTable } from "./lines-table";
import { PlanSummary } from "./summary";
import { planPageData, planViewOf } from "./view.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.campaign.name ?? "Campaign"} · Qiao 桥` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const found = await getPlanPage(access, params.campaignId);
  if (!found) throw notFound();
  const { plan, comments, approvers } = found;
  const locale = await getLocale(request);
  const query = new URL(request.url).searchParams;
  const page = Number(query.get("page") ?? "1");
  const allocatedFen = plan.snapshot.lines.reduce((sum, line) => sum + line.budgetFen, 0);
  const { campaign } = plan;
  const lineNameById = new Map(plan.snapshot.lines.map((l) => [l.id, l.name]));
  const canEdit = can(access, "client.plan.edit") && canEditPlan(campaign.status);
  return {
    strings: await routeStrings(request, ["planner", "catalog", "measurement", "collab"]),
    access: accessView(access),
    canEdit,
    canComment: can(access, "client.comment"),
    canRestore: can(access, "client.plan.edit") && campaign.status === "archived",
    workflow: {
      status: campaign.status,
      planVersion: campaign.planVersion,
      agencyApproved: Boolean(campaign.agencyApprovedBy),
      clientApproved: Boolean(campaign.clientApprovedBy),
      lastRejection: campaign.lastRejection ? { reason: campaign.lastRejection.reason, version: campaign.lastRejection.version } : null,
      actions: actionsFor(access, campaign),
      approvers: approvers ? { agency: approvers.agency.filter((a) => a.id !== access.user.id).map((a) => a.name), client: approvers.client.map((a) => a.name) } : null,
      overBudgetFen: Math.max(0, allocatedFen - campaign.budgetFen),
      overBudgetText: formatMoney(Math.max(0, allocatedFen - campaign.budgetFen), locale),
      teamPath: `/o/${access.organization.slug}/clients/${access.client.id}/team`,
    },
    comments: comments.map((c) => ({
      id: c.id,
      lineId: c.lineId,
      lineName: c.lineId ? (lineNameById.get(c.lineId) ?? null) : null,
      parentId: c.parentId,
      authorName: c.authorName,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
    })),
    ...planPageData(plan, locale, {
      page,
      view: planViewOf(query),
      // Only someone who may edit gets the forms' options; an empty plan opens its add form at once, so they come with it.
      forms: !canEdit ? "none" : plan.snapshot.lines.length === 0 ? "inline" : "reference",
      optionsHref: (version) => planOptionsHref(access.organization.slug, access.client.id, locale, version),
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.plan.edit");
  if (!isUuid(params.campaignId)) throw notFound();
  return handlePlanAction(request, access, params.campaignId, await getLocale(request));
}

export default function CampaignPlanPage() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useLocale();
  const { campaign, canEdit } = data;
  const addFetcher = useFetcher<LineFormResult>({ key: "add-line" });
  const options = usePlanOptions(data.options);
  // Unsaved edits in any line form: leaving the page (another page of lines, a link, closing the tab) asks first.
  const [unsavedForms, setUnsavedForms] = useState<ReadonlySet<string>>(() => new Set());
  const reportUnsaved = useCallback((formId: string, dirty: boolean) => {
    setUnsavedForms((current) => {
      if (current.has(formId) === dirty) return current;
      const next = new Set(current);
      if (dirty) next.add(formId);
      else next.delete(formId);
      return next;
    });
  }, []);
  const hasUnsaved = unsavedForms.size > 0;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    if (currentLocation.pathname !== nextLocation.pathname) return hasUnsaved;
    // Another page of lines or the other view: the add form stays as it is, the rows' open forms go.
    return currentLocation.search !== nextLocation.search && [...unsavedForms].some((formId) => formId !== "add-line");
  });
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!hasUnsaved) return;
        event.preventDefault();
        event.returnValue = "";
      },
      [hasUnsaved],
    ),
  );
  // Each added line starts the form afresh (a new instance: typed values, choices and errors gone).
  const [addRound, setAddRound] = useState(0);
  const lastAdded = useRef<string | null>(null);
  useEffect(() => {
    const added = addFetcher.state === "idle" ? addFetcher.data?.saved?.lineId : undefined;
    if (added && added !== lastAdded.current) {
      lastAdded.current = added;
      setAddRound((round) => round + 1);
    }
  }, [addFetcher.state, addFetcher.data]);
  const campaignResult = actionData && "intent" in actionData && actionData.intent === "update-campaign" ? actionData.result : undefined;
  const duplicateResult = actionData && "intent" in actionData && actionData.intent === "duplicate-campaign" ? actionData.result : undefined;
  const campaignConflict = actionData && "conflict" in actionData && actionData.conflict && (actionData.conflict as { kind: string }).kind === "campaign" ? actionData.conflict : null;
  // The campaign version this person's edit is based on: fixed when they open the form (and after
  // their own save), never moved by a colleague's change arriving live.
  const navigation = useNavigation();
  const [formVersion, setFormVersion] = useState(campaign.version);
  const submittedCampaign = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting" && navigation.formData?.get("intent") === "update-campaign") submittedCampaign.current = true;
    if (navigation.state === "idle" && submittedCampaign.current) {
      submittedCampaign.current = false;
      if (!campaignResult) setFormVersion(campaign.version);
    }
  }, [navigation.state, navigation.formData, campaignResult, campaign.version]);
  const [form, fields] = useForm<CampaignFormShape>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit",
    id: "campaign",
    lastResult: campaignResult ?? undefined,
    defaultValue: {
      name: campaign.name,
      objective: campaign.objective,
      startDate: campaign.startDate,
      endDate: campaign.endDate,
      budget: fenToYuanString(campaign.budgetFen),
      reportingCurrency: campaign.reportingCurrency,
      fxRate: String(campaign.fxRate),
      notes: campaign.notes,
    },
  });
  return (
    <UnsavedEditsContext.Provider value={reportUnsaved}>
    <div className="space-y-8">
      {blocker.state === "blocked" ? (
        <div role="alertdialog" aria-modal="true" aria-labelledby="unsaved-title" className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" data-testid="unsaved-dialog">
          <div className="max-w-md space-y-3 rounded-lg bg-white p-4 shadow-lg">
            <h2 id="unsaved-title" className="font-semibold">
              {t("planner.unsavedTitle")}
            </h2>
            <p className="text-sm text-slate-700">{t("planner.unsavedBody")}</p>
            <div className="flex flex-wrap gap-2">
              <button type="button" className="btn-primary" autoFocus onClick={() => blocker.reset()}>
                {t("planner.unsavedStay")}
              </button>
              <button type="button" className="btn-secondary" onClick={() => blocker.proceed()}>
                {t("planner.unsavedLeave")}
              </button>
            </div>
          </div>
        </div>
      ) : null}
      <BackLink to={`/o/${data.access.organization.slug}/clients/${data.access.client.id}`}>{data.access.client.name}</BackLink>
      <div>
        <PageTitle
          actions={
            <>
              <Link to="measurement" className="btn-primary" data-testid="open-measurement">
                {t("measurement.open")}
              </Link>
              <details className="relative">
                <summary className="btn-secondary cursor-pointer list-none">{t("planner.export")}</summary>
                <ul className="absolute right-0 z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white p-1 text-sm shadow">
                  {(["xlsx", "csv", "json"] as const).map((format) => (
                    <li key={format}>
                      <a href={`${campaign.id}/export.${format}`} download className="block rounded px-2 py-1 hover:bg-slate-100" data-testid={`export-${format}`}>
                        {t(`planner.exportAs.${format}`)}
                      </a>
                    </li>
                  ))}
                </ul>
              </details>
              {canEdit ? (
              <>
                <Link to="import" className="btn-secondary" data-testid="open-import">
                  {t("planner.openImport")}
                </Link>
                <LazyDetails className="relative" open={Boolean(duplicateResult?.error)} summaryClassName="btn-secondary cursor-pointer list-none" summary={t("planner.duplicate")}>
                  {() => (
                  <Form method="post" className="absolute right-0 z-10 mt-1 w-72 space-y-2 rounded-md border border-slate-200 bg-white p-3 text-sm shadow" data-testid="duplicate-form">
                    <input type="hidden" name="intent" value="duplicate-campaign" />
                    <label className="block">
                      {t("planner.copyName")}
                      <input
                        name="copyName"
                        defaultValue={(duplicateResult?.initialValue?.copyName as string | undefined) ?? t("planner.copyOf", { name: campaign.name })}
                        aria-invalid={replyErrors(duplicateResult, "copyName") ? true : undefined}
                        className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
                      />
                    </label>
                    <ErrorList errors={replyErrors(duplicateResult, "copyName")} />
                    <label className="block">
                      {t("planner.shiftWeeks")}
                      <input
                        name="shiftWeeks"
                        type="number"
                        step={1}
                        min={-260}
                        max={260}
                        defaultValue={(duplicateResult?.initialValue?.shiftWeeks as string | undefined) ?? 0}
                        aria-invalid={replyErrors(duplicateResult, "shiftWeeks") ? true : undefined}
                        className="mt-1 block w-24 rounded-md border border-slate-300 px-2 py-1"
                        aria-describedby="shift-help"
                      />
                    </label>
                    <ErrorList errors={replyErrors(duplicateResult, "shiftWeeks")} />
                    <p id="shift-help" className="text-xs text-slate-600">
                      {t("planner.shiftWeeksHelp")}
                    </p>
                    <button type="submit" className="btn-primary">
                      {t("planner.duplicateNow")}
                    </button>
                  </Form>
                  )}
                </LazyDetails>
                <InlineConfirm
                  look="caution"
                  testId="confirm-archive"
                  values={{ intent: "archive", version: campaign.version }}
                  labels={{ open: t("planner.archive"), question: t("planner.confirmArchive"), confirm: t("planner.confirmArchiveYes"), cancel: t("planner.cancel") }}
                />
              </>
              ) : null}
            </>
          }
        >
          {campaign.name}
        </PageTitle>
        <p className="-mt-4 text-sm text-slate-600" data-testid="campaign-facts">
          {t(`planner.statusName.${campaign.status}`)} · {t(`planner.objectiveName.${campaign.objective}`)} ·{" "}
          {t("planner.flight", { start: formatDate(campaign.startDate, locale), end: formatDate(campaign.endDate, locale) })} · {formatMoney(campaign.budgetFen, locale)}
          {campaign.reportingCurrency !== "CNY" ? ` (${t("planner.inReporting", { amount: formatMoney(Math.round(campaign.budgetFen / campaign.fxRate), locale, campaign.reportingCurrency) })})` : ""}
        </p>
        {data.canRestore ? (
          <Form method="post" className="mt-2 flex flex-wrap items-center gap-2 rounded border border-slate-300 bg-slate-50 px-3 py-2" data-testid="archived-notice">
            <span className="text-sm text-slate-800">{t("planner.archivedNotice")}</span>
            <input type="hidden" name="intent" value="restore-campaign" />
            <button type="submit" className="btn-secondary">
              {t("planner.restore")}
            </button>
          </Form>
        ) : !canEdit ? (
          <p className="mt-2 text-sm text-slate-600">{t(data.workflow.status === "draft" ? "planner.readOnly" : "planner.locked")}</p>
        ) : null}
        <div className="mt-2">
          <CollaborationLinks />
          {/* Keyed by campaign: navigating between two plans must not keep polling the first. */}
          <LiveAwareness key={campaign.id} planVersion={data.workflow.planVersion} />
        </div>
      </div>

      <WorkflowPanel workflow={data.workflow} />

      {canEdit ? (
        <LazyDetails
          className="card"
          open={Boolean(campaignResult || campaignConflict)}
          onOpen={() => setFormVersion(campaign.version)}
          summaryClassName="cursor-pointer font-semibold"
          summary={t("planner.editCampaign")}
        >
          {() => (
            <CampaignForm form={form} fields={fields} className="mt-4 space-y-4" submitLabel={t("planner.saveCampaign")}>
              <input type="hidden" name="intent" value="update-campaign" />
              <input type="hidden" name="version" value={formVersion} />
              <FormErrors errors={form.errors} />
            </CampaignForm>
          )}
        </LazyDetails>
      ) : null}

      <PlanSummary data={data} locale={locale} />

      <section aria-labelledby="lines-title" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="lines-title" className="text-xl font-semibold">
            {t("planner.linesTitle")} <span className="text-sm font-normal text-slate-600">({t("planner.lines", { count: data.totalLines })})</span>
          </h2>
          {data.lines.length > 0 ? (
            <nav aria-label={t("planner.lineViews")} className="flex items-center gap-1 text-sm" data-testid="line-views">
              <PillLink to={linesHref(data.page, "table")} isCurrent={data.view === "table"} preventScrollReset>
                {t("planner.viewTable")}
              </PillLink>
              <PillLink to={linesHref(data.page, "calendar")} isCurrent={data.view === "calendar"} preventScrollReset>
                {t("planner.viewCalendar")}
              </PillLink>
            </nav>
          ) : null}
        </div>
        {data.view === "calendar" && data.lines.length > 0 ? <PlanCalendar data={data} locale={locale} /> : <LinesTable data={data} options={options} locale={locale} canEdit={canEdit} />}
        {data.pageCount > 1 ? (
          <nav aria-label={t("planner.pages")} className="flex flex-wrap items-center gap-1 text-sm" data-testid="line-pages">
            {Array.from({ length: data.pageCount }, (_, i) => i + 1).map((page) => (
              <PillLink key={page} to={linesHref(page, data.view)} isCurrent={page === data.page}>
                {t("planner.pageRange", { from: (page - 1) * data.linesPerPage + 1, to: Math.min(page * data.linesPerPage, data.totalLines) })}
              </PillLink>
            ))}
          </nav>
        ) : null}
      </section>

      {canEdit ? (
        // Opened when wanted (open from the start on an empty plan): its option lists are not sent as markup until then.
        <LazyDetails
          className="card"
          open={data.totalLines === 0}
          summaryClassName="cursor-pointer"
          summary={
            <h2 id="add-line-title" className="inline text-lg font-semibold">
              {t("planner.addLine")}
            </h2>
          }
        >
          {() => (
          <div className="mt-3">
          <OptionsGate state={options}>
          {(choices) => (
          <LineForm
            key={addRound}
            id="add-line"
            options={choices}
            defaults={{ startDate: campaign.startDate, endDate: campaign.endDate, flightingMode: "even" }}
            intent="add-line"
            campaign={campaign}
            fetcher={addFetcher}
            submitLabel={t("planner.addLine")}
          />
          )}
          </OptionsGate>
          </div>
          )}
        </LazyDetails>
      ) : null}

      {canEdit ? (
        <LazyDetails className="card" summaryClassName="cursor-pointer font-semibold" summary={t("planner.bulkAdd")}>
          {() => (
          <OptionsGate state={options}>
          {(choices) => (
          <Form method="post" className="mt-3 space-y-3">
            <p className="text-sm text-slate-600">{t("planner.bulkAddHelp")}</p>
            <input type="hidden" name="intent" value="bulk-add" />
            <input type="hidden" name="startDate" value={campaign.startDate} />
            <input type="hidden" name="endDate" value={campaign.endDate} />
            {choices.ecosystems.map((e) => (
              <fieldset key={e.id} className="mb-2">
                <legend className="text-sm font-medium">{e.label}</legend>
                <div className="choices">
                  {choices.placements
                    .filter((p) => p.ecosystemId === e.id && !p.id.startsWith("custom-"))
                    .map((p) => (
                      <label key={p.id}>
                        <input type="checkbox" name="placementIds" value={p.id} />
                        {p.name}
                      </label>
                    ))}
                </div>
              </fieldset>
            ))}
            <button type="submit" className="btn-primary">
              {t("planner.bulkAddSubmit")}
            </button>
          </Form>
          )}
          </OptionsGate>
          )}
        </LazyDetails>
      ) : null}

      {/* Comments name any line they are on; a new comment picks a line from the page shown. */}
      <CommentsPanel comments={data.comments} lines={data.lines.map((l) => ({ id: l.id, name: l.name }))} canComment={data.canComment} locale={locale} />
    </div>
    </UnsavedEditsContext.Provider>
  );
}

/** A page of lines in a view; the table is the default and is left out of the address. */
function linesHref(page: number, view: "table" | "calendar"): string {
  return `?page=${page}${view === "calendar" ? "&view=calendar" : ""}`;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
