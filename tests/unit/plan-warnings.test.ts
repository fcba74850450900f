import { describe, expect, it } from "vitest";
import { planWarnings, type WarningCampaign, type WarningLine } from "~/domain/plan-warnings";

const CAMPAIGN: WarningCampaign = { start: "2026-03-01", end: "2026-03-31", budgetFen: 1_000_000 };

function line(overrides: Partial<WarningLine> = {}): WarningLine {
  return {
    id: "l1",
    name: "Douyin in-feed",
    start: "2026-03-01",
    end: "2026-03-31",
    budgetFen: 1_000_000,
    buyingModel: "cpc",
    unitCostFen: 150,
    bidBoundsFen: { minFen: 20, maxFen: 10_000 },
    destinationReachable: true,
    ...overrides,
  };
}

describe("planWarnings", () => {
  it("is empty for a clean plan", () => {
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line()] })).toEqual([]);
  });

  it("flags budget left to plan and budget planned beyond the campaign", () => {
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line({ budgetFen: 600_000 })] })).toEqual([
      { code: "unallocated-budget", params: { campaignBudgetFen: 1_000_000, allocatedFen: 600_000, unallocatedFen: 400_000 } },
    ]);
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line(), line({ id: "l2", budgetFen: 250_000 })] })).toEqual([
      { code: "over-allocated-budget", params: { campaignBudgetFen: 1_000_000, allocatedFen: 1_250_000, overAllocatedFen: 250_000 } },
    ]);
    expect(planWarnings({ campaign: CAMPAIGN, lines: [] })).toEqual([
      { code: "unallocated-budget", params: { campaignBudgetFen: 1_000_000, allocatedFen: 0, unallocatedFen: 1_000_000 } },
    ]);
  });

  it("flags lines outside the campaign dates, with the days before and after", () => {
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line({ start: "2026-02-27", end: "2026-04-02" })] })).toEqual([
      {
        code: "line-outside-campaign-dates",
        lineId: "l1",
        params: { lineName: "Douyin in-feed", start: "2026-02-27", end: "2026-04-02", campaignStart: "2026-03-01", campaignEnd: "2026-03-31", daysBefore: 2, daysAfter: 2 },
      },
    ]);
    const after = planWarnings({ campaign: CAMPAIGN, lines: [line({ start: "2026-03-10", end: "2026-04-01" })] });
    expect(after).toMatchObject([{ code: "line-outside-campaign-dates", params: { daysBefore: 0, daysAfter: 1 } }]);
    // The campaign's first and last days are inside.
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line({ start: "2026-03-31", end: "2026-03-31" })] })).toEqual([]);
  });

  it("flags inverted line dates", () => {
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line({ start: "2026-03-20", end: "2026-03-10" })] })).toEqual([
      { code: "line-dates-inverted", lineId: "l1", params: { lineName: "Douyin in-feed", start: "2026-03-20", end: "2026-03-10" } },
    ]);
  });

  it("flags unit costs outside the placement's bid bounds, bounds included", () => {
    const below = planWarnings({ campaign: CAMPAIGN, lines: [line({ unitCostFen: 10 })] });
    expect(below).toEqual([
      { code: "unit-cost-below-bid-bounds", lineId: "l1", params: { lineName: "Douyin in-feed", buyingModel: "cpc", unitCostFen: 10, minFen: 20, maxFen: 10_000 } },
    ]);
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line({ unitCostFen: 10_001 })] })).toMatchObject([{ code: "unit-cost-above-bid-bounds", lineId: "l1" }]);
    // Exactly on the bounds is fine: only l2's zero budget is flagged.
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line({ unitCostFen: 20 }), line({ id: "l2", unitCostFen: 10_000, budgetFen: 0 })] })).toEqual([
      { code: "zero-budget", lineId: "l2", params: { lineName: "Douyin in-feed" } },
    ]);
  });

  it("does not check bounds without a unit cost or without bounds", () => {
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line({ unitCostFen: undefined })] })).toEqual([]);
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line({ unitCostFen: 1, bidBoundsFen: undefined })] })).toEqual([]);
  });

  it("flags a zero budget, except on a commission buy that has no upfront budget", () => {
    const campaign = { ...CAMPAIGN, budgetFen: 0 };
    expect(planWarnings({ campaign, lines: [line({ budgetFen: 0 })] })).toEqual([{ code: "zero-budget", lineId: "l1", params: { lineName: "Douyin in-feed" } }]);
    expect(planWarnings({ campaign, lines: [line({ budgetFen: 0, buyingModel: "cps", unitCostFen: undefined })] })).toEqual([]);
  });

  it("flags a destination the placement cannot reach", () => {
    expect(planWarnings({ campaign: CAMPAIGN, lines: [line({ destinationReachable: false })] })).toEqual([
      { code: "destination-not-reachable", lineId: "l1", params: { lineName: "Douyin in-feed" } },
    ]);
  });

  it("lists campaign warnings first, then each line's in line order", () => {
    const warnings = planWarnings({
      campaign: CAMPAIGN,
      lines: [
        line({ id: "a", budgetFen: 0, destinationReachable: false }),
        line({ id: "b", budgetFen: 500_000, start: "2026-02-01", unitCostFen: 1 }),
      ],
    });
    expect(warnings.map((w) => [w.code, "lineId" in w ? w.lineId : null])).toEqual([
      ["unallocated-budget", null],
      ["zero-budget", "a"],
      ["destination-not-reachable", "a"],
      ["line-outside-campaign-dates", "b"],
      ["unit-cost-below-bid-bounds", "b"],
    ]);
  });
});
