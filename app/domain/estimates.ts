// Estimated deliverables of a line from its budget, buying model and unit cost or benchmarks
// (issue 5, "Estimates"). Every figure says where it came from; a figure we cannot honestly
// estimate is null with a note, never NaN, Infinity or a made-up number.
import { COST_BASIS, type Benchmarks, type BuyingModel, type CostBasis } from "./buying-models";
import { divideRoundHalfAwayFromZero, toDecimalFraction } from "./money";

export type EstimateFigure = "impressions" | "clicks" | "views" | "conversions" | "engagements";
export const ESTIMATE_FIGURES = ["impressions", "clicks", "views", "conversions", "engagements"] as const satisfies readonly EstimateFigure[];

/** Where an input value came from: typed by the planner on the line, the organization's override, or the catalog benchmark. */
export type ValueSource = "typed" | "override" | "benchmark";
/** A figure either comes straight from a cost or reach value (its source) or is derived from another figure with a rate. */
export type FigureSource = ValueSource | "derived";

export type BenchmarkKey = keyof Benchmarks;
export type RateUsed = { value: number; source: ValueSource };

type ValueName = "unit-cost" | "ctr" | "cvr" | "view-rate" | "engagement-rate" | "impressions-per-day" | "commission-rate";

/** Caveat ids for the UI to translate. */
export type EstimateNote =
  | `missing-${ValueName}`
  | `invalid-${ValueName}`
  | "invalid-budget"
  | "invalid-days"
  | "estimate-out-of-range"
  | "indicative-benchmark"
  | "optimised-bid-varies"
  | "fixed-buy-no-impressions-figure"
  | "fixed-buy-budget-below-natural-cost"
  | "fixed-buy-budget-above-natural-cost"
  | "commission-no-upfront-budget";

export type EstimateInput = {
  buyingModel: BuyingModel;
  budgetFen: number;
  /** Unit cost typed on the line (per thousand impressions for CPM / oCPM, per day for CPT); wins over everything. */
  unitCostFen?: number;
  /** Days of the line, inclusive (used by fixed-price buys). */
  days: number;
  benchmarks: Benchmarks;
  /** The organization's overrides of the catalog benchmarks; win over them. */
  overrides?: Partial<Benchmarks>;
};

export type Estimate = Record<EstimateFigure, number | null> & {
  costBasis: CostBasis;
  sources: Record<EstimateFigure, FigureSource | null>;
  /** Only the values that went into a figure (or into naturalCostFen / commissionRate). */
  ratesUsed: Partial<Record<BenchmarkKey, RateUsed>>;
  /** Fixed buys: unit cost per day × days, the price of the slot for the line's dates. */
  naturalCostFen: number | null;
  /**
   * Fixed buys: the whole days the budget pays for, at most the line's days (issue 12: ¥180,000 on
   * TopView at ¥2.5M a day showed 7 days of impressions). Impressions are for these days only.
   */
  boughtDays: number | null;
  /** Commission buys: the share of sales paid to the platform. */
  commissionRate: number | null;
  notes: EstimateNote[];
};

/** The benchmark field holding each model's unit cost (CPS pays a rate, not a unit cost). */
export const UNIT_COST_KEY: Record<BuyingModel, BenchmarkKey> = {
  cpm: "cpmFen",
  ocpm: "cpmFen",
  cpc: "cpcFen",
  ocpc: "cpcFen",
  cpv: "cpvFen",
  cpa: "cpaFen",
  cpe: "cpeFen",
  cpt: "cptFenPerDay",
  cps: "commissionRate",
};

// What one unit cost buys: CPM prices a thousand impressions, the others one unit.
const BOUGHT_FIGURE: Partial<Record<BuyingModel, { figure: EstimateFigure; unitsPerCost: number }>> = {
  cpm: { figure: "impressions", unitsPerCost: 1000 },
  ocpm: { figure: "impressions", unitsPerCost: 1000 },
  cpc: { figure: "clicks", unitsPerCost: 1 },
  ocpc: { figure: "clicks", unitsPerCost: 1 },
  cpv: { figure: "views", unitsPerCost: 1 },
  cpa: { figure: "conversions", unitsPerCost: 1 },
  cpe: { figure: "engagements", unitsPerCost: 1 },
};

// The funnel, as rates between figures: to = from × rate (or from = to ÷ rate when walking back up).
const RATE_EDGES: readonly { from: EstimateFigure; to: EstimateFigure; rate: BenchmarkKey }[] = [
  { from: "impressions", to: "clicks", rate: "ctr" },
  { from: "clicks", to: "conversions", rate: "cvr" },
  { from: "impressions", to: "views", rate: "viewRate" },
  { from: "impressions", to: "engagements", rate: "engagementRate" },
];

