import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUYING_MODELS, type Benchmarks } from "~/domain/buying-models";
import { effectiveCpmFen, effectiveUnitCostFen, estimateDeliverables, ESTIMATE_FIGURES, type EstimateInput } from "~/domain/estimates";

// Indicative figures for a made-up placement: ¥30 CPM, ¥1.50 CPC, 1.2 % CTR, 3 % CVR …
const BENCHMARKS: Benchmarks = {
  cpmFen: 3000,
  cpcFen: 150,
  cpvFen: 20,
  cpaFen: 5000,
  cpeFen: 50,
  cptFenPerDay: 50_000_000,
  impressionsPerDay: 20_000_000,
  ctr: 0.012,
  cvr: 0.03,
  viewRate: 0.25,
  engagementRate: 0.02,
  commissionRate: 0.05,
};

const BUDGET = 1_000_000; // ¥10,000

function estimate(overrides: Partial<EstimateInput>) {
  return estimateDeliverables({ buyingModel: "cpm", budgetFen: BUDGET, days: 14, benchmarks: BENCHMARKS, ...overrides });
}

function figures(result: ReturnType<typeof estimateDeliverables>) {
  const { impressions, clicks, views, conversions, engagements } = result;
  return { impressions, clicks, views, conversions, engagements };
}

describe("estimateDeliverables — per-unit buys", () => {
  it("CPM: impressions from budget, then clicks, conversions, views, engagements down the funnel", () => {
    const result = estimate({ buyingModel: "cpm" });
    // 1,000,000 × 1000 / 3000 = 333,333.3 → 333,333; × 1.2 % = 3,999.996 → 3,999; × 3 % = 119.97 → 119.
    expect(figures(result)).toEqual({ impressions: 333_333, clicks: 3_999, views: 83_333, conversions: 119, engagements: 6_666 });
    expect(result.costBasis).toBe("per-unit");
    expect(result.sources).toEqual({ impressions: "benchmark", clicks: "derived", views: "derived", conversions: "derived", engagements: "derived" });
    expect(result.ratesUsed).toEqual({
      cpmFen: { value: 3000, source: "benchmark" },
      ctr: { value: 0.012, source: "benchmark" },
      cvr: { value: 0.03, source: "benchmark" },
      viewRate: { value: 0.25, source: "benchmark" },
      engagementRate: { value: 0.02, source: "benchmark" },
    });
    expect(result.notes).toEqual(["indicative-benchmark"]);
    expect(result.naturalCostFen).toBeNull();
    expect(result.commissionRate).toBeNull();
  });

  it("oCPM: like CPM, with the caveat that an optimised buy's price varies", () => {
    const result = estimate({ buyingModel: "ocpm" });
    expect(result.impressions).toBe(333_333);
    expect(result.notes).toEqual(["optimised-bid-varies", "indicative-benchmark"]);
  });

  it("CPC / oCPC: clicks from budget, impressions = clicks ÷ CTR", () => {
    for (const buyingModel of ["cpc", "ocpc"] as const) {
      const result = estimate({ buyingModel });
      // 1,000,000 / 150 = 6,666.7 → 6,666; ÷ 1.2 % = 555,500; × 3 % = 199.98 → 199.
      expect(figures(result)).toEqual({ impressions: 555_500, clicks: 6_666, views: 138_875, conversions: 199, engagements: 11_110 });
      expect(result.sources.clicks).toBe("benchmark");
      expect(result.sources.impressions).toBe("derived");
      expect(result.ratesUsed.cpcFen).toEqual({ value: 150, source: "benchmark" });
    }
  });

  it("CPV: views from budget, impressions = views ÷ view rate", () => {
    const result = estimate({ buyingModel: "cpv" });
    expect(figures(result)).toEqual({ impressions: 200_000, clicks: 2_400, views: 50_000, conversions: 72, engagements: 4_000 });
    expect(result.sources.views).toBe("benchmark");
  });

  it("CPA: conversions from budget, walked back up the funnel", () => {
    const result = estimate({ buyingModel: "cpa" });
    // 200 conversions ÷ 3 % = 6,666.7 → 6,666 clicks ÷ 1.2 % = 555,500 impressions.
    expect(figures(result)).toEqual({ impressions: 555_500, clicks: 6_666, views: 138_875, conversions: 200, engagements: 11_110 });
  });

  it("CPE: engagements from budget, impressions = engagements ÷ engagement rate", () => {
    const result = estimate({ buyingModel: "cpe" });
    expect(figures(result)).toEqual({ impressions: 1_000_000, clicks: 12_000, views: 250_000, conversions: 360, engagements: 20_000 });
  });

  it("gives zeros for a zero budget", () => {
    expect(figures(estimate({ budgetFen: 0 }))).toEqual({ impressions: 0, clicks: 0, views: 0, conversions: 0, engagements: 0 });
  });
});

