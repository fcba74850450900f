import { describe, expect, it } from "vitest";
import { PLACEMENTS } from "~/domain/catalog";
import { buildCatalogRows, countRoutesByEcosystemAndLevel, filterCatalogRows } from "~/domain/catalog-view";

describe("catalog view", () => {
  const rows = buildCatalogRows(PLACEMENTS);

  it("Douyin in-feed reaches individual data through a WeChat mini program", () => {
    const row = rows.find((r) => r.placement.id === "douyin-infeed")!;
    expect(row.reporting.level).toBe("aggregated");
    expect(row.bestLevel).toBe("individual");
    expect(row.best?.destination.id).toBe("wechat-mini-program");
  });

  it("Baidu search reaches no more than aggregated", () => {
    const row = rows.find((r) => r.placement.id === "baidu-search")!;
    expect(row.bestLevel).toBe("aggregated");
  });

  it("filters by ecosystem, best level, stage and buying model together", () => {
    const filtered = filterCatalogRows(rows, { ecosystemId: "bytedance", level: "individual", buyingModel: "ocpm" });
    expect(filtered.length).toBeGreaterThan(0);
    for (const row of filtered) {
      expect(row.placement.ecosystemId).toBe("bytedance");
      expect(row.bestLevel).toBe("individual");
      expect(row.placement.buyingModels).toContain("ocpm");
    }
    expect(filterCatalogRows(rows, {})).toHaveLength(rows.length);
  });

  it("an override with a justification changes the best level; without one it does not", () => {
    const justified = buildCatalogRows(PLACEMENTS, [
      { targetType: "destination", targetId: "baidu-mini-program", level: "transactional", justification: "New Baidu CRM integration in our contract (2026)" },
    ]);
    expect(justified.find((r) => r.placement.id === "baidu-search")!.bestLevel).toBe("transactional");
    const unjustified = buildCatalogRows(PLACEMENTS, [{ targetType: "destination", targetId: "baidu-mini-program", level: "transactional", justification: "ok" }]);
    expect(unjustified.find((r) => r.placement.id === "baidu-search")!.bestLevel).toBe("aggregated");
  });

  it("counts every route once in the ecosystem × level chart", () => {
    const counts = countRoutesByEcosystemAndLevel(rows);
    const total = counts.reduce((sum, c) => sum + c.counts.aggregated + c.counts.transactional + c.counts.individual, 0);
    expect(total).toBe(rows.reduce((sum, r) => sum + r.routes.length, 0));
    expect(counts.find((c) => c.ecosystemId === "tencent")!.counts.individual).toBeGreaterThan(0);
    expect(counts.find((c) => c.ecosystemId === "baidu")!.counts.individual).toBe(0);
  });
});
