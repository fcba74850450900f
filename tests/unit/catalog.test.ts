import { describe, expect, it } from "vitest";
import { BUYING_MODELS, type Benchmarks, type BuyingModel } from "~/domain/buying-models";
import {
  CATALOG_VERSION,
  DATA_PRODUCT_IDS,
  DATA_PRODUCTS,
  DESTINATION_IDS,
  DESTINATIONS,
  ECOSYSTEM_IDS,
  ECOSYSTEMS,
  getDataProduct,
  getDestination,
  getEcosystem,
  getKpi,
  getMeasurementMethod,
  getPlacement,
  KPI_IDS,
  KPIS,
  listPlacementProblems,
  MEASUREMENT_METHODS,
  PLACEMENTS,
  SOURCE_IDS,
  SOURCES,
  type Placement,
} from "~/domain/catalog";
import { meetsLevel } from "~/domain/data-level";

function duplicates(ids: readonly string[]): string[] {
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}

// What a line's estimate needs per buying model (mirrors the estimates' unit-cost fields): a placement
// sold on a model must carry the benchmark that prices it.
const BENCHMARKS_NEEDED: Record<BuyingModel, readonly (keyof Benchmarks)[]> = {
  cpm: ["cpmFen"],
  ocpm: ["cpmFen"],
  cpc: ["cpcFen"],
  ocpc: ["cpcFen"],
  cpv: ["cpvFen"],
  cpa: ["cpaFen"],
  cpe: ["cpeFen"],
  cpt: ["cptFenPerDay", "impressionsPerDay"],
  cps: ["commissionRate"],
};

describe("catalog version", () => {
  it("is a dated, numbered version string", () => {
    expect(CATALOG_VERSION).toMatch(/^\d{4}\.\d{2}-\d+$/);
  });
});