describe("estimateDeliverables — where numbers come from", () => {
  it("prefers the unit cost typed by the planner, then the override, then the benchmark", () => {
    const overrides = { cpmFen: 4000, ctr: 0.02 };
    const typed = estimate({ unitCostFen: 2500, overrides });
    expect(typed.impressions).toBe(400_000);
    expect(typed.sources.impressions).toBe("typed");
    expect(typed.ratesUsed.cpmFen).toEqual({ value: 2500, source: "typed" });
    expect(typed.ratesUsed.ctr).toEqual({ value: 0.02, source: "override" });
    expect(typed.clicks).toBe(8_000);

    const overridden = estimate({ overrides });
    expect(overridden.impressions).toBe(250_000);
    expect(overridden.sources.impressions).toBe("override");
    expect(overridden.ratesUsed.cpmFen).toEqual({ value: 4000, source: "override" });
  });

  it("drops the benchmark caveat when nothing comes from a benchmark", () => {
    const result = estimateDeliverables({ buyingModel: "cpc", budgetFen: BUDGET, unitCostFen: 200, days: 1, benchmarks: {}, overrides: { ctr: 0.01 } });
    expect(figures(result)).toEqual({ impressions: 500_000, clicks: 5_000, views: null, conversions: null, engagements: null });
    expect(result.notes).toEqual(["missing-cvr"]);
  });

  it("computes with exact decimals, not floating point", () => {
    // 100 × 0.29 is 28.999999999999996 in floating point, which would floor to 28; the estimate says 29.
    expect(100 * 0.29).toBeLessThan(29);
    const result = estimateDeliverables({ buyingModel: "cpm", budgetFen: 100, days: 1, benchmarks: { cpmFen: 1000, ctr: 0.29 } });
    expect(result.impressions).toBe(100);
    expect(result.clicks).toBe(29);
  });
});

