import { notFound } from "~/domain/errors";
import { useLocale, useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ColumnHeads } from "~/components/column-heads";
import { DataLevelBadge } from "~/components/data-level-badge";
import { EcosystemLevelChart, LevelLegend } from "~/components/ecosystem-level-chart";
import { PageTitle } from "~/components/forms";
import { CATALOG_VERSION } from "~/domain/catalog";
import { DATA_LEVELS } from "~/domain/data-level";
import type { Locale } from "~/i18n/config";
import { formatDate, formatMoney, formatPercent } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { addCustomPlacement, loadOrganizationCatalog, removeLevelOverride, setBenchmarkOverride, setLevelOverride } from "~/services/catalog.server";
import { benchmarkSchema, customPlacementSchema, LevelOverrideSchema, RemoveLevelOverrideSchema } from "~/services/forms/catalog.server";
import { accessView, can, inScope, requireScope } from "~/tenancy/access.server";
import { redirectWithToast } from "~/toast.server";
import { CatalogManagement } from "./manage";
import { catalogPageData, readFilters } from "./view.server";

export const meta: MetaFunction = () => [{ title: "Channel catalog · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "org.catalog.view");
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const filters = readFilters(url);
  const catalog = await inScope(access, (scope) => loadOrganizationCatalog(scope));
  return { strings: await routeStrings(request, ["catalog"]), access: accessView(access), filters, canManage: can(access, "org.catalog.manage"), ...catalogPageData(catalog, filters, locale) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "org.catalog.manage");
  const locale = await getLocale(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = new URL(request.url).pathname;
  if (intent === "set-level") {
    const submission = parseWithZod(formData, { schema: LevelOverrideSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const result = await setLevelOverride(access, submission.value);
    if (!result.ok) return data({ intent, result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 });
    return redirectWithToast(back, { kind: "success", key: "catalog.overrideSaved" });
  }
  if (intent === "remove-level") {
    const submission = parseWithZod(formData, { schema: RemoveLevelOverrideSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    if (!(await removeLevelOverride(access, submission.value.targetType, submission.value.targetId))) throw notFound();
    return redirectWithToast(back, { kind: "success", key: "catalog.overrideRemoved" });
  }
  if (intent === "set-benchmarks") {
    const submission = parseWithZod(formData, { schema: benchmarkSchema(locale) });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { placementId, cpm, cpc, ctr, cvr } = submission.value;
    const result = await setBenchmarkOverride(access, placementId, { cpmFen: cpm, cpcFen: cpc, ctr, cvr });
    if (!result.ok) return data({ intent, result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 });
    return redirectWithToast(back, { kind: "success", key: "catalog.benchmarksSaved" });
  }
  if (intent === "add-custom") {
    const submission = parseWithZod(formData, { schema: customPlacementSchema(locale) });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { cpm, cpc, ctr, cvr, ...rest } = submission.value;
    await addCustomPlacement(access, { ...rest, benchmarks: { cpmFen: cpm, cpcFen: cpc, ctr, cvr } });
    return redirectWithToast(back, { kind: "success", key: "catalog.customAdded" });
  }
  return data({ intent: null, result: null }, { status: 400 });
}

export default function CatalogPage() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useLocale();
  const { placements, chart, filters, ecosystems, canManage } = loaderData;
  const fmtFen = (fen?: number) => (fen === undefined ? null : formatMoney(fen, locale));
  return (
    <div className="space-y-8">
      <div>
        <PageTitle actions={<span className="text-xs text-slate-500">{t("catalog.version", { version: CATALOG_VERSION })}</span>}>{t("catalog.title")}</PageTitle>
        <p className="-mt-3 max-w-3xl text-sm text-slate-700">{t("catalog.intro")}</p>
      </div>

      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="legend-title">
          <h2 id="legend-title" className="mb-2 text-lg font-semibold">
            {t("catalog.legendTitle")}
          </h2>
          <LevelLegend />
        </section>
        <section className="card min-w-0">
          <h2 id="chart-title" className="mb-2 text-lg font-semibold">
            {t("catalog.chartTitle")}
          </h2>
          {/* Wider than a phone: it scrolls sideways in a region a keyboard can focus. */}
          <div role="region" aria-labelledby="chart-title" tabIndex={0} className="relative overflow-x-auto rounded" data-testid="chart-scroll">
            <EcosystemLevelChart rows={chart} caption={t("catalog.chartCaption")} />
          </div>
        </section>
      </div>

      <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label={t("catalog.filters")}>
        <FilterSelect name="ecosystem" label={t("catalog.ecosystem")} value={filters.ecosystemId} all={t("catalog.allEcosystems")} options={ecosystems.map((e) => ({ value: e.id, label: e.name }))} />
        <FilterSelect name="level" label={t("catalog.level")} value={filters.level} all={t("catalog.allLevels")} options={[...DATA_LEVELS].reverse().map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        <FilterSelect name="stage" label={t("catalog.stage")} value={filters.funnelStage} all={t("catalog.allStages")} options={["awareness", "consideration", "conversion", "loyalty"].map((s) => ({ value: s, label: t(`catalog.stageName.${s}`) }))} />
        <FilterSelect name="model" label={t("catalog.buyingModel")} value={filters.buyingModel} all={t("catalog.allModels")} options={["cpm", "cpc", "ocpm", "ocpc", "cpv", "cpa", "cpe", "cpt", "cps"].map((m) => ({ value: m, label: t(`model.${m}`) }))} />
        <button type="submit" className="btn-primary">
          {t("catalog.apply")}
        </button>
        <Link to="." className="btn-secondary">
          {t("catalog.reset")}
        </Link>
        <p className="ml-auto text-sm text-slate-600" aria-live="polite" data-testid="result-count">
          {t("catalog.results", { count: placements.length })}
        </p>
      </Form>

      {placements.length === 0 ? <p className="card text-slate-700">{t("catalog.noResults")}</p> : null}
      <ul className="space-y-4" data-testid="placements">
        {placements.map((p) => (
          <li key={p.id} className="card" data-testid={`placement-${p.id}`} style={{ borderLeft: `4px solid ${p.ecosystemColor}` }}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
                  {p.ecosystemName} · {t(`catalog.stageName.${p.funnelStage}`)}
                  {p.isCustom ? ` · ${t("catalog.custom")}` : ""}
                </p>
                <h3 className="text-lg font-semibold text-slate-900">
                  {p.name} <span className="text-sm font-normal text-slate-500">{p.otherName}</span>
                </h3>
                <p className="mt-1 max-w-3xl text-sm text-slate-700">{p.description}</p>
              </div>
              <div className="text-right">
                <p className="text-xs text-slate-500">{t("catalog.bestRoute")}</p>
                <DataLevelBadge level={p.bestLevel} title={p.bestExplanation ?? undefined} />
              </div>
            </div>
            {p.bestExplanation ? (
              <p className="mt-2 rounded bg-slate-50 px-3 py-2 text-sm text-slate-800" data-testid="explanation">
                {p.bestExplanation}
              </p>
            ) : null}
            <div className="mt-3 grid gap-4 md:grid-cols-3">
              <div className="text-sm">
                <p className="font-medium text-slate-700">{t("catalog.reports")}</p>
                <DataLevelBadge level={p.reporting.level} />
                <OverrideNote override={p.reporting.override} catalogLevel={p.reporting.catalogLevel} level={p.reporting.level} locale={locale} />
                <p className="mt-2 font-medium text-slate-700">{t("catalog.buyingModels")}</p>
                <p>{p.buyingModels.map((m) => t(`model.${m}`)).join(" · ")}</p>
                {p.bidBounds.map((b) => (
                  <p key={b.model} className="text-xs text-slate-600">
                    {t("catalog.bidBounds", { model: t(`model.${b.model}`), min: fmtFen(b.minFen), max: fmtFen(b.maxFen) })}
                  </p>
                ))}
              </div>
              <div className="text-sm md:col-span-2">
                <p className="font-medium text-slate-700">{t("catalog.destinations")}</p>
                <table className="mt-1 w-full text-left">
                  <thead className="sr-only">
                    <ColumnHeads columns={[{ label: t("catalog.destinations") }, { label: t("catalog.capture") }, { label: t("catalog.effective") }]} />
                  </thead>
                  <tbody>
                    {p.routes.map((r) => (
                      <tr key={r.destinationId} className="border-t border-slate-100 align-top">
                        <td className="py-1 pr-2">
                          {r.name}
                          <span className="block text-xs text-slate-600">{r.captured}</span>
                          <OverrideNote override={r.capture.override} catalogLevel={r.capture.catalogLevel} level={r.capture.level} locale={locale} />
                        </td>
                        <td className="py-1 text-right">
                          <DataLevelBadge level={r.effective} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
            <p className="mt-3 text-xs text-slate-600">
              {t("catalog.benchmarks")} ({t("catalog.indicative")}):{" "}
              {benchmarkText(p.benchmarks, locale)}
              {p.orgBenchmarks ? (
                <span className="ml-2 font-medium text-slate-800">
                  {t("catalog.yourBenchmarks")}:{" "}
                  {benchmarkText(p.orgBenchmarks, locale)}
                </span>
              ) : null}
            </p>
          </li>
        ))}
      </ul>

      {canManage ? <CatalogManagement data={loaderData} actionData={actionData ?? null} /> : null}
    </div>
  );
}

type Benchmarks = { cpmFen?: number; cpcFen?: number; ctr?: number; cvr?: number };

/** "CPM ¥45.00 · CTR 1.20%": the benchmarks a placement has, money in CNY and rates as percentages. */
function benchmarkText(b: Benchmarks, locale: Locale): string {
  const money = (fen: number) => formatMoney(fen, locale);
  const rate = (ratio: number) => formatPercent(ratio, locale, 2);
  return [b.cpmFen !== undefined ? `CPM ${money(b.cpmFen)}` : null, b.cpcFen !== undefined ? `CPC ${money(b.cpcFen)}` : null, b.ctr !== undefined ? `CTR ${rate(b.ctr)}` : null, b.cvr !== undefined ? `CVR ${rate(b.cvr)}` : null]
    .filter(Boolean)
    .join(" · ");
}

function FilterSelect({ name, label, value, all, options }: { name: string; label: string; value?: string; all: string; options: { value: string; label: string }[] }) {
  return (
    <div className="flex flex-col text-sm">
      <label htmlFor={`filter-${name}`} className="font-medium text-slate-800">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function OverrideNote({
  override,
  catalogLevel,
  level,
  locale,
}: {
  override: { by: string | null; at: string | null; justification: string } | null;
  catalogLevel: string;
  level: string;
  locale: "en" | "zh";
}) {
  const { t } = useTranslation();
  if (!override) return null;
  return (
    <p className="mt-1 rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-950" data-testid="override-note">
      <strong>{t("catalog.overridden")}:</strong>{" "}
      {t("catalog.overrideBy", {
        level: t(`level.${level}`),
        by: override.by ?? "—",
        date: override.at ? formatDate(override.at.slice(0, 10), locale) : "—",
        justification: override.justification,
      })}{" "}
      ({t("catalog.catalogLevelWas", { level: t(`level.${catalogLevel}`) })})
    </p>
  );
}
