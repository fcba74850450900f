import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fromDayNumber } from "~/domain/dates";
import {
  allocateFlighting,
  distributeFen,
  rebalanceCustomFen,
  shapeWeights,
  toCustomFen,
  type AllocateFlightingInput,
  type AllocateFlightingResult,
  type FlightWeek,
} from "~/domain/flighting";
import { MAX_FEN } from "~/domain/money";

function weeksOf(result: AllocateFlightingResult): FlightWeek[] {
  if (!result.ok) throw new Error(`expected an allocation, got ${JSON.stringify(result.error)}`);
  return result.weeks;
}

function amountsOf(result: AllocateFlightingResult): number[] {
  return weeksOf(result).map((w) => w.amountFen);
}

function amounts(input: AllocateFlightingInput): number[] {
  return amountsOf(allocateFlighting(input));
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

// 2026-03-02 is a Monday: W10, W11, W12 are full weeks.
const FULL_3_WEEKS = { start: "2026-03-02", end: "2026-03-22" } as const;
// Wednesday to Tuesday: W10 has 5 days, W11 and W12 have 7, W13 has 2.
const PARTIAL_4_WEEKS = { start: "2026-03-04", end: "2026-03-24" } as const;

describe("allocateFlighting — shapes", () => {
  it("splits evenly by days, so partial weeks get less", () => {
    expect(amounts({ budgetFen: 2100, ...FULL_3_WEEKS, mode: "even" })).toEqual([700, 700, 700]);
    // 21 days: 5/21, 7/21, 7/21, 2/21 of 2100.
    expect(amounts({ budgetFen: 2100, ...PARTIAL_4_WEEKS, mode: "even" })).toEqual([500, 700, 700, 200]);
  });

  it("front-loads with weights n…1 per day and back-loads with 1…n", () => {
    // Full weeks: weights 3×7, 2×7, 1×7 → 3:2:1.
    expect(amounts({ budgetFen: 600, ...FULL_3_WEEKS, mode: "front" })).toEqual([300, 200, 100]);
    expect(amounts({ budgetFen: 600, ...FULL_3_WEEKS, mode: "back" })).toEqual([100, 200, 300]);
    expect(shapeWeights("front", weeksOf(allocateFlighting({ budgetFen: 0, ...PARTIAL_4_WEEKS, mode: "even" })))).toEqual([20, 21, 14, 2]);
    expect(shapeWeights("back", weeksOf(allocateFlighting({ budgetFen: 0, ...PARTIAL_4_WEEKS, mode: "even" })))).toEqual([5, 14, 21, 8]);
  });

  it("returns the week slices with their dates", () => {
    expect(weeksOf(allocateFlighting({ budgetFen: 1000, start: "2026-12-30", end: "2027-01-05", mode: "even" }))).toEqual([
      { week: "2026-W53", start: "2026-12-30", end: "2027-01-03", days: 5, amountFen: 714 },
      { week: "2027-W01", start: "2027-01-04", end: "2027-01-05", days: 2, amountFen: 286 },
    ]);
  });

  it("puts everything in one week for a one-day line", () => {
    expect(weeksOf(allocateFlighting({ budgetFen: 12345, start: "2026-03-04", end: "2026-03-04", mode: "front" }))).toEqual([
      { week: "2026-W10", start: "2026-03-04", end: "2026-03-04", days: 1, amountFen: 12345 },
    ]);
  });

  it("gives zeros for a zero budget, in every mode", () => {
    for (const mode of ["even", "front", "back"] as const) {
      expect(amounts({ budgetFen: 0, ...PARTIAL_4_WEEKS, mode })).toEqual([0, 0, 0, 0]);
    }
    expect(amounts({ budgetFen: 0, ...PARTIAL_4_WEEKS, mode: "custom", customWeights: {} })).toEqual([0, 0, 0, 0]);
    expect(amounts({ budgetFen: 0, ...PARTIAL_4_WEEKS, mode: "custom", customFen: {} })).toEqual([0, 0, 0, 0]);
  });
});

describe("allocateFlighting — the remainder rule (largest remainder, ties to the earliest week)", () => {
  it("gives a tied leftover fen to the earliest week", () => {
    // 100 / 3 = 33.33… each: one fen left, all remainders equal.
    expect(amounts({ budgetFen: 100, ...FULL_3_WEEKS, mode: "even" })).toEqual([34, 33, 33]);
    expect(amounts({ budgetFen: 101, ...FULL_3_WEEKS, mode: "even" })).toEqual([34, 34, 33]);
  });

  it("gives leftover fen to the largest remainders, not to the first weeks", () => {
    // Friday–Thursday: 3 and 4 days. 10 × 3/7 = 4.29, 10 × 4/7 = 5.71 → 4 + 5, the fen goes to W11.
    expect(amounts({ budgetFen: 10, start: "2026-03-06", end: "2026-03-12", mode: "even" })).toEqual([4, 6]);
    // Front, weights 20, 21, 14, 2 of 57: 35087.72, 36842.11, 24561.40, 3508.77 → fen to W13 (.77) then W10 (.72).
    expect(amounts({ budgetFen: 100_000, ...PARTIAL_4_WEEKS, mode: "front" })).toEqual([35088, 36842, 24561, 3509]);
  });

  it("breaks a three-way tie in week order", () => {
    // Back, weights 5, 14, 21, 8 of 48: 10416.67, 29166.67, 43750, 16666.67 — three equal remainders, two fen.
    expect(amounts({ budgetFen: 100_000, ...PARTIAL_4_WEEKS, mode: "back" })).toEqual([10417, 29167, 43750, 16666]);
  });

  it("never gives a leftover fen to a zero weight", () => {
    expect(distributeFen(2, [0, 1, 1, 1])).toEqual([0, 1, 1, 0]);
    expect(distributeFen(5, [0, 3, 0])).toEqual([0, 5, 0]);
  });

  it("splits exactly by decimal weights", () => {
    expect(distributeFen(100, [0.1, 0.2, 0.7])).toEqual([10, 20, 70]); // no 0.1 + 0.2 drift
    expect(distributeFen(7, [0.5, 1.25])).toEqual([2, 5]); // 2.0 and 5.0
  });

  it("refuses weights it cannot split by", () => {
    expect(() => distributeFen(100, [0, 0])).toThrow(RangeError);
    expect(() => distributeFen(100, [1, -1])).toThrow(RangeError);
    expect(() => distributeFen(100, [1, Number.NaN])).toThrow(RangeError);
    expect(() => distributeFen(-1, [1])).toThrow(RangeError);
    expect(distributeFen(0, [0, 0])).toEqual([0, 0]);
  });
});

describe("allocateFlighting — custom", () => {
  it("takes typed amounts that sum to the budget; missing weeks are 0", () => {
    const customFen = { "2026-W10": 300, "2026-W12": 700 };
    expect(amounts({ budgetFen: 1000, ...FULL_3_WEEKS, mode: "custom", customFen })).toEqual([300, 0, 700]);
  });

  it("refuses typed amounts that do not sum to the budget, with the difference", () => {
    const customFen = { "2026-W10": 300, "2026-W11": 300, "2026-W12": 300 };
    expect(allocateFlighting({ budgetFen: 1000, ...FULL_3_WEEKS, mode: "custom", customFen })).toEqual({
      ok: false,
      error: { code: "custom-sum-mismatch", budgetFen: 1000, typedFen: 900, differenceFen: -100 },
    });
    expect(allocateFlighting({ budgetFen: 800, ...FULL_3_WEEKS, mode: "custom", customFen })).toMatchObject({
      ok: false,
      error: { code: "custom-sum-mismatch", differenceFen: 100 },
    });
  });

  it("refuses weeks outside the line and amounts that are not whole non-negative fen", () => {
    const base = { budgetFen: 1000, ...FULL_3_WEEKS, mode: "custom" } as const;
    expect(allocateFlighting({ ...base, customFen: { "2026-W13": 1000 } })).toEqual({ ok: false, error: { code: "custom-unknown-week", week: "2026-W13" } });
    expect(allocateFlighting({ ...base, customFen: { "2026-W10": 1100, "2026-W11": -100 } })).toEqual({
      ok: false,
      error: { code: "custom-invalid-amount", week: "2026-W11" },
    });
    expect(allocateFlighting({ ...base, customFen: { "2026-W10": 999.5, "2026-W11": 0.5 } })).toEqual({
      ok: false,
      error: { code: "custom-invalid-amount", week: "2026-W10" },
    });
  });

  it("splits by relative weights with the same remainder rule", () => {
    const base = { budgetFen: 100, ...FULL_3_WEEKS, mode: "custom" } as const;
    expect(amounts({ ...base, customWeights: { "2026-W10": 1, "2026-W11": 2, "2026-W12": 1 } })).toEqual([25, 50, 25]);
    expect(amounts({ ...base, customWeights: { "2026-W10": 1, "2026-W11": 1, "2026-W12": 1 } })).toEqual([34, 33, 33]);
    expect(amounts({ ...base, customWeights: { "2026-W11": 12.5 } })).toEqual([0, 100, 0]);
  });

  it("refuses weights that are unusable", () => {
    const base = { budgetFen: 100, ...FULL_3_WEEKS, mode: "custom" } as const;
    expect(allocateFlighting({ ...base, customWeights: { "2026-W10": 0 } })).toEqual({ ok: false, error: { code: "custom-weights-all-zero" } });
    expect(allocateFlighting({ ...base, customWeights: { "2026-W10": -1 } })).toEqual({ ok: false, error: { code: "custom-invalid-weight", week: "2026-W10" } });
    expect(allocateFlighting({ ...base, customWeights: { "2025-W10": 1 } })).toEqual({ ok: false, error: { code: "custom-unknown-week", week: "2025-W10" } });
  });

  it("uses typed amounts over weights, and needs one of them", () => {
    const base = { budgetFen: 100, ...FULL_3_WEEKS, mode: "custom" } as const;
    expect(amounts({ ...base, customFen: { "2026-W12": 100 }, customWeights: { "2026-W10": 1 } })).toEqual([0, 0, 100]);
    expect(allocateFlighting(base)).toEqual({ ok: false, error: { code: "custom-missing" } });
  });
});

describe("allocateFlighting — bad input", () => {
  it("refuses budgets that are not whole non-negative fen and dates that are not ISO or inverted", () => {
    const dates = FULL_3_WEEKS;
    expect(allocateFlighting({ budgetFen: -1, ...dates, mode: "even" })).toEqual({ ok: false, error: { code: "invalid-budget" } });
    expect(allocateFlighting({ budgetFen: 10.5, ...dates, mode: "even" })).toEqual({ ok: false, error: { code: "invalid-budget" } });
    expect(allocateFlighting({ budgetFen: Number.NaN, ...dates, mode: "even" })).toEqual({ ok: false, error: { code: "invalid-budget" } });
    expect(allocateFlighting({ budgetFen: 1, start: "2026-02-30", end: "2026-03-22", mode: "even" })).toEqual({ ok: false, error: { code: "invalid-dates" } });
    expect(allocateFlighting({ budgetFen: 1, start: "2026-03-22", end: "2026-03-02", mode: "even" })).toEqual({ ok: false, error: { code: "dates-inverted" } });
  });
});

describe("rebalanceCustomFen", () => {
  it("scales typed amounts to a new budget", () => {
    const customFen = { "2026-W10": 30_000, "2026-W11": 70_000 };
    expect(amountsOf(rebalanceCustomFen({ customFen, budgetFen: 50_000, ...FULL_3_WEEKS }))).toEqual([15_000, 35_000, 0]);
    expect(amountsOf(rebalanceCustomFen({ customFen: { "2026-W10": 1, "2026-W11": 1, "2026-W12": 1 }, budgetFen: 100, ...FULL_3_WEEKS }))).toEqual([34, 33, 33]);
  });

  it("drops weeks no longer in the dates and falls back to even when none are left", () => {
    const customFen = { "2026-W09": 50_000, "2026-W10": 10_000, "2026-W11": 40_000 };
    expect(amountsOf(rebalanceCustomFen({ customFen, budgetFen: 100_000, ...FULL_3_WEEKS }))).toEqual([20_000, 80_000, 0]);
    expect(amountsOf(rebalanceCustomFen({ customFen: { "2026-W09": 5 }, budgetFen: 2100, ...FULL_3_WEEKS }))).toEqual([700, 700, 700]);
    expect(amountsOf(rebalanceCustomFen({ customFen: {}, budgetFen: 0, ...FULL_3_WEEKS }))).toEqual([0, 0, 0]);
  });

  it("reports bad dates instead of guessing", () => {
    expect(rebalanceCustomFen({ customFen: {}, budgetFen: 1, start: "x", end: "2026-03-22" })).toEqual({ ok: false, error: { code: "invalid-dates" } });
  });
});

describe("toCustomFen", () => {
  it("seeds a custom flighting that reproduces the current split", () => {
    const front = weeksOf(allocateFlighting({ budgetFen: 100_000, ...PARTIAL_4_WEEKS, mode: "front" }));
    const customFen = toCustomFen(front);
    expect(customFen).toEqual({ "2026-W10": 35088, "2026-W11": 36842, "2026-W12": 24561, "2026-W13": 3509 });
    expect(weeksOf(allocateFlighting({ budgetFen: 100_000, ...PARTIAL_4_WEEKS, mode: "custom", customFen }))).toEqual(front);
  });
});

// Property-based: any budget, any dates (up to ~2 years), any shape.
const budgetFen = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: MAX_FEN }));
const lineDates = fc
  .tuple(fc.integer({ min: 18_000, max: 25_000 }), fc.integer({ min: 0, max: 730 }))
  .map(([startDay, length]) => ({ start: fromDayNumber(startDay), end: addDays(fromDayNumber(startDay), length) }));
