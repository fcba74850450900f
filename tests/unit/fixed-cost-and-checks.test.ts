// Issue 12: a fixed-price slot bought below its price, and a new line worth a second look.
import { describe, expect, it } from "vitest";
import { getPlacement } from "~/domain/catalog";
import { estimateDeliverables } from "~/domain/estimates";
import { lineChecksKey, newLineChecks } from "~/domain/line-rules";
import { planWarnings, type WarningLine } from "~/domain/plan-warnings";

const topView = getPlacement("douyin-topview")!;

describe("a fixed-price (CPT) buy below the slot's price", () => {
  it("TopView at ¥180,000 for 7 days (¥2.5M a day) buys no day: 0 impressions, not 105,000,000", () => {
    const estimate = estimateDeliverables({ buyingModel: "cpt", budgetFen: 18_000_000, days: 7, benchmarks: topView.benchmarks });
    expect(estimate.naturalCostFen).toBe(7 * topView.benchmarks.cptFenPerDay!);
    expect(estimate.boughtDays).toBe(0);
    expect(estimate.impressions).toBe(0);
    expect(estimate.notes).toContain("fixed-buy-budget-below-natural-cost");
  });

  it("counts the whole days a budget pays for, never more than the line's days", () => {
    const two = estimateDeliverables({ buyingModel: "cpt", budgetFen: 2 * 250_000_000 + 1, days: 7, benchmarks: topView.benchmarks });
    expect(two.boughtDays).toBe(2);
    expect(two.impressions).toBe(2 * topView.benchmarks.impressionsPerDay!);
    const all = estimateDeliverables({ buyingModel: "cpt", budgetFen: 9 * 250_000_000, days: 7, benchmarks: topView.benchmarks });
    expect(all.boughtDays).toBe(7);
    expect(all.impressions).toBe(7 * topView.benchmarks.impressionsPerDay!);
  });

  it("is a warning of the plan's summary", () => {
    const line: WarningLine = {
      id: "l1",
      name: "TopView launch",
      start: "2027-01-04",
      end: "2027-01-10",
      budgetFen: 18_000_000,
      buyingModel: "cpt",
      destinationReachable: true,
      fixedCost: { naturalCostFen: 1_750_000_000, days: 7, boughtDays: 0 },
    };
    const warnings = planWarnings({ campaign: { start: "2027-01-01", end: "2027-01-31", budgetFen: 18_000_000 }, lines: [line] });
    expect(warnings).toEqual([
      { code: "fixed-buy-budget-below-cost", lineId: "l1", params: { lineName: "TopView launch", budgetFen: 18_000_000, naturalCostFen: 1_750_000_000, days: 7, boughtDays: 0 } },
    ]);
  });
});

describe("newLineChecks", () => {
  const context = { existingNames: ["Qianchuan live GMV", "Baidu brand"], benchmarkUnitCostFen: 4_000 };

  it("finds a typed name another line has, whatever its case or spacing; an empty name is the naming convention's", () => {
    expect(newLineChecks({ name: " qianchuan LIVE gmv", unitCostFen: null }, context).map((c) => c.code)).toEqual(["duplicate-name"]);
    expect(newLineChecks({ name: "", unitCostFen: null }, context)).toEqual([]);
    expect(newLineChecks({ name: "Qianchuan live GMV 2", unitCostFen: null }, context)).toEqual([]);
  });

  it("questions a unit cost below a fifth or above five times the benchmark", () => {
    expect(newLineChecks({ name: "", unitCostFen: 150 }, context).map((c) => c.code)).toEqual(["unit-cost-far-below-benchmark"]);
    expect(newLineChecks({ name: "", unitCostFen: 800 }, context)).toEqual([]);
    expect(newLineChecks({ name: "", unitCostFen: 20_000 }, context)).toEqual([]);
    expect(newLineChecks({ name: "", unitCostFen: 20_001 }, context).map((c) => c.code)).toEqual(["unit-cost-far-above-benchmark"]);
    expect(newLineChecks({ name: "", unitCostFen: 150 }, { ...context, benchmarkUnitCostFen: undefined })).toEqual([]);
  });

  it("keys exactly what was shown", () => {
    const a = newLineChecks({ name: "Baidu brand", unitCostFen: 150 }, context);
    expect(lineChecksKey(a)).toBe(lineChecksKey(newLineChecks({ name: "Baidu brand", unitCostFen: 150 }, context)));
    expect(lineChecksKey(a)).not.toBe(lineChecksKey(newLineChecks({ name: "Baidu brand", unitCostFen: 100 }, context)));
  });
});
