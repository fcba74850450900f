import { describe, expect, it } from "vitest";
import { PLACEMENTS } from "~/domain/catalog";
import { EnumResolver } from "~/domain/enum-resolver";
import { normaliseName, similarity } from "~/domain/name-similarity";
import { LINE_COLUMNS, lineColumnHeader, matchLineColumn } from "~/domain/spreadsheet-columns";
import { LIST_IDS, labelOf, listOptions } from "~/domain/spreadsheet-lists";
import { buildFixtureCatalog, CUSTOM_PLACEMENT_ID } from "../fixtures/plan-fixture";

const catalog = buildFixtureCatalog();

describe("line columns", () => {
  it("have unique stable keys and headers in both languages", () => {
    const keys = LINE_COLUMNS.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of LINE_COLUMNS) {
      expect(c.key).toMatch(/^[a-z][a-z_]*$/);
      expect(c.header.en).not.toBe("");
      expect(c.header.zh).not.toBe("");
    }
    expect(lineColumnHeader("budget_reporting", "en", "EUR")).toBe("Budget (EUR)");
    expect(lineColumnHeader("placement", "zh")).toBe("广告位");
  });

  it("are found by key, by header in either language, or by a common alias, whatever the spacing", () => {
    expect(matchLineColumn("budget_cny")).toBe("budget_cny");
    expect(matchLineColumn("Budget (CNY)")).toBe("budget_cny");
    expect(matchLineColumn("预算（元）")).toBe("budget_cny");
    expect(matchLineColumn("  PLACEMENT ")).toBe("placement");
    expect(matchLineColumn("Start date")).toBe("start_date");
    expect(matchLineColumn("开始日期")).toBe("start_date");
    expect(matchLineColumn("budgetFen")).toBe("budget_fen");
    expect(matchLineColumn("__proto__")).toBeNull();
    expect(matchLineColumn("")).toBeNull();
  });

  it("mark computed columns as not read back", () => {
    const derived = LINE_COLUMNS.filter((c) => !c.isInput).map((c) => c.key);
    expect(derived).toEqual(["budget_reporting", "days", "data_level", "data_level_explanation", "est_impressions", "est_clicks", "est_views", "est_conversions", "est_engagements"]);
  });
});

describe("enumerations", () => {
  it("give every list unique labels in each language", () => {
    for (const list of LIST_IDS) {
      const options = listOptions(list, catalog);
      expect(options.length).toBeGreaterThan(0);
      for (const locale of ["en", "zh"] as const) expect(new Set(options.map((o) => o[locale])).size).toBe(options.length);
    }
    expect(listOptions("placement", catalog)).toHaveLength(PLACEMENTS.length + 1);
    expect(labelOf("placement", CUSTOM_PLACEMENT_ID, catalog, "zh")).toBe("品牌小程序优惠券推送");
    expect(labelOf("buying_model", "ocpm", catalog, "en")).toBe("oCPM");
  });

  it("disambiguate two placements with the same name by id", () => {
    const twin = { ...PLACEMENTS[0]!, id: "custom-twin", isCustom: true };
    const labels = listOptions("placement", { placements: [PLACEMENTS[0]!, twin] }).map((o) => o.en);
    expect(labels).toEqual([`${twin.nameEn} (${PLACEMENTS[0]!.id})`, `${twin.nameEn} (custom-twin)`]);
    // The bare name is ambiguous: neither is chosen.
    expect(new EnumResolver("placement", { placements: [PLACEMENTS[0]!, twin] }).resolve(twin.nameEn).ok).toBe(false);
  });

  it("resolve ids and names in English or Chinese", () => {
    const placements = new EnumResolver("placement", catalog);
    expect(placements.resolve("wechat-moments")).toEqual({ ok: true, id: "wechat-moments" });
    expect(placements.resolve("WeChat Moments ads")).toEqual({ ok: true, id: "wechat-moments" });
    expect(placements.resolve("微信朋友圈广告")).toEqual({ ok: true, id: "wechat-moments" });
    expect(placements.resolve("wechat moments ADS")).toEqual({ ok: true, id: "wechat-moments" });
    expect(new EnumResolver("flighting_mode", catalog).resolve("前重后轻")).toEqual({ ok: true, id: "front" });
    expect(new EnumResolver("buying_model", catalog).resolve("OCPM")).toEqual({ ok: true, id: "ocpm" });
  });

  it("suggest the closest name when there is no exact match (issue 7: “Moments Ads”)", () => {
    const placements = new EnumResolver("placement", catalog);
    const moments = placements.resolve("Moments Ads");
    expect(moments.ok).toBe(false);
    expect(!moments.ok && moments.suggestion).toMatchObject({ id: "wechat-moments", en: "WeChat Moments ads", zh: "微信朋友圈广告" });
    const zh = placements.resolve("朋友圈广告");
    expect(!zh.ok && zh.suggestion?.id).toBe("wechat-moments");
    const typo = placements.resolve("Douyin infeed vidoe ads");
    expect(!typo.ok && typo.suggestion?.id).toBe("douyin-infeed");
    const kpi = new EnumResolver("kpi", catalog).resolve("Order");
    expect(!kpi.ok && kpi.suggestion?.id).toBe("orders");
    const nothing = placements.resolve("LinkedIn Sponsored Content");
    expect(!nothing.ok && nothing.suggestion).toBeNull();
  });

  it("measure similarity symmetrically between 0 and 1", () => {
    expect(similarity("abc", "abc")).toBe(1);
    expect(similarity("", "abc")).toBe(0);
    expect(similarity(normaliseName("Moments Ads"), normaliseName("WeChat Moments ads"))).toBeGreaterThan(0.7);
    expect(similarity("ads", "wechatmomentsads")).toBeLessThan(0.5);
  });
});
