// Everything Qiao computes about a plan, in one pure pass: per line its placement, destination,
// effective data level and the sentence explaining it, estimated deliverables and weekly
// flighting; per plan the summary, the measurement plan and the coverage score. Exports use it
// today and the planner pages can use it too, so the workbook and the screen never disagree.
import type { Benchmarks } from "./buying-models";
import { getDestination, getKpi, type Destination, type Kpi, type Locale, type Placement } from "./catalog";
import type { DataLevel } from "./data-level";
import { daysBetweenInclusive, isIsoDate } from "./dates";
import { estimateDeliverables, type Estimate } from "./estimates";
import { allocateFlighting, type AllocateFlightingResult } from "./flighting";
import { buildMeasurementRows, coverageScore, type CoverageScore, type MeasurementLine, type MeasurementRow } from "./measurement";
import { explainLevel, resolveLineLevel, type LevelOverride, type LineLevel } from "./openness";
import type { PlanLine, PlanSnapshot } from "./plan";
import { summarisePlan, type PlanSummary } from "./plan-summary";

/**
 * The catalog as one organization sees it (structurally the same as OrganizationCatalog in
 * app/services/catalog.server.ts, repeated here so the domain imports no service code).
 */
export type PlanCatalog = {
  /** Catalog placements plus the organization's custom ones ("custom-<uuid>"). */
  placements: readonly Placement[];
  /** Per placement id: the organization's replacement benchmarks (win over the catalog's). */
  benchmarkOverrides: Readonly<Record<string, Benchmarks>>;
  /** Oldest first; the latest valid override of a target wins. */
  levelOverrides: readonly LevelOverride[];
};

export type DerivedLine = {
  line: PlanLine;
  /** Undefined when the line points at a placement the organization no longer has. */
  placement: Placement | undefined;
  destination: Destination | undefined;
  kpi: Kpi | undefined;
  /** Days of the line, inclusive; 0 when the dates are invalid or inverted. */
  days: number;
  /** Null when placement or destination is unknown. */
  level: LineLevel | null;
  /**
   * The line's effective data level (brief rule 3). With an unknown placement or destination it is
   * "aggregated": the least open level, so nothing is ever promised that the data cannot give.
   */
  effectiveLevel: DataLevel;
  /** One sentence on why (brief rule 3), in the requested locale; empty when the route is unknown. */
  levelExplanation: string;
  /** Estimated deliverables (issue 5); null when the placement is unknown. */
  estimate: Estimate | null;
  /** Budget per ISO week, summing exactly to the budget, or why it cannot be split. */
  flighting: AllocateFlightingResult;
};

export type DerivedPlan = {
  snapshot: PlanSnapshot;
  /** In plan order (position, then id). */
  lines: DerivedLine[];
  summary: PlanSummary;
  /** One row per line with a KPI and a known route, in plan order. */
  measurementRows: MeasurementRow[];
  /** Share of budget on lines whose KPI is measurable as planned (lines with a KPI only). */
  coverage: CoverageScore;
  /** Budget of lines without a KPI: outside the coverage score, shown beside it. */
  budgetWithoutKpiFen: number;
};

/** A lookup of the organization's placements, built once per plan. */
export function indexPlacements(catalog: PlanCatalog): ReadonlyMap<string, Placement> {
  return new Map(catalog.placements.map((placement) => [placement.id, placement]));
}

/** Derives one line. Pass `placements` (from indexPlacements) when deriving many lines. */
export function deriveLine(
  line: PlanLine,
  catalog: PlanCatalog,
  locale: Locale,
  placements: ReadonlyMap<string, Placement> = indexPlacements(catalog),
): DerivedLine {
  const placement = placements.get(line.placementId);
  const destination = getDestination(line.destinationId);
  const kpi = line.kpiId ? getKpi(line.kpiId) : undefined;
  const hasValidDates = isIsoDate(line.startDate) && isIsoDate(line.endDate);
  const days = hasValidDates ? daysBetweenInclusive(line.startDate, line.endDate) : 0;
  const level = placement && destination ? resolveLineLevel(placement, destination, catalog.levelOverrides) : null;
  const levelExplanation = placement && destination ? explainLevel(placement, destination, locale, catalog.levelOverrides) : "";
  const estimate = placement
    ? estimateDeliverables({
        buyingModel: line.buyingModel,
        budgetFen: line.budgetFen,
        unitCostFen: line.unitCostFen ?? undefined,
        days,
        benchmarks: placement.benchmarks,
        overrides: catalog.benchmarkOverrides[placement.id],
      })
    : null;
  const flighting = allocateFlighting({
    budgetFen: line.budgetFen,
    start: line.startDate,
    end: line.endDate,
    mode: line.flightingMode,
    customFen: line.flightingMode === "custom" ? (line.customFlightingFen ?? undefined) : undefined,
  });
  return {
    line,
    placement,
    destination,
    kpi,
    days,
    level,
    effectiveLevel: level?.effective ?? "aggregated",
    levelExplanation,
    estimate,
    flighting,
  };
}

/** Lines in plan order: by position, ties by id, so every export lists them the same way. */
export function sortLines(lines: readonly PlanLine[]): PlanLine[] {
  return [...lines].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Derives the whole plan: lines, summary (issue 5), measurement plan and coverage (issue 6). */
export function derivePlan(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale): DerivedPlan {
  const placements = indexPlacements(catalog);
  const lines = sortLines(snapshot.lines).map((line) => deriveLine(line, catalog, locale, placements));
  const summary = summarisePlan({
    campaignBudgetFen: snapshot.campaign.budgetFen,
    lines: lines.map((derived) => ({
      id: derived.line.id,
      budgetFen: derived.line.budgetFen,
      ecosystemId: derived.placement?.ecosystemId ?? derived.line.ecosystemId,
      funnelStage: derived.placement?.funnelStage ?? "unknown",
      dataLevel: derived.effectiveLevel,
    })),
  });
  const measured: MeasurementLine[] = [];
  let budgetWithoutKpiFen = 0;
  for (const derived of lines) {
    if (!derived.kpi) {
      budgetWithoutKpiFen += derived.line.budgetFen;
      continue;
    }
    if (!derived.placement || !derived.destination) continue;
    measured.push({
      id: derived.line.id,
      placement: derived.placement,
      destinationId: derived.destination.id,
      kpiId: derived.kpi.id,
      budgetFen: derived.line.budgetFen,
      isPrimaryKpi: true,
    });
  }
  return {
    snapshot,
    lines,
    summary,
    measurementRows: buildMeasurementRows(measured, catalog.levelOverrides),
    coverage: coverageScore(measured, catalog.levelOverrides),
    budgetWithoutKpiFen,
  };
}