describe("catalog integrity", () => {
  it("has unique ids in every table", () => {
    expect(duplicates(ECOSYSTEMS.map((e) => e.id))).toEqual([]);
    expect(duplicates(PLACEMENTS.map((p) => p.id))).toEqual([]);
    expect(duplicates(DESTINATIONS.map((d) => d.id))).toEqual([]);
    expect(duplicates(DATA_PRODUCTS.map((d) => d.id))).toEqual([]);
    expect(duplicates(KPIS.map((k) => k.id))).toEqual([]);
    expect(duplicates(MEASUREMENT_METHODS.map((m) => m.id))).toEqual([]);
  });

  it("has exactly one record per declared id", () => {
    expect(ECOSYSTEMS.map((e) => e.id).sort()).toEqual([...ECOSYSTEM_IDS].sort());
    expect(DESTINATIONS.map((d) => d.id).sort()).toEqual([...DESTINATION_IDS].sort());
    expect(DATA_PRODUCTS.map((d) => d.id).sort()).toEqual([...DATA_PRODUCT_IDS].sort());
    expect(KPIS.map((k) => k.id).sort()).toEqual([...KPI_IDS].sort());
  });

  it.each(PLACEMENTS.map((p) => [p.id, p] as const))("placement %s has no problems", (_id, placement) => {
    expect(listPlacementProblems(placement)).toEqual([]);
  });

  it.each(PLACEMENTS.map((p) => [p.id, p] as const))("placement %s is priced for each model it is sold on", (_id, placement) => {
    for (const model of placement.buyingModels) {
      for (const key of BENCHMARKS_NEEDED[model]) {
        expect(placement.benchmarks[key], `${model} needs ${key}`).toBeDefined();
      }
    }
    expect(placement.benchmarkStatus).toBe("indicative");
    expect(placement.isCustom).toBe(false);
  });

  it("names every placement, destination, ecosystem, data product, KPI and method in English and Chinese", () => {
    const named = [...PLACEMENTS, ...DESTINATIONS, ...ECOSYSTEMS, ...DATA_PRODUCTS, ...KPIS, ...MEASUREMENT_METHODS];
    for (const item of named) {
      expect(item.nameEn.trim(), item.id).not.toBe("");
      expect(item.nameZh.trim(), item.id).not.toBe("");
      expect(item.nameZh, `${item.id} Chinese name has Chinese characters`).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const placement of PLACEMENTS) {
      expect(placement.descriptionEn.trim()).not.toBe("");
      expect(placement.descriptionZh).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const kpi of KPIS) {
      expect(kpi.definitionEn.trim()).not.toBe("");
      expect(kpi.definitionZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("references only ecosystems, destinations, data products, KPIs and sources that exist", () => {
    for (const placement of PLACEMENTS) {
      expect(getEcosystem(placement.ecosystemId), placement.id).toBeDefined();
      for (const id of placement.destinations) expect(getDestination(id), `${placement.id} → ${id}`).toBeDefined();
      for (const id of placement.dataProducts) expect(getDataProduct(id), `${placement.id} measured by ${id}`).toBeDefined();
    }
    for (const destination of DESTINATIONS) {
      if (destination.ecosystemId !== null) expect(getEcosystem(destination.ecosystemId)).toBeDefined();
    }
    for (const product of DATA_PRODUCTS) {
      expect(getEcosystem(product.ecosystemId)).toBeDefined();
      for (const kpiId of product.kpiIds) expect(getKpi(kpiId), `${product.id} reports ${kpiId}`).toBeDefined();
    }
    for (const method of MEASUREMENT_METHODS) {
      for (const kpiId of method.kpiIds) expect(getKpi(kpiId), `${method.id} reports ${kpiId}`).toBeDefined();
      if (method.dataProductId !== null) expect(getDataProduct(method.dataProductId)).toBeDefined();
    }
    const sourced = [...PLACEMENTS, ...DESTINATIONS, ...DATA_PRODUCTS, ...KPIS, ...MEASUREMENT_METHODS];
    for (const item of sourced) {
      expect(item.sources.length, `${item.id} cites a source`).toBeGreaterThan(0);
      for (const source of item.sources) expect(SOURCES[source], `${item.id} cites ${source}`).toBeDefined();
    }
    expect(Object.keys(SOURCES).sort()).toEqual([...SOURCE_IDS].sort());
  });

  it("uses every data product on at least one placement, and every destination from at least one placement", () => {
    const usedProducts = new Set(PLACEMENTS.flatMap((p) => p.dataProducts));
    const reached = new Set(PLACEMENTS.flatMap((p) => p.destinations));
    expect(DATA_PRODUCT_IDS.filter((id) => !usedProducts.has(id))).toEqual([]);
    expect(DESTINATION_IDS.filter((id) => !reached.has(id))).toEqual([]);
  });

  it("gives every ecosystem a distinct hex chart colour, its own data products and the destinations its placements reach", () => {
    expect(duplicates(ECOSYSTEMS.map((e) => e.colorHex.toUpperCase()))).toEqual([]);
    for (const ecosystem of ECOSYSTEMS) {
      expect(ecosystem.colorHex).toMatch(/^#[0-9A-F]{6}$/i);
      expect(ecosystem.shortNameEn.trim()).not.toBe("");
      expect(ecosystem.shortNameZh.trim()).not.toBe("");
      expect(ecosystem.dataProductIds.length, ecosystem.id).toBeGreaterThan(0);
      for (const id of ecosystem.dataProductIds) expect(getDataProduct(id)?.ecosystemId).toBe(ecosystem.id);
      const reached = new Set(PLACEMENTS.filter((p) => p.ecosystemId === ecosystem.id).flatMap((p) => p.destinations));
      expect(new Set(ecosystem.destinationIds)).toEqual(reached);
    }
  });

  it("has one data-product method per data product, and known lookups return undefined for unknown ids", () => {
    for (const product of DATA_PRODUCTS) {
      expect(getMeasurementMethod(`data-product:${product.id}`)?.dataProductId).toBe(product.id);
    }
    expect(getPlacement("no-such-placement")).toBeUndefined();
    expect(getDestination("no-such-destination")).toBeUndefined();
    expect(getKpi("no-such-kpi")).toBeUndefined();
  });

  it("can measure every KPI at its required level with some method, so a measurable row always names one", () => {
    for (const kpi of KPIS) {
      const methods = MEASUREMENT_METHODS.filter((m) => m.kpiIds.includes(kpi.id) && meetsLevel(m.outputLevel, kpi.requiredLevel));
      expect(methods.length, kpi.id).toBeGreaterThan(0);
    }
  });

  it("gives every method a positive lag and a default owner", () => {
    for (const method of MEASUREMENT_METHODS) {
      expect(Number.isInteger(method.lagDays) && method.lagDays > 0, method.id).toBe(true);
      expect(["brand", "agency", "platform", "vendor"]).toContain(method.defaultOwner);
    }
  });
});

describe("channel catalog of the brief", () => {
  // Product brief, "Channel catalog": every product named in the table is a placement.
  const BRIEF_PRODUCTS: Record<string, readonly string[]> = {
    alibaba: ["alimama-zhitongche", "alimama-display", "alimama-wanxiangtai", "alimama-brand-zone", "taobao-live", "taobaoke", "alimama-uni-desk"],
    bytedance: ["douyin-topview", "douyin-infeed", "douyin-search", "douyin-qianchuan", "douyin-xingtu", "douyin-dou-plus"],
    tencent: ["wechat-moments", "wechat-official-account-ads", "wechat-mini-program-ads", "wechat-channels-ads", "wechat-search-ads", "tencent-video"],
    baidu: ["baidu-search", "baidu-brand-zone", "baidu-feed", "baidu-splash"],
    jd: ["jd-search", "jd-display", "jd-fixed-slots", "jd-affiliate"],
    xiaohongshu: ["xiaohongshu-juguang-feed", "xiaohongshu-juguang-search", "xiaohongshu-pugongying"],
    weibo: ["weibo-fensitong", "weibo-fan-headlines", "weibo-display", "weibo-search"],
    kuaishou: ["kuaishou-feed", "kuaishou-splash"],
    bilibili: ["bilibili-splash", "bilibili-feed", "bilibili-creator"],
  };

  it.each(Object.entries(BRIEF_PRODUCTS))("%s has every product of the brief", (ecosystemId, ids) => {
    for (const id of ids) expect(getPlacement(id)?.ecosystemId, id).toBe(ecosystemId);
  });

  it("stores the API bid bounds of the brief in fen, on the placements sold through those APIs", () => {
    // Ocean Engine CPC 0.2–100, CPM 4–100, oCPM target 0.1–10,000 CNY.
    const infeed = getPlacement("douyin-infeed")!;
    expect(infeed.bidBoundsFen.cpc).toMatchObject({ minFen: 20, maxFen: 10_000, bidsOn: "unit", basis: "api-bounds" });
    expect(infeed.bidBoundsFen.cpm).toMatchObject({ minFen: 400, maxFen: 10_000, bidsOn: "unit" });
    expect(infeed.bidBoundsFen.ocpm).toMatchObject({ minFen: 10, maxFen: 1_000_000, bidsOn: "conversion-target" });
    // Kuaishou CPC 0.2–100 CNY.
    expect(getPlacement("kuaishou-feed")!.bidBoundsFen.cpc).toMatchObject({ minFen: 20, maxFen: 10_000 });
    // Baidu feed oCPC 0.3–999.99 CNY.
    expect(getPlacement("baidu-feed")!.bidBoundsFen.ocpc).toMatchObject({ minFen: 30, maxFen: 99_999, bidsOn: "conversion-target" });
    // Reserved buys are not auctions: no API bounds on them.
    expect(getPlacement("douyin-topview")!.bidBoundsFen).toEqual({});
  });

  it("maps the brief's buying models onto known models, oCPM first on Douyin", () => {
    for (const placement of PLACEMENTS) {
      for (const model of placement.buyingModels) expect(BUYING_MODELS).toContain(model);
    }
    expect(getPlacement("douyin-infeed")!.defaultBuyingModel).toBe("ocpm");
    // Kuaishou "max-conversions" is sold as oCPM.
    expect(getPlacement("kuaishou-feed")!.buyingModels).toContain("ocpm");
    expect(getPlacement("taobaoke")!.buyingModels).toEqual(["cps"]);
    expect(getPlacement("jd-affiliate")!.buyingModels).toEqual(["cps"]);
  });

  it("reports aggregated data for every catalog placement (brief rule 1: aggregated almost everywhere)", () => {
    expect(PLACEMENTS.filter((p) => p.reportingLevel !== "aggregated").map((p) => p.id)).toEqual([]);
  });
});

describe("placement checks for custom placements", () => {
  const base = getPlacement("douyin-infeed")!;
  const custom = (changes: Partial<Placement>): Placement => ({ ...base, id: "custom-placement", isCustom: true, ...changes });

  it("accepts a consistent custom placement", () => {
    expect(listPlacementProblems(custom({}))).toEqual([]);
  });

  it.each([
    ["a default model it is not sold on", { defaultBuyingModel: "cpt" }, "default-model-not-offered"],
    ["inverted bid bounds", { bidBoundsFen: { cpc: { minFen: 500, maxFen: 100, bidsOn: "unit", basis: "api-bounds" } } }, "invalid-bounds"],
    ["a benchmark outside the bounds", { benchmarks: { ...base.benchmarks, cpcFen: 20_000 } }, "benchmark-outside-bounds"],
    ["a money benchmark that is not whole fen", { benchmarks: { ...base.benchmarks, cpmFen: 12.5 } }, "invalid-benchmark"],
    ["a rate above 1", { benchmarks: { ...base.benchmarks, ctr: 1.5 } }, "invalid-benchmark"],
    ["a data product of another ecosystem", { dataProducts: ["alimama-databank"] }, "data-product-of-other-ecosystem"],
    ["no destination", { destinations: [] }, "no-destinations"],
    ["an empty Chinese name", { nameZh: "  " }, "missing-name"],
    ["an id that is not kebab-case", { id: "Custom Placement" }, "invalid-id"],
  ] as const)("reports %s", (_label, changes, code) => {
    expect(listPlacementProblems(custom(changes as Partial<Placement>)).map((p) => p.code)).toContain(code);
  });
});
