import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DESTINATION_IDS, getDestination, getPlacement, KPI_IDS, KPIS, MEASUREMENT_METHODS, PLACEMENTS, type KpiId, type Placement } from "~/domain/catalog";
import { DATA_LEVELS, type DataLevel } from "~/domain/data-level";
import {
  applyAlternative,
  buildMeasurementRows,
  canBindIdentity,
  coverageScore,
  expectedBoundCustomers,
  planIdentityBridge,
  suggestAlternatives,
  type MeasurementLine,
} from "~/domain/measurement";
import { canReach, type LevelOverride } from "~/domain/openness";

const placement = (id: string): Placement => getPlacement(id)!;

function line(id: string, placementId: string, destinationId: MeasurementLine["destinationId"], kpiId: KpiId, budgetFen: number, isPrimaryKpi?: boolean): MeasurementLine {
  return { id, placement: placement(placementId), destinationId, kpiId, budgetFen, ...(isPrimaryKpi === undefined ? {} : { isPrimaryKpi }) };
}

function rowOf(entry: MeasurementLine, overrides: readonly LevelOverride[] = []) {
  return buildMeasurementRows([entry], overrides)[0]!;
}

// Issue 6's KPI list, written out independently of kpis.ts.
const REQUIRED_LEVEL: Record<KpiId, DataLevel> = {
  impressions: "aggregated",
  reach: "aggregated",
  cpm: "aggregated",
  views: "aggregated",
  clicks: "aggregated",
  ctr: "aggregated",
  engagements: "aggregated",
  "follower-growth": "aggregated",
  "search-index-lift": "aggregated",
  "brand-lift": "aggregated",
  orders: "transactional",
  gmv: "transactional",
  roas: "transactional",
  "new-to-brand-buyers": "transactional",
  "repurchase-rate": "transactional",
  "average-order-value": "transactional",
  "per-person-journeys": "individual",
  "crm-binding-rate": "individual",
  "customer-lifetime-value": "individual",
  "propensity-models": "individual",
  "first-party-retargeting": "individual",
  "user-level-attribution": "individual",
};

// One catalog line per effective level.
const LINE_AT: Record<DataLevel, [string, MeasurementLine["destinationId"]]> = {
  aggregated: ["douyin-infeed", "douyin-shop"],
  transactional: ["alimama-zhitongche", "tmall-store"],
  individual: ["wechat-moments", "wechat-mini-program"],
};

const MEASURABLE_AT: Record<DataLevel, readonly DataLevel[]> = {
  aggregated: ["aggregated", "transactional", "individual"],
  transactional: ["transactional", "individual"],
  individual: ["individual"],
};

describe("KPI catalog (issue 6)", () => {
  it.each(KPIS.map((k) => [k.id, k] as const))("%s requires the level issue 6 gives it, with names, a definition and a unit", (id, kpi) => {
    expect(kpi.requiredLevel).toBe(REQUIRED_LEVEL[id]);
    expect(["count", "ratio", "fen", "multiple", "score"]).toContain(kpi.unit);
  });

  it("covers every KPI of issue 6", () => {
    expect([...KPI_IDS].sort()).toEqual(Object.keys(REQUIRED_LEVEL).sort());
  });
});

describe("measurability for every KPI × level (brief rule 4)", () => {
  const CASES = KPI_IDS.flatMap((kpiId) => DATA_LEVELS.map((level) => [kpiId, level] as const));

  it.each(CASES)("%s on a line giving %s data", (kpiId, level) => {
    const [placementId, destinationId] = LINE_AT[level];
    const row = rowOf(line("l", placementId, destinationId, kpiId, 100));
    const expected = MEASURABLE_AT[REQUIRED_LEVEL[kpiId]].includes(level);
    expect(row.effectiveLevel).toBe(level);
    expect(row.requiredLevel).toBe(REQUIRED_LEVEL[kpiId]);
    expect(row.isMeasurable).toBe(expected);
    if (expected) {
      expect(row.methodId).not.toBeNull();
      expect(row.owner).not.toBeNull();
      expect(row.lagDays).toBeGreaterThan(0);
      expect(row.alternatives).toEqual([]);
      expect(row.explanationEn).toMatch(/is measurable through/);
      expect(row.explanationZh).toMatch(/可通过.+衡量。$/);
    } else {
      expect(row.methodId).toBeNull();
      expect(row.explanationEn).toMatch(/is not measurable as planned\.$/);
      expect(row.explanationZh).toMatch(/按当前计划无法衡量。$/);
    }
  });
});

