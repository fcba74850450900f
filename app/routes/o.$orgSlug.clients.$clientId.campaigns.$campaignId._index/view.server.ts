import { getDestination, getEcosystem, getKpi, KPIS, type Placement } from "~/domain/catalog";
import { weeksInRange } from "~/domain/dates";
import { daysBetweenInclusive } from "~/domain/dates";
import { estimateDeliverables } from "~/domain/estimates";
import { allocateFlighting } from "~/domain/flighting";
import { explainLevel, resolveLineLevel } from "~/domain/openness";
import type { PlanLine } from "~/domain/plan";
import { summarisePlan } from "~/domain/plan-summary";
import { planWarnings } from "~/domain/plan-warnings";
import type { Locale } from "~/i18n/config";
import { findOrganizationPlacement, type OrganizationCatalog } from "~/services/catalog.server";
import type { LoadedPlan } from "~/services/planner.server";

// The plan page in the reader's language: every derived figure computed here, once, on the server.

const pick = (locale: Locale, en: string, zh: string) => (locale === "zh" ? zh : en);

function deriveLineView(line: PlanLine, placement: Placement | undefined, catalog: OrganizationCatalog, locale: Locale) {
  const destination = getDestination(line.destinationId);
  const ecosystem = getEcosystem(line.ecosystemId);
  const level = placement && destination ? resolveLineLevel(placement, destination, catalog.levelOverrides) : null;
  const estimate = placement
    ? estimateDeliverables({
        buyingModel: line.buyingModel,
        budgetFen: line.budgetFen,
        unitCostFen: line.unitCostFen ?? undefined,
        days: daysBetweenInclusive(line.startDate, line.endDate),
        benchmarks: placement.benchmarks,
        overrides: catalog.benchmarkOverrides[placement.id],
      })
    : null;
  const flighting = allocateFlighting({
    budgetFen: line.budgetFen,
    start: line.startDate,
    end: line.endDate,
    mode: line.flightingMode,
    customFen: line.customFlightingFen ?? undefined,
  });
  return {
    ...line,
    placementName: placement ? pick(locale, placement.nameEn, placement.nameZh) : line.placementId,
    ecosystemName: ecosystem ? pick(locale, ecosystem.nameEn, ecosystem.nameZh) : line.ecosystemId,
    ecosystemColor: ecosystem?.colorHex ?? "#64748b",
    destinationName: destination ? pick(locale, destination.nameEn, destination.nameZh) : line.destinationId,
    kpiName: line.kpiId ? (getKpi(line.kpiId) ? pick(locale, getKpi(line.kpiId)!.nameEn, getKpi(line.kpiId)!.nameZh) : line.kpiId) : null,
    level: level?.effective ?? "aggregated",
    isReachable: level?.isReachable ?? false,
    explanation: placement && destination ? explainLevel(placement, destination, locale, catalog.levelOverrides) : "",
    funnelStage: placement?.funnelStage ?? "awareness",
    bidBounds: placement?.bidBoundsFen[line.buyingModel] ?? null,
    estimate: estimate
      ? {
          impressions: estimate.impressions,
          clicks: estimate.clicks,
          views: estimate.views,
          conversions: estimate.conversions,
          engagements: estimate.engagements,
          sources: estimate.sources,
          notes: estimate.notes,
        }
      : null,
    flightWeeks: flighting.ok ? flighting.weeks.map((w) => ({ week: w.week, amountFen: w.amountFen })) : [],
  };
}

export type LineView = ReturnType<typeof deriveLineView>;

export function planPageData(plan: LoadedPlan, locale: Locale) {
  const { snapshot, catalog } = plan;
  const campaign = snapshot.campaign;
  const lines = snapshot.lines.map((line) => deriveLineView(line, findOrganizationPlacement(catalog, line.placementId), catalog, locale));
  const summary = summarisePlan({
    campaignBudgetFen: campaign.budgetFen,
    lines: lines.map((l) => ({ id: l.id, budgetFen: l.budgetFen, ecosystemId: l.ecosystemId, funnelStage: l.funnelStage, dataLevel: l.level })),
  });
  const warnings = planWarnings({
    campaign: { start: campaign.startDate, end: campaign.endDate, budgetFen: campaign.budgetFen },
    lines: lines.map((l) => ({
      id: l.id,
      name: l.name,
      start: l.startDate,
      end: l.endDate,
      budgetFen: l.budgetFen,
      buyingModel: l.buyingModel,
      unitCostFen: l.unitCostFen ?? undefined,
      bidBoundsFen: l.bidBounds ? { minFen: l.bidBounds.minFen, maxFen: l.bidBounds.maxFen } : undefined,
      destinationReachable: l.isReachable,
    })),
  });
  const ecosystemName = (id: string) => {
    const e = getEcosystem(id);
    return { label: e ? pick(locale, e.nameEn, e.nameZh) : id, color: e?.colorHex ?? "#64748b" };
  };
  return {
    campaign,
    lines,
    summary: {
      ...summary,
      byEcosystem: summary.byEcosystem.map((s) => ({ ...s, ...ecosystemName(s.key) })),
    },
    warnings,
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
      kpis: KPIS.map((k) => ({ id: k.id, name: pick(locale, k.nameEn, k.nameZh), requiredLevel: k.requiredLevel })),
    },
  };
}

export type PlanPageData = ReturnType<typeof planPageData>;