describe("estimateDeliverables — honest gaps", () => {
  it("returns nulls with a note when no unit cost is known", () => {
    const result = estimateDeliverables({ buyingModel: "cpm", budgetFen: BUDGET, days: 7, benchmarks: { ctr: 0.01 } });
    expect(figures(result)).toEqual({ impressions: null, clicks: null, views: null, conversions: null, engagements: null });
    expect(result.sources.impressions).toBeNull();
    expect(result.notes).toEqual(["missing-unit-cost"]);
  });

  it("stops the funnel at a missing rate and says which", () => {
    const noCtr = estimateDeliverables({ buyingModel: "cpm", budgetFen: BUDGET, days: 7, benchmarks: { cpmFen: 3000, cvr: 0.03 } });
    expect(figures(noCtr)).toEqual({ impressions: 333_333, clicks: null, views: null, conversions: null, engagements: null });
    expect(noCtr.notes).toContain("missing-ctr");
    expect(noCtr.ratesUsed.cvr).toBeUndefined(); // not used, so not shown

    const cpcNoCtr = estimateDeliverables({ buyingModel: "cpc", budgetFen: BUDGET, days: 7, benchmarks: { cpcFen: 100, cvr: 0.1 } });
    expect(figures(cpcNoCtr)).toEqual({ impressions: null, clicks: 10_000, views: null, conversions: 1_000, engagements: null });
    expect(cpcNoCtr.notes).toContain("missing-ctr");

    const cpvNoRate = estimateDeliverables({ buyingModel: "cpv", budgetFen: BUDGET, days: 7, benchmarks: { cpvFen: 20, ctr: 0.01 } });
    expect(figures(cpvNoRate)).toEqual({ impressions: null, clicks: null, views: 50_000, conversions: null, engagements: null });
    expect(cpvNoRate.notes).toContain("missing-view-rate");
  });

  it("refuses unusable values instead of silently falling back", () => {
    const zeroTyped = estimate({ unitCostFen: 0 });
    expect(zeroTyped.impressions).toBeNull();
    expect(zeroTyped.notes).toEqual(["invalid-unit-cost"]);

    const badCtr = estimate({ overrides: { ctr: 1.5 } });
    expect(badCtr.clicks).toBeNull();
    expect(badCtr.notes).toContain("invalid-ctr");

    // Zero CTR is a usable multiplier (0 clicks) but cannot be divided by.
    expect(estimate({ overrides: { ctr: 0 } }).clicks).toBe(0);
    const cpcZeroCtr = estimate({ buyingModel: "cpc", overrides: { ctr: 0 } });
    expect(cpcZeroCtr.impressions).toBeNull();
    expect(cpcZeroCtr.notes).toContain("invalid-ctr");
  });

  it("refuses a budget that is not whole non-negative fen", () => {
    for (const budgetFen of [-1, 10.5, Number.NaN]) {
      const result = estimate({ budgetFen });
      expect(figures(result)).toEqual({ impressions: null, clicks: null, views: null, conversions: null, engagements: null });
      expect(result.notes).toContain("invalid-budget");
    }
  });

  it("says so when a figure would be beyond exact integers", () => {
    const result = estimate({ buyingModel: "cpc", unitCostFen: 1, budgetFen: 1_000_000_000_000, overrides: { ctr: 1e-9 } });
    expect(result.clicks).toBe(1_000_000_000_000);
    expect(result.impressions).toBeNull();
    expect(result.notes).toContain("estimate-out-of-range");
  });
});

describe("estimateDeliverables — fixed (CPT) buys", () => {
  it("takes impressions from the placement's daily figure × days, not from a CPM", () => {
    const result = estimate({ buyingModel: "cpt", budgetFen: 150_000_000, days: 3 });
    expect(result.costBasis).toBe("fixed");
    expect(figures(result)).toEqual({ impressions: 60_000_000, clicks: 720_000, views: 15_000_000, conversions: 21_600, engagements: 1_200_000 });
    expect(result.sources.impressions).toBe("benchmark");
    expect(result.naturalCostFen).toBe(150_000_000);
    expect(result.ratesUsed.impressionsPerDay).toEqual({ value: 20_000_000, source: "benchmark" });
    expect(result.ratesUsed.cptFenPerDay).toEqual({ value: 50_000_000, source: "benchmark" });
    expect(result.ratesUsed.cpmFen).toBeUndefined();
    expect(result.notes).toEqual(["indicative-benchmark"]);
  });

  it("has no impressions without a daily figure, even with a CPM benchmark", () => {
    const { impressionsPerDay: _, ...withoutReach } = BENCHMARKS;
    const result = estimateDeliverables({ buyingModel: "cpt", budgetFen: 150_000_000, days: 3, benchmarks: withoutReach });
    expect(figures(result)).toEqual({ impressions: null, clicks: null, views: null, conversions: null, engagements: null });
    expect(result.naturalCostFen).toBe(150_000_000);
    expect(result.notes).toContain("fixed-buy-no-impressions-figure");
    expect(result.notes).not.toContain("missing-ctr");
  });

  it("compares the budget with the natural cost (unit cost per day × days)", () => {
    expect(estimate({ buyingModel: "cpt", budgetFen: 100_000_000, days: 3 }).notes).toContain("fixed-buy-budget-below-natural-cost");
    const typed = estimate({ buyingModel: "cpt", budgetFen: 100_000_000, days: 3, unitCostFen: 20_000_000 });
    expect(typed.naturalCostFen).toBe(60_000_000);
    expect(typed.ratesUsed.cptFenPerDay).toEqual({ value: 20_000_000, source: "typed" });
    expect(typed.notes).toContain("fixed-buy-budget-above-natural-cost");
  });

  it("needs whole days", () => {
    const result = estimate({ buyingModel: "cpt", budgetFen: 150_000_000, days: 2.5 });
    expect(result.impressions).toBeNull();
    expect(result.naturalCostFen).toBeNull();
    expect(result.notes).toContain("invalid-days");
  });
});

