import { describe, expect, it } from "vitest";
import { CATALOG_VERSION, PLACEMENTS } from "~/domain/catalog";
import type { CampaignPlan, PlanLine, PlanSnapshot } from "~/domain/plan";
import type { PlanCatalog } from "~/domain/plan-derive";
import { diffLine, diffPlans } from "~/domain/plan-diff";
import { testCampaign, testLine } from "../fixtures/plan-fixture";

const catalog: PlanCatalog = { placements: PLACEMENTS, benchmarkOverrides: {}, levelOverrides: [] };

const CAMPAIGN: CampaignPlan = testCampaign({ name: "Spring launch", clientName: "Demo Brand", status: "approved", version: 4 });

// Routes with known levels in the shared catalog (no overrides):
// douyin-infeed → douyin-shop: aggregated; douyin-infeed → wechat-mini-program: individual;
// wechat-moments → wechat-mini-program: individual; alimama-zhitongche → tmall-store: transactional.
function line(id: string, overrides: Partial<PlanLine> = {}): PlanLine {
  return testLine(id, overrides);
}

function snapshot(lines: PlanLine[], campaign: Partial<CampaignPlan> = {}): PlanSnapshot {
  return { campaign: { ...CAMPAIGN, ...campaign }, lines, catalogVersion: CATALOG_VERSION };
}

const douyinToShop = line("a", { position: 0, budgetFen: 500_000 });
const moments = line("b", { position: 1, ecosystemId: "tencent", placementId: "wechat-moments", destinationId: "wechat-mini-program", budgetFen: 200_000 });
const zhitongche = line("c", { position: 2, ecosystemId: "alibaba", placementId: "alimama-zhitongche", destinationId: "tmall-store", buyingModel: "cpc", budgetFen: 300_000 });
const BASE = snapshot([douyinToShop, moments, zhitongche]);

