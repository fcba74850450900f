import { useTranslation } from "react-i18next";
import { lazy, Suspense } from "react";
import { DataLevelBadge } from "~/components/data-level-badge";
import { useHydrated } from "~/components/use-hydrated";
import type { DataLevel } from "~/domain/data-level";
import type { Locale } from "~/i18n/config";
import { formatMoney, formatPercent } from "~/i18n/format";
import type { PlanPageData } from "./view.server";

const BudgetChart = lazy(() => import("./budget-chart"));

const LEVEL_COLOR: Record<DataLevel, string> = { individual: "#0f766e", transactional: "#1d4ed8", aggregated: "#64748b" };
const STAGE_COLOR = "#0e7490";

type Slice = { key: string; label: string; budgetFen: number; share: number; color: string };

/** A horizontal bar chart (recharts) with its figures printed, plus the same data as a table for screen readers. */
function BudgetBars({ title, slices, locale, testId }: { title: string; slices: Slice[]; locale: Locale; testId: string }) {
  // Recharts measures text in the DOM, so the chart is drawn after hydration; the table is there from the first byte.
  const hydrated = useHydrated();
  const data = slices.map((s) => ({
    ...s,
    yuan: s.budgetFen / 100,
    barLabel: `${formatMoney(s.budgetFen, locale, "CNY", { compact: true })} · ${formatPercent(s.share, locale)}`,
    text: `${formatMoney(s.budgetFen, locale)} · ${formatPercent(s.share, locale)}`,
  }));
  const height = Math.max(60, data.length * 34);
  return (
    <figure className="card" data-testid={testId}>
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{title}</figcaption>
      <div aria-hidden="true" style={{ minHeight: height }}>
        {hydrated ? (
          <Suspense fallback={null}>
            <BudgetChart data={data} height={height} />
          </Suspense>
        ) : null}
      </div>
      {/* The screen-reader copy sits in a clipped box: a table ignores sr-only's 1 px width and widened a phone page. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <tbody>
            {data.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.label}</th>
                <td>{d.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export function PlanSummary({ data, locale }: { data: PlanPageData; locale: Locale }) {
  const { t } = useTranslation();
  const { summary, campaign } = data;
  const reporting = (fen: number) =>
    campaign.reportingCurrency !== "CNY" ? ` (${t("planner.inReporting", { amount: formatMoney(Math.round(fen / campaign.fxRate), locale, campaign.reportingCurrency) })})` : "";
  const status =
    summary.status === "over"
      ? t("planner.overBy", { amount: formatMoney(summary.overAllocatedFen, locale) })
      : summary.status === "under"
        ? t("planner.underBy", { amount: formatMoney(summary.unallocatedFen, locale) })
        : t("planner.balanced");
  return (
    <section aria-labelledby="summary-title" className="space-y-4">
      <h2 id="summary-title" className="text-xl font-semibold">
        {t("planner.summaryTitle")}
      </h2>
      <div className="grid gap-4 md:grid-cols-3 [&>*]:min-w-0">
        <div className="card" data-testid="budget-totals">
          <p className="text-sm text-slate-600">{t("planner.campaignBudget")}</p>
          <p className="text-xl font-semibold tabular-nums">
            {formatMoney(summary.campaignBudgetFen, locale)}
            <span className="text-sm font-normal text-slate-600">{reporting(summary.campaignBudgetFen)}</span>
          </p>
          <p className="mt-2 text-sm text-slate-600">{t("planner.allocated")}</p>
          <p className="text-lg tabular-nums">{formatMoney(summary.allocatedFen, locale)}</p>
          <p
            className={`mt-2 rounded px-2 py-1 text-sm font-medium ${summary.status === "over" ? "bg-red-50 text-red-800" : summary.status === "under" ? "bg-amber-50 text-amber-900" : "bg-teal-50 text-teal-900"}`}
            data-testid="allocation-status"
          >
            {status}
          </p>
          <p className="mt-3 text-sm" data-testid="coverage">
            {t("planner.coverage", { share: formatPercent(data.coverage.ratio, locale) })}
            {data.coverage.uncoveredFen > 0 ? ` ${t("planner.coverageUncovered", { amount: formatMoney(data.coverage.uncoveredFen, locale) })}` : ""}
          </p>
          <p className="mt-3 text-sm" data-testid="individual-share">
            <DataLevelBadge level="individual" /> {t("planner.individualShare", { share: formatPercent(summary.individualShare, locale, 1) })}
          </p>
        </div>
        <BudgetBars
          testId="chart-ecosystem"
          title={t("planner.byEcosystem")}
          locale={locale}
          slices={summary.byEcosystem.map((s) => ({ key: s.key, label: s.label, budgetFen: s.budgetFen, share: s.share, color: s.color }))}
        />
        <BudgetBars
          testId="chart-level"
          title={t("planner.byLevel")}
          locale={locale}
          slices={summary.byDataLevel.map((s) => ({ key: s.key, label: t(`level.${s.key}`), budgetFen: s.budgetFen, share: s.share, color: LEVEL_COLOR[s.key as DataLevel] }))}
        />
        <BudgetBars
          testId="chart-stage"
          title={t("planner.byStage")}
          locale={locale}
          slices={summary.byFunnelStage.map((s) => ({ key: s.key, label: t(`catalog.stageName.${s.key}`), budgetFen: s.budgetFen, share: s.share, color: STAGE_COLOR }))}
        />
        <div className="card md:col-span-2" aria-labelledby="warnings-title">
          <h3 id="warnings-title" className="text-sm font-semibold text-slate-800">
            {t("planner.warningsTitle")}
          </h3>
          {data.warnings.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">{t("planner.noWarnings")}</p>
          ) : (
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-amber-950" data-testid="warnings">
              {data.warnings.map((w, i) => {
                const p = (w as { params?: Record<string, unknown> }).params ?? {};
                const money = (v: unknown) => (typeof v === "number" ? formatMoney(v, locale) : "");
                return (
                  <li key={i}>
                    {t(`planner.warning.${w.code}`, {
                      ...(p as Record<string, string>),
                      amount: money(p.unallocatedFen ?? p.overAllocatedFen ?? p.amountFen),
                      unitCost: money(p.unitCostFen),
                      min: money(p.minFen),
                      max: money(p.maxFen),
                      budget: money(p.budgetFen),
                      cost: money(p.naturalCostFen),
                    })}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