// Figures every estimate owes the planner; views and engagements only when bought or when a rate exists.
const CORE_FIGURES: readonly EstimateFigure[] = ["impressions", "clicks", "conversions"];

const VALUE_NAMES: Record<BenchmarkKey, ValueName> = {
  cpmFen: "unit-cost",
  cpcFen: "unit-cost",
  cpvFen: "unit-cost",
  cpaFen: "unit-cost",
  cpeFen: "unit-cost",
  cptFenPerDay: "unit-cost",
  impressionsPerDay: "impressions-per-day",
  ctr: "ctr",
  viewRate: "view-rate",
  cvr: "cvr",
  engagementRate: "engagement-rate",
  commissionRate: "commission-rate",
};

/**
 * Estimates deliverables. Unit cost: typed > override > benchmark. Each step floors to whole units
 * and the next step starts from the floored figure, so a planner can redo the sums by hand.
 */
export function estimateDeliverables(input: EstimateInput): Estimate {
  const estimate = emptyEstimate(input.buyingModel);
  const costBasis = estimate.costBasis;
  if (costBasis === "commission") estimateCommission(input, estimate);
  else if (!Number.isSafeInteger(input.budgetFen) || input.budgetFen < 0) addNote(estimate, "invalid-budget");
  else if (costBasis === "fixed") estimateFixed(input, estimate);
  else estimatePerUnit(input, estimate);

  if (input.buyingModel === "ocpm" || input.buyingModel === "ocpc") addNote(estimate, "optimised-bid-varies");
  if (Object.values(estimate.ratesUsed).some((rate) => rate.source === "benchmark")) addNote(estimate, "indicative-benchmark");
  return estimate;
}

/** Cost per thousand impressions actually implied by budget and impressions, rounded to whole fen; null without impressions. */
export function effectiveCpmFen(budgetFen: number, impressions: number | null): number | null {
  return effectiveUnitCostFen(budgetFen, impressions, 1000);
}

/** Budget per unit delivered (per `per` units), rounded half away from zero to whole fen; null without units. */
export function effectiveUnitCostFen(budgetFen: number, units: number | null, per = 1): number | null {
  if (units === null || !Number.isSafeInteger(units) || units <= 0 || !Number.isSafeInteger(budgetFen)) return null;
  return Number(divideRoundHalfAwayFromZero(BigInt(budgetFen) * BigInt(per), BigInt(units)));
}

function estimatePerUnit(input: EstimateInput, estimate: Estimate): void {
  const bought = BOUGHT_FIGURE[input.buyingModel];
  if (!bought) return;
  const costKey = UNIT_COST_KEY[input.buyingModel];
  const cost = resolveValue(input, costKey, isPositive, input.unitCostFen);
  if (!cost.ok) return addNote(estimate, cost.note);
  useValue(estimate, costKey, cost.used);
  const { numerator, denominator } = toDecimalFraction(cost.used.value);
  const units = (BigInt(input.budgetFen) * BigInt(bought.unitsPerCost) * denominator) / numerator;
  if (setFigure(estimate, bought.figure, units, cost.used.source)) deriveFigures(input, estimate, bought.figure);
}

function estimateFixed(input: EstimateInput, estimate: Estimate): void {
  const isValidDays = Number.isSafeInteger(input.days) && input.days >= 0;
  if (!isValidDays) addNote(estimate, "invalid-days");

  const cost = resolveValue(input, "cptFenPerDay", isPositive, input.unitCostFen);
  if (!cost.ok) addNote(estimate, cost.note);
  else if (isValidDays) {
    useValue(estimate, "cptFenPerDay", cost.used);
    const { numerator, denominator } = toDecimalFraction(cost.used.value);
    const naturalCostFen = divideRoundHalfAwayFromZero(BigInt(input.days) * numerator, denominator);
    if (naturalCostFen > BigInt(Number.MAX_SAFE_INTEGER)) addNote(estimate, "estimate-out-of-range");
    else {
      estimate.naturalCostFen = Number(naturalCostFen);
      // Whole days only: a day of a fixed slot is bought or not. Budget × denominator ÷ (fen per day × denominator).
      const affordable = (BigInt(input.budgetFen) * denominator) / numerator;
      estimate.boughtDays = Number(affordable < BigInt(input.days) ? affordable : BigInt(input.days));
      if (input.budgetFen < estimate.naturalCostFen) addNote(estimate, "fixed-buy-budget-below-natural-cost");
      if (input.budgetFen > estimate.naturalCostFen) addNote(estimate, "fixed-buy-budget-above-natural-cost");
    }
  }

  // A fixed slot has no price per impression: impressions only from a published daily figure.
  const reach = resolveValue(input, "impressionsPerDay", isNonNegative);
  if (!reach.ok) return addNote(estimate, reach.note === "missing-impressions-per-day" ? "fixed-buy-no-impressions-figure" : reach.note);
  if (!isValidDays) return;
  useValue(estimate, "impressionsPerDay", reach.used);
  const days = estimate.boughtDays ?? input.days;
  if (setFigure(estimate, "impressions", floorMultiply(days, reach.used.value), reach.used.source)) deriveFigures(input, estimate, "impressions");
}