describe("diffPlans", () => {
  it("gives an empty diff for two identical versions, even as separate copies", () => {
    const diff = diffPlans(BASE, structuredClone(BASE), catalog);
    expect(diff).toEqual({
      campaign: [],
      lines: { added: [], removed: [], changed: [], moved: [] },
      budgetDelta: { totalFen: 0, beforeFen: 1_000_000, afterFen: 1_000_000, byEcosystem: [], byDataLevel: [] },
      catalogVersion: null,
      isEmpty: true,
    });
  });

  it("ignores workflow metadata and line versions: a new version number alone is no change", () => {
    const after = snapshot(
      BASE.lines.map((l) => ({ ...l, version: l.version + 3 })),
      { status: "draft", version: 5 },
    );
    expect(diffPlans(BASE, after, catalog).isEmpty).toBe(true);
  });

  it("reports an added line with its budget by ecosystem and by level", () => {
    const douyinToWeChat = line("d", { position: 3, name: "Douyin → WeChat", destinationId: "wechat-mini-program", budgetFen: 123_457 });
    const diff = diffPlans(BASE, snapshot([...BASE.lines, douyinToWeChat]), catalog);
    expect(diff.lines.added).toEqual([douyinToWeChat]);
    expect(diff.lines.removed).toEqual([]);
    expect(diff.lines.changed).toEqual([]);
    expect(diff.budgetDelta.totalFen).toBe(123_457);
    expect(diff.budgetDelta.afterFen).toBe(1_123_457);
    expect(diff.budgetDelta.byEcosystem).toEqual([{ ecosystemId: "bytedance", beforeFen: 500_000, afterFen: 623_457, deltaFen: 123_457 }]);
    expect(diff.budgetDelta.byDataLevel).toEqual([{ level: "individual", beforeFen: 200_000, afterFen: 323_457, deltaFen: 123_457 }]);
    expect(diff.isEmpty).toBe(false);
  });

  it("reports a removed line and the budget it took with it", () => {
    const diff = diffPlans(BASE, snapshot([douyinToShop, moments]), catalog);
    expect(diff.lines.removed).toEqual([zhitongche]);
    expect(diff.lines.added).toEqual([]);
    expect(diff.budgetDelta.totalFen).toBe(-300_000);
    expect(diff.budgetDelta.byEcosystem).toEqual([{ ecosystemId: "alibaba", beforeFen: 300_000, afterFen: 0, deltaFen: -300_000 }]);
    expect(diff.budgetDelta.byDataLevel).toEqual([{ level: "transactional", beforeFen: 300_000, afterFen: 0, deltaFen: -300_000 }]);
  });

  it("reports a changed line field by field, old → new, in a fixed field order", () => {
    const changed: PlanLine = {
      ...moments,
      name: "Moments — 朋友圈",
      kpiTarget: 80,
      budgetFen: 200_001,
      flightingMode: "custom",
      customFlightingFen: { "2026-W10": 200_001 },
      measurement: { ...moments.measurement, owner: "agency", lagDays: 7 },
      version: 2,
    };
    const diff = diffPlans(BASE, snapshot([douyinToShop, changed, zhitongche]), catalog);
    expect(diff.lines.changed).toEqual([
      {
        lineId: "b",
        name: "Moments — 朋友圈",
        fields: [
          { field: "name", before: "Line b", after: "Moments — 朋友圈" },
          { field: "budgetFen", before: 200_000, after: 200_001 },
          { field: "kpiTarget", before: 50, after: 80 },
          { field: "flightingMode", before: "even", after: "custom" },
          { field: "customFlightingFen", before: null, after: { "2026-W10": 200_001 } },
          { field: "measurement.owner", before: null, after: "agency" },
          { field: "measurement.lagDays", before: null, after: 7 },
        ],
      },
    ]);
    expect(diff.budgetDelta.totalFen).toBe(1);
    expect(diff.budgetDelta.byEcosystem).toEqual([{ ecosystemId: "tencent", beforeFen: 200_000, afterFen: 200_001, deltaFen: 1 }]);
  });

  it("treats custom weeks at 0 as left out, and custom amounts under even flighting as irrelevant", () => {
    const custom = { ...moments, flightingMode: "custom" as const, customFlightingFen: { "2026-W10": 200_000 } };
    expect(diffLine(custom, { ...custom, customFlightingFen: { "2026-W11": 0, "2026-W10": 200_000 } })).toEqual([]);
    expect(diffLine(moments, { ...moments, customFlightingFen: { "2026-W10": 5 } })).toEqual([]);
  });

  it("shows budget moved between ecosystems, exact in fen, with the total unchanged", () => {
    const after = snapshot([{ ...douyinToShop, budgetFen: 299_999 }, { ...moments, budgetFen: 400_001 }, zhitongche]);
    const diff = diffPlans(BASE, after, catalog);
    expect(diff.budgetDelta.totalFen).toBe(0);
    expect(diff.budgetDelta.byEcosystem).toEqual([
      // Catalog order: Alibaba, ByteDance, Tencent…
      { ecosystemId: "bytedance", beforeFen: 500_000, afterFen: 299_999, deltaFen: -200_001 },
      { ecosystemId: "tencent", beforeFen: 200_000, afterFen: 400_001, deltaFen: 200_001 },
    ]);
    // Douyin → Douyin shop is aggregated and Moments → mini program individual: the move opens data too.
    expect(diff.budgetDelta.byDataLevel).toEqual([
      { level: "individual", beforeFen: 200_000, afterFen: 400_001, deltaFen: 200_001 },
      { level: "aggregated", beforeFen: 500_000, afterFen: 299_999, deltaFen: -200_001 },
    ]);
    expect(diff.lines.changed.map((c) => c.lineId)).toEqual(["a", "b"]);
  });

  it("moves budget from aggregated to individual when a line's destination changes (effective level)", () => {
    const after = snapshot([{ ...douyinToShop, destinationId: "wechat-mini-program" }, moments, zhitongche]);
    const diff = diffPlans(BASE, after, catalog);
    expect(diff.lines.changed).toEqual([{ lineId: "a", name: "Line a", fields: [{ field: "destinationId", before: "douyin-shop", after: "wechat-mini-program" }] }]);
    expect(diff.budgetDelta.totalFen).toBe(0);
    expect(diff.budgetDelta.byEcosystem).toEqual([]);
    expect(diff.budgetDelta.byDataLevel).toEqual([
      { level: "individual", beforeFen: 200_000, afterFen: 700_000, deltaFen: 500_000 },
      { level: "aggregated", beforeFen: 500_000, afterFen: 0, deltaFen: -500_000 },
    ]);
  });

  it("uses the organization's level overrides from the catalog it is given", () => {
    const withOverride: PlanCatalog = {
      ...catalog,
      levelOverrides: [
        { targetType: "destination", targetId: "douyin-shop", level: "transactional", justification: "CRM integration with phone capture.", by: "Li Na", at: "2026-01-15T08:00:00.000Z" },
      ],
    };
    const after = snapshot([{ ...douyinToShop, destinationId: "wechat-mini-program" }, moments, zhitongche]);
    expect(diffPlans(BASE, after, withOverride).budgetDelta.byDataLevel).toEqual([
      { level: "individual", beforeFen: 200_000, afterFen: 700_000, deltaFen: 500_000 },
      { level: "transactional", beforeFen: 800_000, afterFen: 300_000, deltaFen: -500_000 },
    ]);
  });

  it("matches lines by id: an insertion at the top shifts positions but changes and moves nothing else", () => {
    const first = line("z", { position: 0, budgetFen: 1 });
    const after = snapshot([first, { ...douyinToShop, position: 1 }, { ...moments, position: 2 }, { ...zhitongche, position: 3 }]);
    const diff = diffPlans(BASE, after, catalog);
    expect(diff.lines.added).toEqual([first]);
    expect(diff.lines.changed).toEqual([]);
    expect(diff.lines.moved).toEqual([]);
  });

  it("reports a reorder as the fewest lines moved, not as field changes", () => {
    // c moved to the top: a and b kept their relative order.
    const after = snapshot([{ ...zhitongche, position: 0 }, { ...douyinToShop, position: 1 }, { ...moments, position: 2 }]);
    const diff = diffPlans(BASE, after, catalog);
    expect(diff.lines.changed).toEqual([]);
    expect(diff.lines.moved).toEqual([{ lineId: "c", name: "Line c", beforeIndex: 2, afterIndex: 0 }]);
    expect(diff.isEmpty).toBe(false);
    expect(diff.budgetDelta.byEcosystem).toEqual([]);
  });

  it("reports a reversed order as all but one line moved", () => {
    const after = snapshot([{ ...zhitongche, position: 0 }, { ...moments, position: 1 }, { ...douyinToShop, position: 2 }]);
    const moved = diffPlans(BASE, after, catalog).lines.moved;
    // Any one line can stay put; the other two moved around it.
    expect(moved).toHaveLength(2);
  });

  it("reports campaign fields old → new", () => {
    const after = snapshot(BASE.lines, { name: "Spring launch — 春季", budgetFen: 1_200_000, endDate: "2026-04-05" });
    expect(diffPlans(BASE, after, catalog).campaign).toEqual([
      { field: "name", before: "Spring launch", after: "Spring launch — 春季" },
      { field: "endDate", before: "2026-03-29", after: "2026-04-05" },
      { field: "budgetFen", before: 1_000_000, after: 1_200_000 },
    ]);
  });

  it("says when the versions were made against different catalog versions", () => {
    const after: PlanSnapshot = { ...BASE, catalogVersion: "2099.01-1" };
    const diff = diffPlans(BASE, after, catalog);
    expect(diff.catalogVersion).toEqual({ before: CATALOG_VERSION, after: "2099.01-1" });
    expect(diff.isEmpty).toBe(false);
  });

  it("is the exact mirror image when the versions are swapped", () => {
    const after = snapshot([{ ...douyinToShop, destinationId: "wechat-mini-program", budgetFen: 450_000 }, moments]);
    const forward = diffPlans(BASE, after, catalog);
    const backward = diffPlans(after, BASE, catalog);
    expect(backward.budgetDelta.totalFen).toBe(-forward.budgetDelta.totalFen);
    expect(backward.lines.added).toEqual(forward.lines.removed);
    expect(backward.budgetDelta.byDataLevel.map((d) => [d.level, -d.deltaFen])).toEqual(forward.budgetDelta.byDataLevel.map((d) => [d.level, d.deltaFen]));
  });
});
