import { getDestination, getEcosystem, KPIS } from "~/domain/catalog";
import { weeksInRange } from "~/domain/dates";
import { derivePlan, type DerivedLine } from "~/domain/plan-derive";
import { planWarnings } from "~/domain/plan-warnings";
import type { Locale } from "~/i18n/config";
import { lineInputOf } from "~/domain/plan";
import { kpiTargetToInput } from "~/services/forms/planner.server";
import type { LoadedPlan } from "~/services/planner.server";

// The plan page in the reader's language: every derived figure computed here, once, on the server.

const pick = (locale: Locale, en: string, zh: string) => (locale === "zh" ? zh : en);

/**
 * A line as the page shows it and its forms start from: what a person sets (LineInput), its id and
 * version, and the figures derived on the server. Only what the page reads is sent (it is rendered and
 * then sent again for hydration): no measurement fields, no position, no empty estimate figures.
 */
function lineView(derived: DerivedLine, locale: Locale) {
  const { line, placement, destination, kpi, estimate, flighting } = derived;
  const ecosystem = getEcosystem(line.ecosystemId);
  return {
    ...lineInputOf(line),
    id: line.id,
    version: line.version,
    ecosystemId: line.ecosystemId,
    placementName: placement ? pick(locale, placement.nameEn, placement.nameZh) : line.placementId,
    ecosystemName: ecosystem ? pick(locale, ecosystem.nameEn, ecosystem.nameZh) : line.ecosystemId,
    ecosystemColor: ecosystem?.colorHex ?? "#64748b",
    destinationName: destination ? pick(locale, destination.nameEn, destination.nameZh) : line.destinationId,
    kpiName: kpi ? pick(locale, kpi.nameEn, kpi.nameZh) : line.kpiId,
    kpiUnit: kpi?.unit ?? null,
    days: derived.days,
    /** The target as the person types it (a money target in yuan). */
    kpiTargetInput: kpiTargetToInput(line.kpiId, line.kpiTarget),
    level: derived.effectiveLevel,
    explanation: derived.levelExplanation,
    estimate: estimate
      ? {
          ...pickFigures(estimate),
          notes: estimate.notes,
          naturalCostFen: estimate.naturalCostFen,
          boughtDays: estimate.boughtDays,
        }
      : null,
    /** Fen per ISO week ("2027-W01"), only the weeks it spends in. */
    flightWeeks: flighting.ok ? Object.fromEntries(flighting.weeks.filter((w) => w.amountFen > 0).map((w) => [w.week, w.amountFen])) : {},
  };
}

const SHOWN_FIGURES = ["impressions", "clicks", "views", "conversions"] as const;
type ShownFigure = (typeof SHOWN_FIGURES)[number];

/** The estimate's figures the table shows, each with where it came from; figures without a value are left out. */
function pickFigures(estimate: NonNullable<DerivedLine["estimate"]>) {
  const figures: Partial<Record<ShownFigure, number>> = {};
  const sources: Partial<Record<ShownFigure, string>> = {};
  for (const figure of SHOWN_FIGURES) {
    const value = estimate[figure];
    if (value === null || value === undefined) continue;
    figures[figure] = value;
    const source = estimate.sources[figure];
    if (source) sources[figure] = source;
  }
  return { figures, sources };
}

export type LineView = ReturnType<typeof lineView>;

/** Lines shown per page: the summary covers every line, the table and calendar one page at a time. */
export const LINES_PER_PAGE = 50;

export function planPageData(plan: LoadedPlan, locale: Locale, requestedPage = 1) {
  const { snapshot, catalog } = plan;
  const campaign = snapshot.campaign;
  const derived = derivePlan(snapshot, catalog, locale);
  const pageCount = Math.max(1, Math.ceil(derived.lines.length / LINES_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  const offset = (page - 1) * LINES_PER_PAGE;
  const lines = derived.lines.slice(offset, offset + LINES_PER_PAGE).map((line) => lineView(line, locale));
  const summary = derived.summary;
  const warnings = planWarnings({
    campaign: { start: campaign.startDate, end: campaign.endDate, budgetFen: campaign.budgetFen },
    lines: derived.lines.map(({ line, placement, level, estimate, days }) => {
      const bounds = placement?.bidBoundsFen[line.buyingModel];
      return {
        id: line.id,
        name: line.name,
        start: line.startDate,
        end: line.endDate,
        budgetFen: line.budgetFen,
        buyingModel: line.buyingModel,
        unitCostFen: line.unitCostFen ?? undefined,
        bidBoundsFen: bounds ? { minFen: bounds.minFen, maxFen: bounds.maxFen } : undefined,
        destinationReachable: level?.isReachable ?? false,
        fixedCost:
          estimate?.naturalCostFen != null && estimate.boughtDays !== null ? { naturalCostFen: estimate.naturalCostFen, days, boughtDays: estimate.boughtDays } : undefined,
      };
    }),
  });
  const ecosystemName = (id: string) => {
    const e = getEcosystem(id);
    return { label: e ? pick(locale, e.nameEn, e.nameZh) : id, color: e?.colorHex ?? "#64748b" };
  };
  return {
    campaign,
    lines,
    lineOffset: offset,
    totalLines: derived.lines.length,
    page,
    pageCount,
    summary: {
      ...summary,
      byEcosystem: summary.byEcosystem.map((s) => ({ ...s, ...ecosystemName(s.key) })),
    },
    warnings,
    coverage: derived.coverage,
    weeks: weeksInRange(campaign.startDate, campaign.endDate).map((w) => ({ week: w.week, start: w.start, end: w.end })),
    options: {
      placements: catalog.placements.map((p) => ({
        id: p.id,
        name: pick(locale, p.nameEn, p.nameZh),
        ecosystemId: p.ecosystemId,
        destinations: [...p.destinations],
        buyingModels: [...p.buyingModels],
        defaultBuyingModel: p.defaultBuyingModel,
      })),
      destinations: Object.fromEntries(
        [...new Set(catalog.placements.flatMap((p) => p.destinations))].map((id) => {
          const d = getDestination(id)!;
          return [id, { name: pick(locale, d.nameEn, d.nameZh), level: d.captureLevel }];
        }),
      ),
      ecosystems: [...new Set(catalog.placements.map((p) => p.ecosystemId))].map((id) => ({ id, ...ecosystemName(id) })),
      kpis: KPIS.map((k) => ({ id: k.id, name: pick(locale, k.nameEn, k.nameZh), requiredLevel: k.requiredLevel, unit: k.unit })),
    },
  };
}

export type PlanPageData = ReturnType<typeof planPageData>;
