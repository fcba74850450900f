import { describe, expect, it } from "vitest";
import { DESTINATIONS, PLACEMENTS, type Destination, type Placement } from "~/domain/catalog";
import { DATA_LEVELS, levelRank, type DataLevel } from "~/domain/data-level";
import {
  canReach,
  destinationLevel,
  effectiveLevel,
  explainLevel,
  getDestination,
  getPlacement,
  isMeasurable,
  isValidLevelOverride,
  placementLevel,
  reachableDestinations,
  resolveLineLevel,
  type LevelOverride,
} from "~/domain/openness";

const placement = (id: string): Placement => getPlacement(id)!;
const destination = (id: string): Destination => getDestination(id)!;

// Written independently of the data: brief rule 2's capture level per destination.
const CAPTURE_LEVEL: Record<string, DataLevel> = {
  "wechat-mini-program": "individual",
  "wechat-official-account": "individual",
  "tmall-store": "transactional",
  "taobao-store": "transactional",
  "jd-store": "transactional",
  "douyin-shop": "aggregated",
  "xiaohongshu-store": "aggregated",
  "kuaishou-shop": "aggregated",
  "weibo-page": "aggregated",
  "baidu-landing-page": "aggregated",
  "baidu-mini-program": "aggregated",
  "brand-website": "aggregated",
  none: "aggregated",
};

function maxLevel(a: DataLevel, b: DataLevel): DataLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

function isOneSentence(text: string, locale: "en" | "zh"): boolean {
  if (locale === "en") return text.endsWith(".") && !/[.!?]\s/.test(text.slice(0, -1));
  return text.endsWith("。") && !text.slice(0, -1).includes("。");
}

const PAIRS = PLACEMENTS.flatMap((p) => DESTINATIONS.map((d) => [p.id, d.id, p, d] as const));

describe("every placement × destination pair of the catalog (brief rules 1–3)", () => {
  it.each(PAIRS)("%s → %s", (_p, _d, p, d) => {
    const line = resolveLineLevel(p, d);
    const reachable = p.destinations.includes(d.id);
    expect(canReach(p, d.id)).toBe(reachable);
    expect(line.isReachable).toBe(reachable);
    expect(d.captureLevel).toBe(CAPTURE_LEVEL[d.id]);
    // Brief rule 3 for pairs that exist; an unreachable destination captures nothing from this placement.
    expect(line.effective).toBe(reachable ? maxLevel(p.reportingLevel, d.captureLevel) : p.reportingLevel);
    expect(line.effective).toBe(reachable ? effectiveLevel(p.reportingLevel, d.captureLevel) : p.reportingLevel);
    for (const locale of ["en", "zh"] as const) {
      const sentence = explainLevel(p, d, locale);
      expect(isOneSentence(sentence, locale), sentence).toBe(true);
      expect(sentence).toContain(locale === "en" ? p.nameEn : p.nameZh);
    }
  });
});

describe("effective level and measurability over every pair of levels", () => {
  const LEVEL_PAIRS = DATA_LEVELS.flatMap((a) => DATA_LEVELS.map((b) => [a, b] as const));

  it.each(LEVEL_PAIRS)("effectiveLevel(%s, %s) is the more open one, whichever side it is on", (a, b) => {
    expect(effectiveLevel(a, b)).toBe(maxLevel(a, b));
    expect(effectiveLevel(a, b)).toBe(effectiveLevel(b, a));
  });

  const EXPECTED_MEASURABLE: Record<DataLevel, readonly DataLevel[]> = {
    aggregated: ["aggregated", "transactional", "individual"],
    transactional: ["transactional", "individual"],
    individual: ["individual"],
  };
  it.each(LEVEL_PAIRS)("isMeasurable(effective %s, required %s) — brief rule 4", (effective, required) => {
    expect(isMeasurable(effective, required)).toBe(EXPECTED_MEASURABLE[required].includes(effective));
  });
});