describe("estimateDeliverables — commission (CPS) buys", () => {
  it("has no upfront budget: no deliverables, the commission rate and a note", () => {
    const result = estimate({ buyingModel: "cps", budgetFen: 0 });
    expect(result.costBasis).toBe("commission");
    expect(figures(result)).toEqual({ impressions: null, clicks: null, views: null, conversions: null, engagements: null });
    expect(result.commissionRate).toBe(0.05);
    expect(result.ratesUsed).toEqual({ commissionRate: { value: 0.05, source: "benchmark" } });
    expect(result.notes).toEqual(["commission-no-upfront-budget", "indicative-benchmark"]);
  });

  it("uses the organization's commission override and says when none is known", () => {
    expect(estimate({ buyingModel: "cps", overrides: { commissionRate: 0.08 } }).commissionRate).toBe(0.08);
    const unknown = estimateDeliverables({ buyingModel: "cps", budgetFen: 0, days: 1, benchmarks: {} });
    expect(unknown.commissionRate).toBeNull();
    expect(unknown.notes).toEqual(["commission-no-upfront-budget", "missing-commission-rate"]);
  });
});

describe("estimateDeliverables — properties", () => {
  const maybeRate = fc.option(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 2, -1, Number.NaN, Number.POSITIVE_INFINITY)), { nil: undefined });
  const maybeCost = fc.option(fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, -5, Number.NaN)), { nil: undefined });
  const benchmarks = fc.record(
    {
      cpmFen: maybeCost,
      cpcFen: maybeCost,
      cpvFen: maybeCost,
      cpaFen: maybeCost,
      cpeFen: maybeCost,
      cptFenPerDay: maybeCost,
      impressionsPerDay: maybeCost,
      ctr: maybeRate,
      cvr: maybeRate,
      viewRate: maybeRate,
      engagementRate: maybeRate,
      commissionRate: maybeRate,
    },
    { requiredKeys: [] },
  );

  it("never returns NaN, Infinity, fractions or negatives; a null figure has no source", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUYING_MODELS),
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.option(maybeCost, { nil: undefined }),
        fc.integer({ min: 0, max: 400 }),
        benchmarks,
        benchmarks,
        (buyingModel, budgetFen, unitCostFen, days, base, overrides) => {
          const result = estimateDeliverables({ buyingModel, budgetFen, unitCostFen: unitCostFen ?? undefined, days, benchmarks: base as Benchmarks, overrides: overrides as Benchmarks });
          for (const figure of ESTIMATE_FIGURES) {
            const value = result[figure];
            if (value === null) expect(result.sources[figure]).toBeNull();
            else {
              expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
              expect(result.sources[figure]).not.toBeNull();
            }
          }
          if (result.naturalCostFen !== null) expect(Number.isSafeInteger(result.naturalCostFen)).toBe(true);
          expect(new Set(result.notes).size).toBe(result.notes.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("effective costs", () => {
  it("derives the cost actually implied by budget and deliverables", () => {
    expect(effectiveCpmFen(1_000_000, 333_333)).toBe(3000); // 3000.003 → 3000
    expect(effectiveUnitCostFen(1_000_000, 6_666)).toBe(150); // 150.015 → 150
    expect(effectiveUnitCostFen(5, 2)).toBe(3); // 2.5 → 3, half away from zero
    expect(effectiveCpmFen(1_000_000, null)).toBeNull();
    expect(effectiveCpmFen(1_000_000, 0)).toBeNull();
  });
});
