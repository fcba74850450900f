import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DATA_LEVELS } from "~/domain/data-level";
import { shareOf, summarisePlan, type SummaryLine } from "~/domain/plan-summary";

const LINES: SummaryLine[] = [
  { id: "l1", budgetFen: 400_000, ecosystemId: "alimama", funnelStage: "conversion", dataLevel: "transactional" },
  { id: "l2", budgetFen: 300_000, ecosystemId: "douyin", funnelStage: "awareness", dataLevel: "aggregated" },
  { id: "l3", budgetFen: 200_000, ecosystemId: "wechat", funnelStage: "consideration", dataLevel: "individual" },
  { id: "l4", budgetFen: 100_000, ecosystemId: "douyin", funnelStage: "conversion", dataLevel: "individual" },
];

describe("summarisePlan", () => {
  it("totals the lines against the campaign budget", () => {
    const under = summarisePlan({ campaignBudgetFen: 1_200_000, lines: LINES });
    expect(under).toMatchObject({ allocatedFen: 1_000_000, differenceFen: -200_000, status: "under", unallocatedFen: 200_000, overAllocatedFen: 0, lineCount: 4 });
    const over = summarisePlan({ campaignBudgetFen: 900_000, lines: LINES });
    expect(over).toMatchObject({ differenceFen: 100_000, status: "over", unallocatedFen: 0, overAllocatedFen: 100_000 });
    expect(summarisePlan({ campaignBudgetFen: 1_000_000, lines: LINES })).toMatchObject({ differenceFen: 0, status: "balanced" });
  });

  it("splits budget by ecosystem and funnel stage, largest first, ties by key", () => {
    const summary = summarisePlan({ campaignBudgetFen: 1_000_000, lines: LINES });
    expect(summary.byEcosystem).toEqual([
      { key: "alimama", budgetFen: 400_000, share: 0.4, lineCount: 1 },
      { key: "douyin", budgetFen: 400_000, share: 0.4, lineCount: 2 },
      { key: "wechat", budgetFen: 200_000, share: 0.2, lineCount: 1 },
    ]);
    expect(summary.byFunnelStage).toEqual([
      { key: "conversion", budgetFen: 500_000, share: 0.5, lineCount: 2 },
      { key: "awareness", budgetFen: 300_000, share: 0.3, lineCount: 1 },
      { key: "consideration", budgetFen: 200_000, share: 0.2, lineCount: 1 },
    ]);
  });

  it("always lists the three data levels, most open first, and the individual-level share", () => {
    const summary = summarisePlan({ campaignBudgetFen: 2_000_000, lines: LINES });
    expect(summary.byDataLevel).toEqual([
      { key: "individual", budgetFen: 300_000, share: 0.3, lineCount: 2 },
      { key: "transactional", budgetFen: 400_000, share: 0.4, lineCount: 1 },
      { key: "aggregated", budgetFen: 300_000, share: 0.3, lineCount: 1 },
    ]);
    expect(summary.individualShare).toBe(0.3); // of the allocated budget, not of the campaign budget
  });

  it("gives zero shares, not NaN, when nothing is allocated", () => {
    const empty = summarisePlan({ campaignBudgetFen: 500_000, lines: [] });
    expect(empty).toMatchObject({ allocatedFen: 0, differenceFen: -500_000, status: "under", individualShare: 0, byEcosystem: [], byFunnelStage: [] });
    expect(empty.byDataLevel.map((s) => [s.key, s.share])).toEqual([["individual", 0], ["transactional", 0], ["aggregated", 0]]);
    const zeroLines = summarisePlan({ campaignBudgetFen: 0, lines: LINES.map((l) => ({ ...l, budgetFen: 0 })) });
    expect(zeroLines.byEcosystem.every((s) => s.share === 0)).toBe(true);
    expect(zeroLines.status).toBe("balanced");
    expect(shareOf(0, 0)).toBe(0);
  });

  it("keeps every split adding up to the allocated total", () => {
    const line = fc.record({
      id: fc.uuid(),
      budgetFen: fc.integer({ min: 0, max: 10_000_000_000 }),
      ecosystemId: fc.constantFrom("alimama", "douyin", "wechat", "baidu", "jd"),
      funnelStage: fc.constantFrom("awareness", "consideration", "conversion", "loyalty"),
      dataLevel: fc.constantFrom(...DATA_LEVELS),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.integer({ min: 0, max: 100_000_000_000 }), (lines, campaignBudgetFen) => {
        const summary = summarisePlan({ campaignBudgetFen, lines });
        for (const slices of [summary.byEcosystem, summary.byFunnelStage, summary.byDataLevel]) {
          expect(slices.reduce((sum, s) => sum + s.budgetFen, 0)).toBe(summary.allocatedFen);
          expect(slices.reduce((sum, s) => sum + s.lineCount, 0)).toBe(lines.length);
          const shares = slices.reduce((sum, s) => sum + s.share, 0);
          expect(summary.allocatedFen === 0 ? shares === 0 : Math.abs(shares - 1) < 1e-9).toBe(true);
        }
        expect(summary.allocatedFen - summary.campaignBudgetFen).toBe(summary.differenceFen);
        // As a sum, not toBe(-difference): toBe tells 0 from -0, and a plan with no difference gives -0.
        expect(summary.unallocatedFen - summary.overAllocatedFen + summary.differenceFen).toBe(0);
      }),
    );
  });
});