describe("the method, source, owner and lag of a measurable row", () => {
  it("reads impressions from the platform's reports", () => {
    expect(rowOf(line("l", "douyin-infeed", "douyin-shop", "impressions", 1))).toMatchObject({
      methodId: "platform-reports",
      dataSourceEn: "Ocean Engine reports",
      dataSourceZh: "巨量引擎报告",
      owner: "agency",
      lagDays: 1,
    });
  });

  it("matches orders of a Tmall line in the store's CRM, and orders of a WeChat line in first-party data", () => {
    expect(rowOf(line("l", "douyin-infeed", "tmall-store", "orders", 1))).toMatchObject({
      methodId: "crm-order-matching",
      dataSourceEn: "Tmall store (with CRM integration)",
      owner: "brand",
    });
    expect(rowOf(line("l", "douyin-infeed", "wechat-mini-program", "orders", 1))).toMatchObject({
      methodId: "first-party-touchpoint",
      dataSourceEn: "WeChat mini program",
    });
  });

  it("measures brand lift by a study and search-index lift by tracking the public indices", () => {
    expect(rowOf(line("l", "baidu-splash", "none", "brand-lift", 1))).toMatchObject({ methodId: "brand-lift-study", owner: "platform" });
    expect(rowOf(line("l", "baidu-search", "brand-website", "search-index-lift", 1)).methodId).toBe("search-index-tracking");
  });
});