describe("which destinations a placement can reach", () => {
  it("sends Baidu traffic only to Baidu pages, Baidu mini programs and websites — never WeChat or Tmall", () => {
    for (const p of PLACEMENTS.filter((x) => x.ecosystemId === "baidu")) {
      for (const id of ["wechat-mini-program", "wechat-official-account", "tmall-store", "taobao-store", "jd-store", "douyin-shop"]) {
        expect(canReach(p, id), `${p.id} → ${id}`).toBe(false);
      }
      expect(canReach(p, "baidu-landing-page")).toBe(true);
    }
  });

  it("sends Ocean Engine in-feed and search traffic to the Douyin shop, a WeChat mini program, Tmall / JD stores and websites (brief table)", () => {
    for (const id of ["douyin-infeed", "douyin-search"]) {
      for (const target of ["douyin-shop", "wechat-mini-program", "tmall-store", "jd-store", "brand-website"]) {
        expect(canReach(placement(id), target), `${id} → ${target}`).toBe(true);
      }
    }
    expect(reachableDestinations(placement("douyin-qianchuan")).map((d) => d.id)).toEqual(["douyin-shop"]);
  });

  it("lands Alimama placements in Tmall or Taobao stores, and only Uni Desk off-site as well", () => {
    for (const p of PLACEMENTS.filter((x) => x.ecosystemId === "alibaba")) {
      expect(canReach(p, "tmall-store") && canReach(p, "taobao-store"), p.id).toBe(true);
      const offSite = p.destinations.filter((id) => id !== "tmall-store" && id !== "taobao-store");
      expect(offSite.length === 0 || p.id === "alimama-uni-desk", p.id).toBe(true);
    }
  });

  it("lands WeChat placements on WeChat touchpoints or websites, never in Taobao / Tmall", () => {
    for (const p of PLACEMENTS.filter((x) => x.ecosystemId === "tencent" && x.id !== "tencent-video")) {
      expect(reachableDestinations(p).map((d) => d.id)).toEqual(["wechat-mini-program", "wechat-official-account", "brand-website"]);
    }
  });

  it("lands JD placements in the JD store only", () => {
    for (const p of PLACEMENTS.filter((x) => x.ecosystemId === "jd")) expect(p.destinations).toEqual(["jd-store"]);
  });

  it("offers no click-out only on awareness, creator and boost placements, never on search or shopping ads", () => {
    const withoutClickOut = PLACEMENTS.filter((p) => canReach(p, "none"));
    for (const p of withoutClickOut) {
      expect(p.funnelStage === "awareness" || p.formats.includes("creator-content"), p.id).toBe(true);
    }
    for (const id of ["alimama-zhitongche", "douyin-search", "baidu-search", "jd-search", "douyin-qianchuan", "wechat-search-ads"]) {
      expect(canReach(placement(id), "none"), id).toBe(false);
    }
  });
});

describe("organization level overrides (brief rule 2)", () => {
  const justified: LevelOverride = {
    targetType: "destination",
    targetId: "douyin-shop",
    level: "transactional",
    justification: "Douyin shop now shares member phone numbers with our CRM (contract 2026-04).",
    by: "user-1",
    at: "2026-11-01",
  };

  it.each([
    ["empty", ""],
    ["blank", "          "],
    ["too short once trimmed", "   because    "],
  ])("ignores an override whose justification is %s", (_label, justification) => {
    const override = { ...justified, justification };
    expect(isValidLevelOverride(override)).toBe(false);
    const resolved = destinationLevel(destination("douyin-shop"), [override]);
    expect(resolved).toEqual({ level: "aggregated", catalogLevel: "aggregated", override: null });
    expect(resolveLineLevel(placement("douyin-infeed"), destination("douyin-shop"), [override]).effective).toBe("aggregated");
  });

  it("replaces the catalog level when justified, and keeps the justification, author and date for the UI", () => {
    const resolved = destinationLevel(destination("douyin-shop"), [justified]);
    expect(resolved.level).toBe("transactional");
    expect(resolved.catalogLevel).toBe("aggregated");
    expect(resolved.override).toMatchObject({ justification: justified.justification, by: "user-1", at: "2026-11-01" });
    expect(resolveLineLevel(placement("douyin-infeed"), destination("douyin-shop"), [justified]).effective).toBe("transactional");
  });

  it("applies only to its own target type and id", () => {
    expect(destinationLevel(destination("tmall-store"), [justified]).override).toBeNull();
    const asPlacement = { ...justified, targetType: "placement" as const };
    expect(destinationLevel(destination("douyin-shop"), [asPlacement]).override).toBeNull();
    expect(placementLevel(placement("douyin-infeed"), [asPlacement]).override).toBeNull();
  });

  it("uses the latest valid override when there are several", () => {
    const later = { ...justified, level: "individual" as const, justification: "Pilot with a Douyin member programme, signed." };
    const unjustifiedLatest = { ...justified, level: "aggregated" as const, justification: "no" };
    expect(destinationLevel(destination("douyin-shop"), [justified, later, unjustifiedLatest]).level).toBe("individual");
  });

  it("cannot make 'no click-out' capture anything", () => {
    const override: LevelOverride = { targetType: "destination", targetId: "none", level: "individual", justification: "We think splash viewers are known." };
    expect(destinationLevel(destination("none"), [override])).toEqual({ level: "aggregated", catalogLevel: "aggregated", override: null });
  });

  it("works on custom placements of an organization, which are not in the catalog", () => {
    const custom: Placement = { ...placement("weibo-fensitong"), id: "weibo-super-fans", nameEn: "Weibo super-fan posts", nameZh: "微博超粉推广", isCustom: true };
    expect(getPlacement(custom.id)).toBeUndefined();
    const override: LevelOverride = { targetType: "placement", targetId: custom.id, level: "transactional", justification: "Weibo shares buyer lists for this product." };
    const line = resolveLineLevel(custom, destination("weibo-page"), [override]);
    expect(line).toMatchObject({ effective: "transactional", decidedBy: "placement", isReachable: true });
    expect(explainLevel(custom, destination("weibo-page"), "en", [override])).toBe(
      "Weibo super-fan posts → Weibo brand account: Weibo itself reports transactional data, more than is captured on the Weibo account after the click " +
        "(your organization set Weibo super-fan posts to transactional: “Weibo shares buyer lists for this product.”).",
    );
  });
});

