import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "~/domain/dates";
import { allocateFlighting } from "~/domain/flighting";
import { buildMeasurementRows, coverageScore, type MeasurementLine } from "~/domain/measurement";
import type { PlanLine, PlanSnapshot } from "~/domain/plan";
import { createDeriveCache, deriveLine, derivePlan, sortLines } from "~/domain/plan-derive";
import { buildFixtureCatalog, buildFixturePlan, FIXTURE_CAMPAIGN, testLine } from "../fixtures/plan-fixture";

const catalog = buildFixtureCatalog();

function line(overrides: Partial<PlanLine> = {}): PlanLine {
  return testLine("line-1", { name: "Douyin to mini program", destinationId: "wechat-mini-program", budgetFen: 3_500_000, endDate: "2026-03-15", kpiTarget: 1_000, ...overrides });
}

describe("deriveLine", () => {
  it("gives the route's effective level with its one-sentence explanation (brief rule 3)", () => {
    const derived = deriveLine(line(), catalog, "en");
    expect(derived.placement?.id).toBe("douyin-infeed");
    expect(derived.destination?.id).toBe("wechat-mini-program");
    expect(derived.effectiveLevel).toBe("individual");
    expect(derived.level?.decidedBy).toBe("destination");
    expect(derived.levelExplanation).toBe(
      "Douyin in-feed video ads → WeChat mini program: individual data is captured in WeChat after the click; Douyin itself reports only aggregates.",
    );
    expect(deriveLine(line(), catalog, "zh").levelExplanation).toContain("抖音信息流广告 → 微信小程序");
  });

  it("estimates with the organization's benchmark override, and counts the days inclusively", () => {
    // The fixture overrides douyin-infeed's CPM to ¥35: ¥35,000 buys 1,000,000 impressions.
    const derived = deriveLine(line(), catalog, "en");
    expect(derived.days).toBe(14);
    expect(derived.estimate?.impressions).toBe(1_000_000);
    expect(derived.estimate?.ratesUsed.cpmFen).toEqual({ value: 3_500, source: "override" });
    // A unit cost typed on the line wins over the override.
    expect(deriveLine(line({ unitCostFen: 7_000 }), catalog, "en").estimate?.impressions).toBe(500_000);
  });

  it("splits the budget over ISO weeks exactly, custom amounts included", () => {
    const even = deriveLine(line({ budgetFen: 100_001 }), catalog, "en").flighting;
    expect(even.ok && even.weeks.map((w) => w.week)).toEqual(["2026-W10", "2026-W11"]);
    expect(even.ok && even.weeks.reduce((sum, w) => sum + w.amountFen, 0)).toBe(100_001);
    const custom = deriveLine(line({ flightingMode: "custom", budgetFen: 300, customFlightingFen: { "2026-W10": 100, "2026-W11": 200 } }), catalog, "en").flighting;
    expect(custom.ok && custom.weeks.map((w) => w.amountFen)).toEqual([100, 200]);
    const mismatch = deriveLine(line({ flightingMode: "custom", budgetFen: 301, customFlightingFen: { "2026-W10": 100, "2026-W11": 200 } }), catalog, "en").flighting;
    expect(mismatch).toEqual({ ok: false, error: { code: "custom-sum-mismatch", budgetFen: 301, typedFen: 300, differenceFen: -1 } });
  });

  it("shows an organization's level override and its justification", () => {
    const derived = deriveLine(line({ placementId: "douyin-qianchuan", destinationId: "douyin-shop", buyingModel: "ocpm" }), catalog, "en");
    expect(derived.effectiveLevel).toBe("transactional");
    expect(derived.levelExplanation).toContain("Our Douyin shop has a CRM integration");
  });

  it("never throws on a placement the organization no longer has: least open level, no estimate", () => {
    const derived = deriveLine(line({ placementId: "custom-gone" }), catalog, "en");
    expect(derived.placement).toBeUndefined();
    expect(derived.effectiveLevel).toBe("aggregated");
    expect(derived.levelExplanation).toBe("");
    expect(derived.estimate).toBeNull();
    expect(derived.flighting.ok).toBe(true);
  });

  it("splits exactly as allocateFlighting does, with its cache of week slices", () => {
    const cache = createDeriveCache(catalog);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: -3, max: 90 }),
        fc.constantFrom("even" as const, "front" as const, "back" as const),
        (budgetFen, offset, length, mode) => {
          const startDate = addDays("2026-01-01", offset);
          const endDate = addDays(startDate, length);
          const derived = deriveLine(line({ budgetFen, startDate, endDate, flightingMode: mode }), catalog, "en", cache);
          expect(derived.flighting).toEqual(allocateFlighting({ budgetFen, start: startDate, end: endDate, mode }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("caches each route once across lines", () => {
    const cache = createDeriveCache(catalog);
    deriveLine(line(), catalog, "en", cache);
    deriveLine(line({ id: "line-2", budgetFen: 1 }), catalog, "en", cache);
    expect(cache.routes.size).toBe(1);
  });
});

describe("derivePlan", () => {
  const snapshot = buildFixturePlan();

  it("orders lines by position and derives each", () => {
    const shuffled: PlanSnapshot = { ...snapshot, lines: [...snapshot.lines].reverse() };
    const plan = derivePlan(shuffled, catalog, "en");
    expect(plan.lines.map((d) => d.line.id)).toEqual(sortLines(snapshot.lines).map((l) => l.id));
    expect(plan.lines.every((d) => d.placement !== undefined)).toBe(true);
  });

  it("summarises budget against the campaign by ecosystem and data level", () => {
    const plan = derivePlan(snapshot, catalog, "en");
    const allocated = snapshot.lines.reduce((sum, l) => sum + l.budgetFen, 0);
    expect(plan.summary.allocatedFen).toBe(allocated);
    expect(plan.summary.differenceFen).toBe(allocated - snapshot.campaign.budgetFen);
    expect(plan.summary.byEcosystem.map((s) => s.key).sort()).toEqual(["alibaba", "baidu", "bilibili", "bytedance", "jd", "kuaishou", "tencent", "weibo", "xiaohongshu"]);
    expect(plan.summary.byDataLevel.map((s) => s.key)).toEqual(["individual", "transactional", "aggregated"]);
    expect(plan.summary.byDataLevel.reduce((sum, s) => sum + s.budgetFen, 0)).toBe(allocated);
  });

  it("builds the same measurement rows and coverage as the measurement module line by line", () => {
    const plan = derivePlan(snapshot, catalog, "zh");
    const measured: MeasurementLine[] = plan.lines
      .filter((d) => d.kpi && d.placement)
      .map((d) => ({ id: d.line.id, placement: d.placement!, destinationId: d.line.destinationId, kpiId: d.kpi!.id, budgetFen: d.line.budgetFen, isPrimaryKpi: true, plannedMethodId: d.line.measurement.methodId }));
    expect(plan.measurementRows).toEqual(buildMeasurementRows(measured, catalog.levelOverrides));
    expect(plan.coverage).toEqual(coverageScore(measured, catalog.levelOverrides));
    const withoutKpi = snapshot.lines.filter((l) => l.kpiId === null).reduce((sum, l) => sum + l.budgetFen, 0);
    expect(withoutKpi).toBeGreaterThan(0);
    expect(plan.budgetWithoutKpiFen).toBe(withoutKpi);
  });

  it("handles an empty plan", () => {
    const plan = derivePlan({ campaign: FIXTURE_CAMPAIGN, lines: [], catalogVersion: "x" }, catalog, "en");
    expect(plan.lines).toEqual([]);
    expect(plan.coverage.ratio).toBe(0);
    expect(plan.summary.status).toBe("balanced");
  });
});