function estimateCommission(input: EstimateInput, estimate: Estimate): void {
  // A commission buy pays a share of sales afterwards: there is no budget to turn into units.
  addNote(estimate, "commission-no-upfront-budget");
  const commission = resolveValue(input, "commissionRate", isRatio);
  if (!commission.ok) return addNote(estimate, commission.note);
  useValue(estimate, "commissionRate", commission.used);
  estimate.commissionRate = commission.used.value;
}

/** Walks the funnel from the known figure, forwards (× rate) and backwards (÷ rate). */
function deriveFigures(input: EstimateInput, estimate: Estimate, start: EstimateFigure): void {
  const queue: EstimateFigure[] = [start];
  for (let known = queue.shift(); known !== undefined; known = queue.shift()) {
    for (const edge of RATE_EDGES) {
      const isForward = edge.from === known;
      if (!isForward && edge.to !== known) continue;
      const target = isForward ? edge.to : edge.from;
      if (estimate[target] !== null) continue;
      const rate = resolveValue(input, edge.rate, isForward ? isRatio : isPositiveRatio);
      if (!rate.ok) {
        if (CORE_FIGURES.includes(target)) addNote(estimate, rate.note);
        continue;
      }
      const value = estimate[known] ?? 0;
      useValue(estimate, edge.rate, rate.used);
      const derived = isForward ? floorMultiply(value, rate.used.value) : floorDivide(value, rate.used.value);
      if (setFigure(estimate, target, derived, "derived")) queue.push(target);
    }
  }
}

type Resolved = { ok: true; used: RateUsed } | { ok: false; note: EstimateNote };

/** First value present among typed, override, benchmark; a present but unusable value is reported, not skipped. */
function resolveValue(input: EstimateInput, key: BenchmarkKey, isUsable: (value: number) => boolean, typed?: number): Resolved {
  const candidates: [number | undefined, ValueSource][] = [
    [typed, "typed"],
    [input.overrides?.[key], "override"],
    [input.benchmarks[key], "benchmark"],
  ];
  const found = candidates.find(([value]) => value !== undefined && value !== null);
  const name = VALUE_NAMES[key];
  if (!found || found[0] === undefined) return { ok: false, note: `missing-${name}` };
  if (!isUsable(found[0])) return { ok: false, note: `invalid-${name}` };
  return { ok: true, used: { value: found[0], source: found[1] } };
}

function floorMultiply(value: number, rate: number): bigint {
  const { numerator, denominator } = toDecimalFraction(rate);
  return (BigInt(value) * numerator) / denominator;
}

function floorDivide(value: number, rate: number): bigint {
  const { numerator, denominator } = toDecimalFraction(rate);
  return (BigInt(value) * denominator) / numerator;
}

function isPositive(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

function isNonNegative(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

function isRatio(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 1;
}

// Dividing by a rate needs it above zero.
function isPositiveRatio(value: number): boolean {
  return isRatio(value) && value > 0;
}

function emptyEstimate(buyingModel: BuyingModel): Estimate {
  return {
    impressions: null,
    clicks: null,
    views: null,
    conversions: null,
    engagements: null,
    costBasis: COST_BASIS[buyingModel],
    sources: { impressions: null, clicks: null, views: null, conversions: null, engagements: null },
    ratesUsed: {},
    naturalCostFen: null,
    boughtDays: null,
    commissionRate: null,
    notes: [],
  };
}

/** Sets a figure unless it is beyond exact integers (absurd rates), which leaves it null with a note. */
function setFigure(estimate: Estimate, figure: EstimateFigure, value: bigint, source: FigureSource): boolean {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    addNote(estimate, "estimate-out-of-range");
    return false;
  }
  estimate[figure] = Number(value);
  estimate.sources[figure] = source;
  return true;
}

function useValue(estimate: Estimate, key: BenchmarkKey, used: RateUsed): void {
  estimate.ratesUsed[key] = used;
}

function addNote(estimate: Estimate, note: EstimateNote): void {
  if (!estimate.notes.includes(note)) estimate.notes.push(note);
}
