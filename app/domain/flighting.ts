// Flighting: a line's budget per ISO week, always summing exactly to the line budget in fen, with
// rounding remainders placed deterministically (product brief, "Domain model"; issue 5).
import { isIsoDate, weeksInRange, type WeekSlice } from "./dates";
import { toDecimalFraction } from "./money";

/**
 * even   — proportional to the line's days in each week (a partial week gets less);
 * front  — week i of n (0-based) weighs (n − i) × its days: daily spend falls linearly from n to 1;
 * back   — week i of n weighs (i + 1) × its days: daily spend rises linearly from 1 to n;
 * custom — amounts typed per week (customFen, must sum to the budget) or relative weights (customWeights).
 */
export type FlightingMode = "even" | "front" | "back" | "custom";
export const FLIGHTING_MODES = ["even", "front", "back", "custom"] as const satisfies readonly FlightingMode[];

export type FlightWeek = WeekSlice & { amountFen: number };

/** Per ISO week id ("2026-W09"); weeks left out count as 0. */
export type WeekAmounts = Readonly<Record<string, number>>;

export type AllocateFlightingInput = {
  budgetFen: number;
  start: string;
  end: string;
  mode: FlightingMode;
  /** Relative weights per week for mode "custom" (any non-negative scale: 1/2/1, 25/50/25 …). */
  customWeights?: WeekAmounts;
  /** Typed amounts per week for mode "custom"; takes precedence over customWeights. */
  customFen?: WeekAmounts;
};

export type FlightingError =
  | { code: "invalid-budget" }
  | { code: "invalid-dates" }
  | { code: "dates-inverted" }
  | { code: "custom-missing" }
  | { code: "custom-unknown-week"; week: string }
  | { code: "custom-invalid-amount"; week: string }
  | { code: "custom-invalid-weight"; week: string }
  | { code: "custom-weights-all-zero" }
  /** differenceFen = typed − budget: positive means too much was typed. */
  | { code: "custom-sum-mismatch"; budgetFen: number; typedFen: number; differenceFen: number };

export type AllocateFlightingResult = { ok: true; weeks: FlightWeek[] } | { ok: false; error: FlightingError };

/** Splits a line budget over the ISO weeks of its dates; on success the amounts sum exactly to budgetFen. */
export function allocateFlighting(input: AllocateFlightingInput): AllocateFlightingResult {
  const { budgetFen, start, end, mode } = input;
  if (!Number.isSafeInteger(budgetFen) || budgetFen < 0) return fail({ code: "invalid-budget" });
  if (!isIsoDate(start) || !isIsoDate(end)) return fail({ code: "invalid-dates" });
  if (end < start) return fail({ code: "dates-inverted" });
  const slices = weeksInRange(start, end);

  if (mode !== "custom") {
    const weights = shapeWeights(mode, slices);
    return { ok: true, weeks: withAmounts(slices, distributeFen(budgetFen, weights)) };
  }
  if (input.customFen) return allocateTypedAmounts(budgetFen, slices, input.customFen);
  if (input.customWeights) return allocateCustomWeights(budgetFen, slices, input.customWeights);
  return fail({ code: "custom-missing" });
}

/** Weights of the even / front / back shapes, per week slice (see FlightingMode). */
export function shapeWeights(mode: Exclude<FlightingMode, "custom">, slices: readonly WeekSlice[]): number[] {
  const n = slices.length;
  return slices.map((slice, i) => {
    const factor = mode === "front" ? n - i : mode === "back" ? i + 1 : 1;
    return factor * slice.days;
  });
}

/**
 * Splits totalFen in proportion to weights with the largest-remainder method: every share is
 * floored, then the fen left over go one each to the largest remainders, ties to the earliest
 * index. Exact (BigInt on the weights' decimal forms), so the result always sums to totalFen.
 */
export function distributeFen(totalFen: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new RangeError(`totalFen must be a non-negative integer, got ${totalFen}`);
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new RangeError("weights must be finite and non-negative");
  if (totalFen === 0) return weights.map(() => 0);
  const scaled = toCommonIntegers(weights);
  const totalWeight = scaled.reduce((sum, w) => sum + w, 0n);
  if (totalWeight === 0n) throw new RangeError("weights must not all be zero when there is money to split");

  const total = BigInt(totalFen);
  const shares = scaled.map((w, index) => ({ index, floor: (total * w) / totalWeight, remainder: (total * w) % totalWeight }));
  let leftover = total - shares.reduce((sum, s) => sum + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    share.floor += 1n;
    leftover -= 1n;
  }
  return shares.map((s) => Number(s.floor));
}