const shape = fc.constantFrom("even", "front", "back" as const);

describe("allocateFlighting — properties", () => {
  it("always sums exactly to the budget, in non-negative whole fen, for every week of the line", () => {
    fc.assert(
      fc.property(budgetFen, lineDates, shape, (budget, dates, mode) => {
        const weeks = weeksOf(allocateFlighting({ budgetFen: budget, ...dates, mode }));
        expect(sum(weeks.map((w) => w.amountFen))).toBe(budget);
        expect(weeks.every((w) => Number.isSafeInteger(w.amountFen) && w.amountFen >= 0)).toBe(true);
        expect(sum(weeks.map((w) => w.days))).toBe(Math.round((Date.parse(dates.end) - Date.parse(dates.start)) / 86_400_000) + 1);
      }),
      { numRuns: 300 },
    );
  });

  it("always sums exactly to the budget with random custom weights", () => {
    fc.assert(
      fc.property(budgetFen, lineDates, fc.array(fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 120, maxLength: 120 }), (budget, dates, pool) => {
        const slices = weeksOf(allocateFlighting({ budgetFen: 0, ...dates, mode: "even" }));
        const customWeights = Object.fromEntries(slices.map((s, i) => [s.week, pool[i % pool.length] ?? 0]));
        const result = allocateFlighting({ budgetFen: budget, ...dates, mode: "custom", customWeights });
        if (!result.ok) {
          expect(result.error).toEqual({ code: "custom-weights-all-zero" });
          return;
        }
        expect(sum(result.weeks.map((w) => w.amountFen))).toBe(budget);
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic: the same input gives the same weeks", () => {
    fc.assert(
      fc.property(budgetFen, lineDates, shape, (budget, dates, mode) => {
        expect(allocateFlighting({ budgetFen: budget, ...dates, mode })).toEqual(allocateFlighting({ budgetFen: budget, ...dates, mode }));
      }),
      { numRuns: 100 },
    );
  });

  it("keeps each week within one fen of its exact share", () => {
    fc.assert(
      fc.property(budgetFen, lineDates, shape, (budget, dates, mode) => {
        const weeks = weeksOf(allocateFlighting({ budgetFen: budget, ...dates, mode }));
        const weights = shapeWeights(mode, weeks).map(BigInt);
        const total = weights.reduce((a, b) => a + b, 0n);
        weeks.forEach((week, i) => {
          const exactTimesTotal = BigInt(budget) * (weights[i] ?? 0n);
          const amountTimesTotal = BigInt(week.amountFen) * total;
          const gap = amountTimesTotal - exactTimesTotal;
          expect(gap > -total && gap < total).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("rebalances typed amounts to any new budget exactly", () => {
    fc.assert(
      fc.property(budgetFen, budgetFen, lineDates, (oldBudget, newBudget, dates) => {
        const customFen = toCustomFen(weeksOf(allocateFlighting({ budgetFen: oldBudget, ...dates, mode: "front" })));
        const weeks = weeksOf(rebalanceCustomFen({ customFen, budgetFen: newBudget, ...dates }));
        expect(sum(weeks.map((w) => w.amountFen))).toBe(newBudget);
      }),
      { numRuns: 100 },
    );
  });
});