describe("alternatives for a KPI the line cannot measure", () => {
  it("offers a Douyin in-feed line with repurchase rate a WeChat mini program, which makes it measurable (issue 6)", () => {
    const douyin = line("d", "douyin-infeed", "douyin-shop", "repurchase-rate", 500_000, true);
    const row = rowOf(douyin);
    expect(row.isMeasurable).toBe(false);
    const toWeChat = row.alternatives.find((a) => a.kind === "change-destination" && a.destinationId === "wechat-mini-program");
    expect(toWeChat).toMatchObject({ scope: "plan", resultingLevel: "individual" });
    const applied = applyAlternative(douyin, toWeChat!);
    expect(rowOf(applied).isMeasurable).toBe(true);
    expect(coverageScore([applied]).ratio).toBeGreaterThan(coverageScore([douyin]).ratio);
    // Yuntu estimates Douyin repurchase in aggregate: a method, not a plan change.
    expect(row.alternatives).toContainEqual(
      expect.objectContaining({ kind: "data-product", scope: "method", dataProductId: "ocean-engine-yuntu", outputLevel: "aggregated" }),
    );
  });

  it("never offers a Baidu search line a destination Baidu cannot reach", () => {
    for (const destinationId of ["baidu-landing-page", "baidu-mini-program", "brand-website"] as const) {
      for (const kpiId of KPI_IDS) {
        const alternatives = suggestAlternatives({ placement: placement("baidu-search"), destinationId }, kpiId);
        for (const alternative of alternatives) {
          if (alternative.kind === "change-destination") expect(canReach(placement("baidu-search"), alternative.destinationId)).toBe(true);
          if (alternative.kind === "data-product") expect(alternative.dataProductId).toBe("baidu-guanxingpan");
        }
      }
    }
    const repurchase = suggestAlternatives({ placement: placement("baidu-search"), destinationId: "baidu-landing-page" }, "repurchase-rate");
    expect(repurchase.map((a) => (a.kind === "change-destination" ? a.destinationId : a.methodId))).not.toContain("wechat-mini-program");
    expect(repurchase.map((a) => (a.kind === "change-destination" ? a.destinationId : a.methodId))).not.toContain("tmall-store");
    expect(repurchase).toEqual([]);
  });

  it("offers a geo experiment and media-mix modelling for sales outcomes of a closed line, but not for individual-level KPIs", () => {
    const gmv = suggestAlternatives({ placement: placement("baidu-search"), destinationId: "baidu-landing-page" }, "gmv");
    expect(gmv.map((a) => a.kind === "change-destination" ? a.destinationId : a.methodId)).toEqual(["geo-experiment", "media-mix-modelling"]);
    expect(gmv.every((a) => a.scope === "method")).toBe(true);
    const journeys = suggestAlternatives({ placement: placement("douyin-infeed"), destinationId: "douyin-shop" }, "per-person-journeys");
    expect(journeys.map((a) => a.kind)).toEqual(["change-destination"]);
  });

  it("returns nothing for a KPI that is already measurable", () => {
    expect(suggestAlternatives({ placement: placement("jd-search"), destinationId: "jd-store" }, "gmv")).toEqual([]);
  });

  // Property over the whole catalog × KPI list: every destination change offered really makes the KPI
  // measurable when applied, and every reachable destination that would is offered.
  const ROUTES = PLACEMENTS.flatMap((p) => p.destinations.map((d) => [p.id, d] as const));
  it.each(ROUTES)("%s → %s: each destination change offered makes the KPI measurable, and none is missing", (placementId, destinationId) => {
    const p = placement(placementId);
    for (const kpiId of KPI_IDS) {
      const current = line("l", placementId, destinationId, kpiId, 1_000);
      const row = rowOf(current);
      if (row.isMeasurable) {
        expect(row.methodId, kpiId).not.toBeNull();
        continue;
      }
      const offered = row.alternatives.flatMap((a) => (a.kind === "change-destination" ? [a.destinationId] : []));
      for (const alternative of row.alternatives) {
        const after = rowOf(applyAlternative(current, alternative));
        if (alternative.kind === "change-destination") {
          expect(canReach(p, alternative.destinationId)).toBe(true);
          expect(after.isMeasurable, `${kpiId} via ${alternative.destinationId}`).toBe(true);
          expect(after.effectiveLevel).toBe(alternative.resultingLevel);
        } else {
          // A method changes how the KPI is measured, not the plan: the line stays as it is.
          expect(after.isMeasurable).toBe(false);
          if (alternative.dataProductId !== null) expect(p.dataProducts).toContain(alternative.dataProductId);
        }
      }
      const shouldOffer = p.destinations.filter(
        (id) => id !== destinationId && rowOf(line("l", placementId, id, kpiId, 1_000)).isMeasurable,
      );
      expect(offered.sort(), kpiId).toEqual([...shouldOffer].sort());
    }
  });

  it("keeps every destination change valid under any justified overrides (property)", () => {
    const overrideArb = fc.record({
      targetType: fc.constantFrom("placement" as const, "destination" as const),
      level: fc.constantFrom(...DATA_LEVELS),
      justification: fc.constantFrom("Confirmed with the platform account team in writing.", "x"),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...PLACEMENTS),
        fc.constantFrom(...KPI_IDS),
        fc.array(fc.tuple(overrideArb, fc.constantFrom(...PLACEMENTS.map((p) => p.id)), fc.constantFrom(...DESTINATION_IDS)), { maxLength: 4 }),
        fc.nat(),
        (p, kpiId, rawOverrides, pickIndex) => {
          const overrides: LevelOverride[] = rawOverrides.map(([o, placementId, destinationId]) => ({
            ...o,
            targetId: o.targetType === "placement" ? placementId : destinationId,
          }));
          const destinationId = p.destinations[pickIndex % p.destinations.length]!;
          const current: MeasurementLine = { id: "l", placement: p, destinationId, kpiId, budgetFen: 1 };
          for (const alternative of suggestAlternatives(current, kpiId, overrides)) {
            if (alternative.kind !== "change-destination") continue;
            expect(rowOf(applyAlternative(current, alternative), overrides).isMeasurable).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("measurement rows", () => {
  it("makes one row per KPI × line, marking each line's primary KPI", () => {
    const rows = buildMeasurementRows([
      line("a", "douyin-infeed", "douyin-shop", "views", 100),
      line("a", "douyin-infeed", "douyin-shop", "gmv", 100, true),
      line("b", "jd-search", "jd-store", "roas", 50),
    ]);
    expect(rows.map((r) => [r.lineId, r.kpiId, r.isPrimaryKpi])).toEqual([
      ["a", "views", false],
      ["a", "gmv", true],
      ["b", "roas", true],
    ]);
  });

  it("explains both the level and the verdict in one sentence each, in English and Chinese", () => {
    const row = rowOf(line("b", "baidu-search", "baidu-landing-page", "repurchase-rate", 100));
    expect(row.explanationEn).toBe(
      "“Repurchase rate” needs transactional data, but the line (Baidu Fengchao search ads → Baidu landing page) gives back only aggregated data, so it is not measurable as planned.",
    );
    expect(row.explanationZh).toBe("“复购率”需要交易级数据，但该投放行（百度凤巢搜索广告 → 百度落地页）只能拿回聚合级数据，按当前计划无法衡量。");
    expect(row.levelExplanationEn).toMatch(/^Baidu Fengchao search ads → Baidu landing page: /);
  });

  it("uses a justified override, and ignores one without justification", () => {
    const douyin = line("d", "douyin-infeed", "douyin-shop", "orders", 100);
    const override: LevelOverride = { targetType: "destination", targetId: "douyin-shop", level: "transactional", justification: "" };
    expect(rowOf(douyin, [override]).isMeasurable).toBe(false);
    const justified = { ...override, justification: "Our Douyin shop membership shares phone numbers." };
    const row = rowOf(douyin, [justified]);
    expect(row).toMatchObject({ isMeasurable: true, methodId: "crm-order-matching", dataSourceEn: "Douyin shop" });
    expect(row.lineLevel.destination.override?.justification).toBe(justified.justification);
    expect(row.levelExplanationEn).toContain(justified.justification);
  });
});

describe("coverage score (issue 6)", () => {
  it("is the share of budget whose primary KPI is measurable as planned — hand-computed", () => {
    const lines = [
      line("tmall", "alimama-zhitongche", "tmall-store", "gmv", 300_000), // transactional ≥ transactional: covered
      line("douyin", "douyin-infeed", "douyin-shop", "repurchase-rate", 500_000), // aggregated < transactional: not covered
      line("wechat", "wechat-moments", "wechat-mini-program", "crm-binding-rate", 200_000), // individual: covered
    ];
    expect(coverageScore(lines)).toEqual({ coveredFen: 500_000, uncoveredFen: 500_000, totalFen: 1_000_000, ratio: 0.5 });
  });

  it("counts each line once, by its primary KPI", () => {
    const lines = [
      line("a", "douyin-infeed", "douyin-shop", "impressions", 400_000),
      line("a", "douyin-infeed", "douyin-shop", "orders", 400_000, true),
      line("b", "jd-display", "jd-store", "orders", 100_000),
      line("b", "jd-display", "jd-store", "customer-lifetime-value", 100_000),
    ];
    // a: primary orders on aggregated → uncovered 400,000; b: no primary marked, first entry (orders) → covered 100,000.
    expect(coverageScore(lines)).toEqual({ coveredFen: 100_000, uncoveredFen: 400_000, totalFen: 500_000, ratio: 0.2 });
  });

  it("rises when a line moves to a destination that captures enough", () => {
    const before = [line("a", "douyin-infeed", "douyin-shop", "orders", 750_000), line("b", "jd-search", "jd-store", "orders", 250_000)];
    const after = [line("a", "douyin-infeed", "wechat-mini-program", "orders", 750_000), before[1]!];
    expect(coverageScore(before)).toEqual({ coveredFen: 250_000, uncoveredFen: 750_000, totalFen: 1_000_000, ratio: 0.25 });
    expect(coverageScore(after)).toEqual({ coveredFen: 1_000_000, uncoveredFen: 0, totalFen: 1_000_000, ratio: 1 });
  });

  it("is 0 for an empty plan or a plan without budget", () => {
    expect(coverageScore([])).toEqual({ coveredFen: 0, uncoveredFen: 0, totalFen: 0, ratio: 0 });
    expect(coverageScore([line("a", "jd-search", "jd-store", "gmv", 0)])).toEqual({ coveredFen: 0, uncoveredFen: 0, totalFen: 0, ratio: 0 });
  });

  it("follows justified overrides only", () => {
    const lines = [line("a", "baidu-search", "baidu-mini-program", "orders", 1_000)];
    const unjustified: LevelOverride = { targetType: "destination", targetId: "baidu-mini-program", level: "transactional", justification: "trust me" };
    expect(coverageScore(lines, [unjustified]).coveredFen).toBe(0);
    expect(coverageScore(lines, [{ ...unjustified, justification: "Phone login and orders in our own mini program." }]).coveredFen).toBe(1_000);
  });

  it.each([12.5, -1, Number.NaN, Number.MAX_SAFE_INTEGER + 2])("rejects a budget of %s fen", (budgetFen) => {
    expect(() => coverageScore([line("a", "jd-search", "jd-store", "gmv", budgetFen)])).toThrow(RangeError);
  });
});

describe("identity bridge (brief rule 5)", () => {
  it("expects conversions × binding rate bound customers, in whole people", () => {
    expect(expectedBoundCustomers(1_000, 0.3)).toBe(300);
    expect(expectedBoundCustomers(100, 0.29)).toBe(29);
    expect(expectedBoundCustomers(3, 0.5)).toBe(2);
    expect(expectedBoundCustomers(0, 0.8)).toBe(0);
  });

  it.each([
    [-1, 0.5],
    [100, 1.2],
    [100, -0.1],
    [Number.NaN, 0.5],
  ])("rejects conversions %s with binding rate %s", (conversions, rate) => {
    expect(() => expectedBoundCustomers(conversions, rate)).toThrow(RangeError);
  });

  it("exists only for lines landing in WeChat, and always needs consent", () => {
    expect(canBindIdentity("wechat-mini-program")).toBe(true);
    expect(canBindIdentity("wechat-official-account")).toBe(true);
    for (const id of DESTINATION_IDS.filter((d) => !d.startsWith("wechat-"))) {
      expect(canBindIdentity(id), id).toBe(false);
      expect(planIdentityBridge(id, 100, 0.5)).toBeNull();
    }
    expect(planIdentityBridge("wechat-mini-program", 4_000, 0.25)).toEqual({
      destinationId: "wechat-mini-program",
      conversions: 4_000,
      bindingRate: 0.25,
      expectedBoundCustomers: 1_000,
      requiresConsent: true,
      crossEcosystemMatchingRequiresConsent: true,
    });
    expect(getDestination("wechat-mini-program")!.ecosystemId).toBe("tencent");
  });
});

describe("the planner's chosen method (issue 12)", () => {
  const planned = (entry: MeasurementLine, methodId: string) => rowOf({ ...entry, plannedMethodId: methodId });

  it("Yuntu on a Douyin shop line gives repurchase rate only in aggregate: the row stays not measurable and the coverage stays", () => {
    const douyin = line("d", "douyin-infeed", "douyin-shop", "repurchase-rate", 1_000, true);
    const row = planned(douyin, "data-product:ocean-engine-yuntu");
    expect(row.isMeasurable).toBe(false);
    expect(row.plannedMethod).toEqual({ methodId: "data-product:ocean-engine-yuntu", status: "below-required", outputLevel: "aggregated", minLineLevel: "aggregated" });
    expect(row.explanationEn).toBe(rowOf(douyin).explanationEn);
    expect(coverageScore([{ ...douyin, plannedMethodId: "data-product:ocean-engine-yuntu" }])).toEqual(coverageScore([douyin]));
  });

  it("names why a method cannot measure a KPI: not its KPI, a line too closed, another ecosystem's product", () => {
    expect(planned(line("l", "alimama-zhitongche", "tmall-store", "gmv", 1), "platform-reports").plannedMethod?.status).toBe("kpi-not-covered");
    expect(planned(line("l", "douyin-infeed", "douyin-shop", "orders", 1), "first-party-touchpoint").plannedMethod?.status).toBe("line-too-closed");
    expect(planned(line("l", "douyin-infeed", "douyin-shop", "reach", 1), "data-product:baidu-guanxingpan").plannedMethod?.status).toBe("other-ecosystem");
    expect(planned(line("l", "douyin-infeed", "douyin-shop", "reach", 1), "no-such-method").plannedMethod).toBeNull();
  });

  it("a method that measures the KPI on a measurable line becomes the row's method, source, owner and verdict", () => {
    const row = planned(line("l", "douyin-topview", "none", "reach", 1), "data-product:ocean-engine-yuntu");
    expect(row).toMatchObject({ isMeasurable: true, methodId: "data-product:ocean-engine-yuntu", dataSourceEn: "Yuntu", owner: "agency", lagDays: 2 });
    expect(row.plannedMethod?.status).toBe("measures");
    expect(row.explanationEn).toMatch(/measurable through Yuntu\.$/);
  });

  // Property over the catalog: no method ever changes the verdict or claims to measure a KPI the line cannot give.
  it.each(PLACEMENTS.map((p) => [p.id] as const))("%s: a chosen method never changes whether a KPI is measurable", (placementId) => {
    const p = placement(placementId);
    for (const destinationId of p.destinations) {
      for (const kpiId of KPI_IDS) {
        const current = line("l", placementId, destinationId, kpiId, 1_000);
        const base = rowOf(current);
        for (const method of MEASUREMENT_METHODS) {
          const row = planned(current, method.id);
          expect(row.isMeasurable).toBe(base.isMeasurable);
          if (row.plannedMethod?.status === "measures") expect(row.isMeasurable, `${kpiId} by ${method.id}`).toBe(true);
          expect(coverageScore([{ ...current, plannedMethodId: method.id }])).toEqual(coverageScore([current]));
        }
      }
    }
  });
});