describe("the one-sentence explanation (brief rule 3)", () => {
  it("says the destination captures more than the platform reports — the brief's own example", () => {
    expect(explainLevel(placement("douyin-infeed"), destination("wechat-mini-program"), "en")).toBe(
      "Douyin in-feed video ads → WeChat mini program: individual data is captured in WeChat after the click; Douyin itself reports only aggregates.",
    );
    expect(explainLevel(placement("douyin-infeed"), destination("wechat-mini-program"), "zh")).toBe(
      "抖音信息流广告 → 微信小程序：点击后在微信内获取个人级数据；抖音本身只提供聚合数据。",
    );
  });

  it("says so when platform and destination give the same level", () => {
    expect(explainLevel(placement("baidu-search"), destination("baidu-landing-page"), "en")).toBe(
      "Baidu Fengchao search ads → Baidu landing page: Baidu itself reports only aggregates, and nothing more open is captured on the Baidu landing page after the click.",
    );
    expect(explainLevel(placement("baidu-search"), destination("baidu-landing-page"), "zh")).toBe(
      "百度凤巢搜索广告 → 百度落地页：百度本身只提供聚合数据，点击后在百度落地页上也不会获取更开放的数据。",
    );
  });

  it("says nothing is captured when there is no click-out", () => {
    expect(explainLevel(placement("douyin-topview"), destination("none"), "en")).toBe(
      "Douyin TopView and splash → No click-out: nothing is captured after the ad; Douyin itself reports only aggregates.",
    );
    expect(explainLevel(placement("douyin-topview"), destination("none"), "zh")).toBe(
      "抖音 TopView 与开屏 → 无跳转：广告之后不获取任何数据；抖音本身只提供聚合数据。",
    );
  });

  it("names an override in use and its justification", () => {
    const override: LevelOverride = {
      targetType: "destination",
      targetId: "baidu-mini-program",
      level: "transactional",
      justification: "Our Baidu mini program runs the brand's membership with phone login.",
    };
    const en = explainLevel(placement("baidu-search"), destination("baidu-mini-program"), "en", [override]);
    expect(en).toBe(
      "Baidu Fengchao search ads → Baidu smart mini program: transactional data is captured in the Baidu mini program after the click; Baidu itself reports only aggregates " +
        "(your organization set Baidu smart mini program to transactional: “Our Baidu mini program runs the brand's membership with phone login.”).",
    );
    const zh = explainLevel(placement("baidu-search"), destination("baidu-mini-program"), "zh", [override]);
    expect(zh).toContain("贵组织将百度智能小程序设为交易级");
    expect(zh.endsWith("。")).toBe(true);
  });

  it("says a destination the placement cannot reach gives nothing", () => {
    expect(explainLevel(placement("baidu-search"), destination("wechat-mini-program"), "en")).toBe(
      "Baidu Fengchao search ads → WeChat mini program: Baidu cannot send traffic there, so the line gets only what Baidu itself reports: aggregates.",
    );
    expect(resolveLineLevel(placement("baidu-search"), destination("wechat-mini-program")).effective).toBe("aggregated");
  });
});
