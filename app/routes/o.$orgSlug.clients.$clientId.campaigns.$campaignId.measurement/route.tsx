import { notFound } from "~/domain/errors";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { DataLevelBadge } from "~/components/data-level-badge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, PageTitle, replyErrors } from "~/components/forms";
import { getDestination, getKpi, getMeasurementMethod, MEASUREMENT_METHODS, MEASUREMENT_OWNERS } from "~/domain/catalog";
import { methodInSentenceEn, planIdentityBridge } from "~/domain/measurement";
import { levelName } from "~/domain/openness";
import { CONTRACT_ACCESS } from "~/domain/plan";
import { ratioToPercentText } from "~/domain/numbers";
import { derivePlan } from "~/domain/plan-derive";
import type { Locale } from "~/i18n/config";
import { formatMoney, formatNumber, formatPercent } from "~/i18n/format";
import { useLocale, useRouteStrings } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { routeStrings } from "~/i18n/resources.server";
import { replyToInvalid } from "~/services/forms/fields.server";
import { ApplyDestinationSchema, ApplyMethodSchema, saveMeasurementSchema, type SaveMeasurementInput } from "~/services/forms/measurement.server";
import { applyDestination, saveMeasurement } from "~/services/measurement.server";
import { getPlan, updateLineMeasurement } from "~/services/planner.server";
import { accessView, can, isUuid, requireScope } from "~/tenancy/access.server";
import { redirectWithToast } from "~/toast.server";

export const meta: MetaFunction = () => [{ title: "Measurement plan · Qiao 桥" }];

