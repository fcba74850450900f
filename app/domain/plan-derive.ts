// Everything Qiao computes about a plan, in one pure pass: per line its placement, destination,
// effective data level and the sentence explaining it, estimated deliverables and weekly
// flighting; per plan the summary, the measurement plan and the coverage score. Exports use it
// today and the planner pages can use it too, so the workbook and the screen never disagree.
import type { Benchmarks } from "./buying-models";
import { getDestination, getKpi, type Destination, type Kpi, type Locale, type Placement } from "./catalog";
import type { DataLevel } from "./data-level";
import { daysBetweenInclusive, isIsoDate, weeksInRange, type WeekSlice } from "./dates";
import { estimateDeliverables, type Estimate } from "./estimates";
import { allocateFlighting, distributeFen, shapeWeights, withAmounts, type AllocateFlightingResult, type FlightingMode } from "./flighting";
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

type RouteLevel = { level: LineLevel | null; explanation: string };

/**
 * Lookups shared by the lines of one plan: placements by id, and each route's level and explanation
 * (a plan of 10,000 lines has a few hundred routes at most, and the sentence is the same for each).
 */
export type DeriveCache = {
  placements: ReadonlyMap<string, Placement>;
  routes: Map<string, RouteLevel>;
  /** Week slices and shape weights per date range (lines of a plan share a handful of ranges). */
  weeks: Map<string, { slices: WeekSlice[]; days: number; weights: Map<FlightingMode, number[]> } | null>;
};

export function createDeriveCache(catalog: PlanCatalog): DeriveCache {
  return { placements: indexPlacements(catalog), routes: new Map(), weeks: new Map() };
}

/** The ISO week slices of a valid, ordered date range (cached), or null. */
function rangeOf(start: string, end: string, cache: DeriveCache) {
  const key = `${start}|${end}`;
  let range = cache.weeks.get(key);
  if (range === undefined) {
    range = isIsoDate(start) && isIsoDate(end) && start <= end ? { slices: weeksInRange(start, end), days: daysBetweenInclusive(start, end), weights: new Map() } : null;
    cache.weeks.set(key, range);
  }
  return range;
}

/**
 * allocateFlighting, with the week slices and shape weights of each date range computed once:
 * for even / front / back this is exactly what allocateFlighting does (distributeFen over
 * shapeWeights); custom amounts and invalid input go through allocateFlighting itself.
 */
function allocateLine(line: PlanLine, cache: DeriveCache): AllocateFlightingResult {
  const range = rangeOf(line.startDate, line.endDate, cache);
  const mode = line.flightingMode;
  if (!range || mode === "custom" || !Number.isSafeInteger(line.budgetFen) || line.budgetFen < 0) {
    return allocateFlighting({
      budgetFen: line.budgetFen,
      start: line.startDate,
      end: line.endDate,
      mode,
      customFen: mode === "custom" ? (line.customFlightingFen ?? undefined) : undefined,
    });
  }
  let weights = range.weights.get(mode);
  if (!weights) {
    weights = shapeWeights(mode, range.slices);
    range.weights.set(mode, weights);
  }
  const amounts = distributeFen(line.budgetFen, weights);
  return { ok: true, weeks: withAmounts(range.slices, amounts) };
}

function routeLevel(placement: Placement | undefined, destination: Destination | undefined, catalog: PlanCatalog, locale: Locale, cache: DeriveCache): RouteLevel {
  if (!placement || !destination) return { level: null, explanation: "" };
  const key = `${placement.id}|${destination.id}`;
  let route = cache.routes.get(key);
  if (!route) {
    route = {
      level: resolveLineLevel(placement, destination, catalog.levelOverrides),
      explanation: explainLevel(placement, destination, locale, catalog.levelOverrides),
    };
    cache.routes.set(key, route);
  }
  return route;
}

/** Derives one line. Pass a cache (createDeriveCache) when deriving many lines of one plan. */
export function deriveLine(line: PlanLine, catalog: PlanCatalog, locale: Locale, cache: DeriveCache = createDeriveCache(catalog)): DerivedLine {
  const placement = cache.placements.get(line.placementId);
  const destination = getDestination(line.destinationId);
  const kpi = line.kpiId ? getKpi(line.kpiId) : undefined;
  const days = rangeOf(line.startDate, line.endDate, cache)?.days ?? 0;
  const { level, explanation: levelExplanation } = routeLevel(placement, destination, catalog, locale, cache);
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
  const flighting = allocateLine(line, cache);
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
  const cache = createDeriveCache(catalog);
  const lines = sortLines(snapshot.lines).map((line) => deriveLine(line, catalog, locale, cache));
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
      plannedMethodId: derived.line.measurement.methodId,
    });
  }
  return {
    snapshot,
    lines,
    summary,
    measurementRows: buildMeasurementRowsOnce(measured, catalog.levelOverrides),
    coverage: coverageScore(measured, catalog.levelOverrides),
    budgetWithoutKpiFen,
  };
}

/**
 * buildMeasurementRows, computed once per route × KPI × planned method: everything in a row but the
 * line id and its budget depends only on placement, destination, KPI, the planner's method and the
 * overrides (each line has one KPI, so every row is its line's primary one).
 */
function buildMeasurementRowsOnce(lines: readonly MeasurementLine[], overrides: readonly LevelOverride[]): MeasurementRow[] {
  const templates = new Map<string, MeasurementRow>();
  return lines.map((line) => {
    const key = `${line.placement.id}|${line.destinationId}|${line.kpiId}|${line.plannedMethodId ?? ""}`;
    let template = templates.get(key);
    if (!template) {
      template = buildMeasurementRows([line], overrides)[0]!;
      templates.set(key, template);
    }
    return { ...template, lineId: line.id, budgetFen: line.budgetFen, isPrimaryKpi: true };
  });
}