/**
 * Re-splits a custom flighting for a new budget and/or new dates: the typed amounts become weights
 * for the line's current weeks (weeks now outside the dates are dropped); if none remain, even.
 */
export function rebalanceCustomFen(input: { customFen: WeekAmounts; budgetFen: number; start: string; end: string }): AllocateFlightingResult {
  const { customFen, budgetFen, start, end } = input;
  if (!isIsoDate(start) || !isIsoDate(end)) return fail({ code: "invalid-dates" });
  const weeks = new Set(weeksInRange(start, end).map((slice) => slice.week));
  const kept = Object.entries(customFen).filter(([week, amount]) => weeks.has(week) && Number.isFinite(amount) && amount > 0);
  if (kept.length === 0) return allocateFlighting({ budgetFen, start, end, mode: "even" });
  return allocateFlighting({ budgetFen, start, end, mode: "custom", customWeights: Object.fromEntries(kept) });
}

/** The amounts of an allocation keyed by week, to seed a custom flighting from the current split. */
export function toCustomFen(weeks: readonly FlightWeek[]): Record<string, number> {
  return Object.fromEntries(weeks.map((w) => [w.week, w.amountFen]));
}

function allocateTypedAmounts(budgetFen: number, slices: readonly WeekSlice[], customFen: WeekAmounts): AllocateFlightingResult {
  const unknown = findUnknownWeek(slices, customFen);
  if (unknown) return fail({ code: "custom-unknown-week", week: unknown });
  const invalid = Object.entries(customFen).find(([, amount]) => !Number.isSafeInteger(amount) || amount < 0);
  if (invalid) return fail({ code: "custom-invalid-amount", week: invalid[0] });
  const amounts = slices.map((slice) => customFen[slice.week] ?? 0);
  const typedFen = amounts.reduce((sum, amount) => sum + amount, 0);
  if (typedFen !== budgetFen) {
    return fail({ code: "custom-sum-mismatch", budgetFen, typedFen, differenceFen: typedFen - budgetFen });
  }
  return { ok: true, weeks: withAmounts(slices, amounts) };
}

function allocateCustomWeights(budgetFen: number, slices: readonly WeekSlice[], customWeights: WeekAmounts): AllocateFlightingResult {
  const unknown = findUnknownWeek(slices, customWeights);
  if (unknown) return fail({ code: "custom-unknown-week", week: unknown });
  const invalid = Object.entries(customWeights).find(([, weight]) => !Number.isFinite(weight) || weight < 0);
  if (invalid) return fail({ code: "custom-invalid-weight", week: invalid[0] });
  const weights = slices.map((slice) => customWeights[slice.week] ?? 0);
  if (budgetFen > 0 && weights.every((w) => w === 0)) return fail({ code: "custom-weights-all-zero" });
  return { ok: true, weeks: withAmounts(slices, distributeFen(budgetFen, weights)) };
}

function findUnknownWeek(slices: readonly WeekSlice[], values: WeekAmounts): string | undefined {
  const weeks = new Set(slices.map((slice) => slice.week));
  return Object.keys(values).find((week) => !weeks.has(week));
}

/** Weights as integers on one scale (0.5 and 1.25 → 50 and 125), so the split is exact. */
function toCommonIntegers(weights: readonly number[]): bigint[] {
  const fractions = weights.map(toDecimalFraction);
  const denominator = fractions.reduce((max, f) => (f.denominator > max ? f.denominator : max), 1n);
  // Denominators are powers of ten, so the largest is a multiple of all the others.
  return fractions.map((f) => f.numerator * (denominator / f.denominator));
}

function fail(error: FlightingError): AllocateFlightingResult {
  return { ok: false, error };
}

/** Each week slice with its amount (fields written out: a spread per week was a large share of a 10,000-line export's garbage). */
export function withAmounts(slices: readonly WeekSlice[], amounts: readonly number[]): FlightWeek[] {
  const weeks = new Array<FlightWeek>(slices.length);
  for (let i = 0; i < slices.length; i++) {
    const slice = slices[i]!;
    weeks[i] = { week: slice.week, start: slice.start, end: slice.end, days: slice.days, amountFen: amounts[i] ?? 0 };
  }
  return weeks;
}