const pick = (locale: Locale, en: string, zh: string) => (locale === "zh" ? zh : en);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const plan = await getPlan(access, params.campaignId);
  if (!plan) throw notFound();
  const locale = await getLocale(request);
  const derived = derivePlan(plan.snapshot, plan.catalog, locale);
  const byLine = new Map(derived.lines.map((d) => [d.line.id, d]));
  const rows = derived.measurementRows.map((row) => {
    const d = byLine.get(row.lineId)!;
    const typed = d.line.measurement;
    const methodId = typed.methodId ?? row.methodId;
    const method = methodId ? getMeasurementMethod(methodId) : undefined;
    const kpi = getKpi(row.kpiId)!;
    const conversions = d.estimate?.conversions ?? 0;
    const bridge = planIdentityBridge(row.destinationId, conversions, typed.bindingRate ?? 0);
    const planned = row.plannedMethod;
    const plannedMethod = planned ? getMeasurementMethod(planned.methodId)! : undefined;
    // The method the verdict rests on when the planner's own does not measure the KPI (issue 12).
    const verdictMethod = row.methodId && row.methodId !== planned?.methodId ? getMeasurementMethod(row.methodId) : undefined;
    return {
      lineId: row.lineId,
      version: d.line.version,
      lineName: d.line.name,
      route: `${d.placement ? pick(locale, d.placement.nameEn, d.placement.nameZh) : d.line.placementId} → ${d.destination ? pick(locale, d.destination.nameEn, d.destination.nameZh) : d.line.destinationId}`,
      kpiName: pick(locale, kpi.nameEn, kpi.nameZh),
      budgetFen: row.budgetFen,
      requiredLevel: row.requiredLevel,
      effectiveLevel: row.effectiveLevel,
      isMeasurable: row.isMeasurable,
      explanation: pick(locale, row.explanationEn, row.explanationZh),
      levelExplanation: pick(locale, row.levelExplanationEn, row.levelExplanationZh),
      methodId,
      methodName: method ? pick(locale, method.nameEn, method.nameZh) : null,
      methodIsTyped: Boolean(typed.methodId),
      dataSource: row.dataSourceEn ? pick(locale, row.dataSourceEn, row.dataSourceZh ?? row.dataSourceEn) : null,
      owner: typed.owner ?? row.owner,
      ownerIsTyped: Boolean(typed.owner),
      lagDays: typed.lagDays ?? row.lagDays,
      contractAccess: typed.contractAccess,
      needsDataAccessClause: row.needsDataAccessClause,
      bindingRate: typed.bindingRate,
      bridge: bridge ? { expectedBoundCustomers: bridge.expectedBoundCustomers, conversions } : null,
      plannedMethod:
        planned && plannedMethod && planned.status !== "measures"
          ? {
              status: planned.status,
              name: pick(locale, plannedMethod.nameEn, plannedMethod.nameZh),
              outputLevel: planned.outputLevel,
              minLineLevel: planned.minLineLevel,
              verdictMethodName: verdictMethod ? pick(locale, methodInSentenceEn(verdictMethod), verdictMethod.nameZh) : null,
            }
          : null,
      canChangeDestination: row.alternatives.some((a) => a.kind === "change-destination"),
      alternatives: row.alternatives.map((a) =>
        a.kind === "change-destination"
          ? { kind: a.kind, destinationId: a.destinationId, label: pick(locale, getDestination(a.destinationId)!.nameEn, getDestination(a.destinationId)!.nameZh), level: a.resultingLevel, explanation: pick(locale, a.explanationEn, a.explanationZh) }
          : {
              kind: a.kind,
              methodId: a.methodId,
              label: pick(locale, getMeasurementMethod(a.methodId)?.nameEn ?? a.methodId, getMeasurementMethod(a.methodId)?.nameZh ?? a.methodId),
              level: a.outputLevel,
              owner: a.owner,
              lagDays: a.lagDays,
              needsConsent: a.needsConsent,
              explanation: pick(locale, a.explanationEn, a.explanationZh),
            },
      ),
    };
  });
  return {
    strings: await routeStrings(request, ["measurement", "planner"]),
    access: accessView(access),
    canEdit: can(access, "client.plan.edit"),
    campaign: { id: plan.snapshot.campaign.id, name: plan.snapshot.campaign.name },
    coverage: derived.coverage,
    budgetWithoutKpiFen: derived.budgetWithoutKpiFen,
    rows,
    methods: MEASUREMENT_METHODS.map((m) => ({ id: m.id, name: pick(locale, m.nameEn, m.nameZh) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.plan.edit");
  if (!isUuid(params.campaignId)) throw notFound();
  const campaignId = params.campaignId;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = new URL(request.url).pathname;
  const locale = await getLocale(request);
  const schema = intent === "apply-destination" ? ApplyDestinationSchema : intent === "apply-method" ? ApplyMethodSchema : saveMeasurementSchema(locale);
  const submission = parseWithZod(formData, { schema });
  // The row the answer belongs to (the page has one form per line).
  const lineId = String(formData.get("lineId") ?? "");
  if (submission.status !== "success") return data({ lineId, result: replyToInvalid(submission, ["intent", "lineId", "version"], "planner.staleForm") }, { status: 400 });
  const value = submission.value;
  const conflict = () => data({ lineId, result: submission.reply({ formErrors: ["planner.conflictTitle"] }) }, { status: 409 });

  if (value.intent === "apply-destination") {
    const result = await applyDestination(access, campaignId, value.lineId, value.version, value.destinationId);
    if (!result) throw notFound();
    // The destination is the button's hidden value: what is wrong with it is said for the row.
    if (!result.ok && result.kind === "invalid") return data({ lineId, result: submission.reply({ formErrors: Object.values(result.errors).flat() }) }, { status: 400 });
    if (!result.ok) return conflict();
    return redirectWithToast(here, { kind: "success", key: "measurement.applied" });
  }
  if (value.intent === "apply-method") {
    const method = getMeasurementMethod(value.methodId)!;
    const plan = await getPlan(access, campaignId);
    const line = plan?.snapshot.lines.find((l) => l.id === value.lineId);
    if (!line) throw notFound();
    const result = await updateLineMeasurement(access, campaignId, value.lineId, value.version, { ...line.measurement, methodId: method.id, owner: method.defaultOwner, lagDays: method.lagDays });
    if (!result) throw notFound();
    if (!result.ok) return conflict();
    // A method changes how the KPI is measured, not whether it is (brief rule 4): the toast does not claim more.
    return redirectWithToast(here, { kind: "success", key: "measurement.methodApplied", params: { method: pick(locale, method.nameEn, method.nameZh) } });
  }
  const { owner, methodId, lagDays, contractAccess, bindingRate } = value;
  const result = await saveMeasurement(access, campaignId, value.lineId, value.version, { owner, methodId, lagDays, contractAccess, bindingRate });
  if (!result) throw notFound();
  if (!result.ok) return conflict();
  return redirectWithToast(here, { kind: "success", key: "measurement.saved" });
}

export default function MeasurementPage() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  useRouteStrings(loaderData.strings);
  const actionData = useActionData<typeof action>();
  const locale = useLocale();
  const { rows, coverage, canEdit, methods } = loaderData;
  return (
    <div className="space-y-6">
      <BackLink to="..">
        {t("measurement.back")}: {loaderData.campaign.name}
      </BackLink>
      <PageTitle>{t("measurement.title")}</PageTitle>
      <p className="-mt-3 max-w-3xl text-sm text-slate-700">{t("measurement.intro")}</p>
      <section className="card" aria-labelledby="coverage-title" data-testid="coverage-score">
        <h2 id="coverage-title" className="text-sm font-semibold text-slate-700">
          {t("measurement.coverage")}
        </h2>
        <p className="text-3xl font-bold tabular-nums text-teal-900" data-testid="coverage-ratio">
          {formatPercent(coverage.ratio, locale)}
        </p>
        <p className="text-sm text-slate-700">
          {t("measurement.coverageLine", {
            share: formatPercent(coverage.ratio, locale),
            covered: formatMoney(coverage.coveredFen, locale),
            uncovered: formatMoney(coverage.uncoveredFen, locale),
          })}
        </p>
        {loaderData.budgetWithoutKpiFen > 0 ? <p className="text-xs text-slate-600">{t("measurement.withoutKpi", { amount: formatMoney(loaderData.budgetWithoutKpiFen, locale) })}</p> : null}
      </section>
      {rows.length === 0 ? <p className="card text-sm text-slate-700">{t("measurement.noRows")}</p> : null}
      <ul className="space-y-4" data-testid="measurement-rows">
        {rows.map((row) => (
          <MeasurementRow key={row.lineId} row={row} result={actionData?.lineId === row.lineId ? actionData.result : undefined} canEdit={canEdit} methods={methods} locale={locale} />
        ))}
      </ul>
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

/** One line's measurement: the verdict, the alternatives, and the typed plan, with the errors of its last answer next to their fields. */
function MeasurementRow({ row, result, canEdit, methods, locale }: { row: Row; result: SubmissionResult<string[]> | undefined; canEdit: boolean; methods: { id: string; name: string }[]; locale: Locale }) {
  const { t } = useTranslation();
  const errors = (name: keyof SaveMeasurementInput & string) => replyErrors<SaveMeasurementInput>(result, name);
  return (
    <li className={`card border-l-4 ${row.isMeasurable ? "border-l-teal-700" : "border-l-amber-500"}`} data-testid={`mrow-${row.lineId}`} data-measurable={row.isMeasurable}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-xs text-slate-600">{row.lineName}</p>
          <h2 className="font-semibold text-slate-900">
            {row.kpiName} · <span className="font-normal">{row.route}</span>
          </h2>
          <p className="text-xs text-slate-600">{formatMoney(row.budgetFen, locale)}</p>
        </div>
        <dl className="flex flex-wrap items-center gap-3 text-xs">
          <div>
            <dt className="text-slate-600">{t("measurement.required")}</dt>
            <dd>
              <DataLevelBadge level={row.requiredLevel} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("measurement.effective")}</dt>
            <dd>
              <DataLevelBadge level={row.effectiveLevel} title={row.levelExplanation} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("measurement.measurable")}</dt>
            <dd className={`font-semibold ${row.isMeasurable ? "text-teal-800" : "text-amber-800"}`} data-testid="measurable">
              {row.isMeasurable ? `✓ ${t("measurement.yes")}` : `✗ ${t("measurement.no")}`}
            </dd>
          </div>
        </dl>
      </div>
      <p className="mt-2 text-sm text-slate-800" data-testid="verdict">
        {row.explanation}
      </p>
      {row.plannedMethod ? <PlannedMethodNote row={row} locale={locale} /> : null}
      <ErrorList errors={replyErrors(result, "")} />
      {!row.isMeasurable ? (
        <div className="mt-3 rounded-md bg-amber-50 p-3" data-testid="alternatives">
          <h3 className="text-sm font-semibold text-amber-950">{t("measurement.alternatives")}</h3>
          {row.alternatives.length === 0 ? <p className="text-sm text-amber-950">{t("measurement.noAlternatives")}</p> : null}
          <ul className="mt-1 space-y-2">
            {row.alternatives.map((alt) => (
              <li key={alt.kind === "change-destination" ? alt.destinationId : alt.methodId} className="flex flex-wrap items-center gap-2 text-sm">
                {alt.kind !== "change-destination" && row.methodIsTyped && row.methodId === alt.methodId ? (
                  <strong className="text-teal-900" data-testid="method-in-use">
                    ✓ {t("measurement.methodInUse", { method: alt.label })}
                  </strong>
                ) : canEdit ? (
                  <Form method="post">
                    <input type="hidden" name="lineId" value={row.lineId} />
                    <input type="hidden" name="version" value={row.version} />
                    {alt.kind === "change-destination" ? <input type="hidden" name="destinationId" value={alt.destinationId} /> : <input type="hidden" name="methodId" value={alt.methodId} />}
                    <button type="submit" name="intent" value={alt.kind === "change-destination" ? "apply-destination" : "apply-method"} className={alt.kind === "change-destination" ? "btn-primary" : "btn-secondary"}>
                      {alt.kind === "change-destination" ? t("measurement.applyDestination", { destination: alt.label }) : t("measurement.applyMethod", { method: alt.label })}
                    </button>
                  </Form>
                ) : (
                  <strong>{alt.label}</strong>
                )}
                <DataLevelBadge level={alt.level} />
                <span className="text-xs text-slate-700">
                  {alt.kind === "change-destination" ? t("measurement.planChange") : `${t("measurement.methodChangeOnly")} · ${t("measurement.aggregateEstimate", { level: t(`level.${alt.level}`) })}`}
                  {alt.kind !== "change-destination" && alt.needsConsent ? ` · ${t("measurement.needsConsent")}` : ""}
                </span>
                <span className="w-full text-xs text-slate-600">{alt.explanation}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* Keyed by version: the uncontrolled fields show what was saved after an apply or a save. */}
      <Form key={`${row.lineId}:${row.version}`} method="post" className="mt-3 grid gap-3 md:grid-cols-5" aria-label={`${t("measurement.save")} — ${row.lineName}`}>
        <input type="hidden" name="intent" value="save-measurement" />
        <input type="hidden" name="lineId" value={row.lineId} />
        <input type="hidden" name="version" value={row.version} />
        <label className="text-xs md:col-span-2">
          {t("measurement.method")}
          <select name="methodId" defaultValue={row.methodIsTyped ? (row.methodId ?? "") : ""} disabled={!canEdit} className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">
              {row.methodName ? `${row.methodName} (${t("measurement.suggested")})` : "—"}
            </option>
            {methods.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          {row.dataSource ? <span className="mt-0.5 block text-slate-600">{row.dataSource}</span> : null}
          <ErrorList errors={errors("methodId")} />
        </label>
        <label className="text-xs">
          {t("measurement.owner")}
          <select name="owner" defaultValue={row.ownerIsTyped ? (row.owner ?? "") : ""} disabled={!canEdit} className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">{row.owner ? `${t(`measurement.ownerName.${row.owner}`)} (${t("measurement.suggested")})` : "—"}</option>
            {MEASUREMENT_OWNERS.map((o) => (
              <option key={o} value={o}>
                {t(`measurement.ownerName.${o}`)}
              </option>
            ))}
          </select>
          <ErrorList errors={errors("owner")} />
        </label>
        <label className="text-xs">
          {t("measurement.lag")}
          <input name="lagDays" defaultValue={row.lagDays ?? ""} inputMode="numeric" disabled={!canEdit} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm" />
          <ErrorList errors={errors("lagDays")} />
        </label>
        <label className="text-xs">
          {t("measurement.contract")}
          <select name="contractAccess" defaultValue={row.contractAccess} disabled={!canEdit} className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm" title={t("measurement.contractHelp")}>
            {CONTRACT_ACCESS.map((c) => (
              <option key={c} value={c}>
                {t(`measurement.access.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {row.bridge ? (
          <fieldset className="rounded border border-teal-200 bg-teal-50 p-2 text-xs md:col-span-5" data-testid="identity-bridge">
            <legend className="px-1 font-semibold">{t("measurement.identityTitle")}</legend>
            <p className="text-slate-700">{t("measurement.identityHelp")}</p>
            <label className="mt-1 inline-flex items-center gap-2">
              {t("measurement.bindingRate")}
              <input name="bindingRate" defaultValue={row.bindingRate === null ? "" : ratioToPercentText(row.bindingRate, locale)} inputMode="decimal" disabled={!canEdit} className="w-20 rounded border border-slate-300 px-2 py-1 text-sm" />
            </label>
            <ErrorList errors={errors("bindingRate")} />
            {row.bindingRate !== null ? (
              <p className="mt-1 font-medium">
                {t("measurement.expectedBound", { bound: formatNumber(row.bridge.expectedBoundCustomers, locale), conversions: formatNumber(row.bridge.conversions, locale) })}
              </p>
            ) : null}
            <p className="mt-1 text-amber-900">{t("measurement.consentRequired")}</p>
          </fieldset>
        ) : null}
        {canEdit ? (
          <div className="md:col-span-5">
            <button type="submit" className="btn-secondary">
              {t("measurement.save")}
            </button>
          </div>
        ) : null}
      </Form>
    </li>
  );
}

/** Issue 12: the planner's method cannot make the KPI measurable here — say why, and what would. */
function PlannedMethodNote({ row, locale }: { row: Row; locale: Locale }) {
  const { t } = useTranslation();
  const planned = row.plannedMethod!;
  const names = {
    method: planned.name,
    kpi: row.kpiName,
    output: levelName(planned.outputLevel, locale),
    required: levelName(row.requiredLevel, locale),
    effective: levelName(row.effectiveLevel, locale),
    min: levelName(planned.minLineLevel, locale),
  };
  const sentences = [t(`measurement.methodNote.${planned.status}`, names)];
  if (!row.isMeasurable) {
    sentences.push(t("measurement.methodNote.staysUnmeasurable", names));
    sentences.push(t(row.canChangeDestination ? "measurement.methodNote.changeDestination" : "measurement.methodNote.noDestination", names));
  } else if (planned.verdictMethodName) {
    sentences.push(t("measurement.methodNote.verdictRestsOn", { verdictMethod: planned.verdictMethodName }));
  }
  return (
    <p className="mt-2 rounded-md border border-slate-300 bg-slate-50 p-2 text-sm text-slate-800" data-testid="method-note">
      {sentences.join(locale === "zh" ? "" : " ")}
    </p>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
