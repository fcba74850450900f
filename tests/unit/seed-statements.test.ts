// Each statement about openness in the seed articles, as a named test (issue 4, "Done when").
import { describe, expect, it } from "vitest";
import { DATA_PRODUCTS, DESTINATIONS, FUNNEL_STAGES, getDestination, getKpi, getPlacement, PLACEMENTS, type EcosystemId, type KpiId } from "~/domain/catalog";
import { buildMeasurementRows, planIdentityBridge, suggestAlternatives, type MeasurementLine } from "~/domain/measurement";
import { isMeasurable, resolveLineLevel } from "~/domain/openness";

function line(placementId: string, destinationId: MeasurementLine["destinationId"], kpiId: KpiId): MeasurementLine {
  return { id: `${placementId}:${destinationId}:${kpiId}`, placement: getPlacement(placementId)!, destinationId, kpiId, budgetFen: 100_000 };
}

function measurable(placementId: string, destinationId: MeasurementLine["destinationId"], kpiId: KpiId): boolean {
  return buildMeasurementRows([line(placementId, destinationId, kpiId)])[0]!.isMeasurable;
}

const placementsOf = (ecosystemId: EcosystemId) => PLACEMENTS.filter((p) => p.ecosystemId === ecosystemId);

describe("seed 001 (Artefact): three types of ecosystems and three levels of openness", () => {
  it("a Tmall store with CRM gives phone number and purchases only", () => {
    // "the only customer data you can collect – assuming you have an integrated CRM program on Tmall or JD.com –
    // is transactional data. You only have the phone number and what that person actually bought."
    const tmall = getDestination("tmall-store")!;
    expect(tmall.captureLevel).toBe("transactional");
    expect(tmall.nameEn).toContain("with CRM integration");
    expect(tmall.capturedEn).toMatch(/phone number and order lines/);
    expect(measurable("alimama-zhitongche", "tmall-store", "repurchase-rate")).toBe(true);
  });

  it("JD, like Tmall, is semi-open: transactional data with an integrated CRM program", () => {
    // "There's a middle group, which is neither completely closed, nor completely open. This includes ... Tmall and Jingdong."
    expect(getDestination("jd-store")!.captureLevel).toBe("transactional");
    expect(getDestination("jd-store")!.capturedEn).toMatch(/phone number and order lines/);
    expect(measurable("jd-search", "jd-store", "new-to-brand-buyers")).toBe(true);
  });

  it("Tmall and JD give nothing on media seen or on-platform behaviour", () => {
    // "You have no data on what the consumer saw in terms of media on the platform. You have nothing about their
    // individual behavioral data on the platform."
    for (const id of ["tmall-store", "jd-store"] as const) {
      expect(getDestination(id)!.capturedEn).toMatch(/nothing on the media they saw or their behaviour/);
      expect(measurable(id === "tmall-store" ? "alimama-display" : "jd-display", id, "per-person-journeys")).toBe(false);
      expect(measurable(id === "tmall-store" ? "alimama-display" : "jd-display", id, "user-level-attribution")).toBe(false);
    }
  });

  it("Tmall and JD monetise behavioural insight in aggregate: every platform data product gives aggregated output", () => {
    // "JD.com and Tmall are the ones who will monetize the behavioral insights ... but that's aggregated data, not individual data."
    for (const product of DATA_PRODUCTS) expect(product.outputLevel, product.id).toBe("aggregated");
  });

  it("WeChat mini programs and official accounts are completely open: individual data", () => {
    // "If you are a brand in the Tencent ecosystem with a mini program or an official account on the WeChat ecosystem,
    // it's as good as having your own app or your own website. ... Tencent ecosystem, completely open."
    for (const id of ["wechat-mini-program", "wechat-official-account"] as const) {
      expect(getDestination(id)!.captureLevel).toBe("individual");
    }
    expect(measurable("wechat-moments", "wechat-mini-program", "per-person-journeys")).toBe(true);
  });

  it("WeChat behavioural data is collected only with consent", () => {
    // "It allows you to collect behavioral data on your consumers when they have given consent".
    expect(getDestination("wechat-mini-program")!.capturedEn).toMatch(/^Consented behavioural events per WeChat ID/);
    expect(planIdentityBridge("wechat-mini-program", 100, 0.5)!.requiresConsent).toBe(true);
  });

  it("Baidu, Douyin, Weibo and Xiaohongshu are completely closed: aggregated only", () => {
    // "This group includes Little Red Book, Baidu, Weibo, and Douyin ... In these ecosystems, brands cannot collect individual consumer data."
    const closed: EcosystemId[] = ["baidu", "bytedance", "weibo", "xiaohongshu"];
    const closedDestinations = DESTINATIONS.filter((d) => d.ecosystemId !== null && closed.includes(d.ecosystemId));
    expect(closedDestinations.map((d) => d.id).sort()).toEqual(
      ["baidu-landing-page", "baidu-mini-program", "douyin-shop", "weibo-page", "xiaohongshu-store"].sort(),
    );
    for (const d of closedDestinations) expect(d.captureLevel, d.id).toBe("aggregated");
    for (const ecosystemId of closed) {
      for (const p of placementsOf(ecosystemId)) {
        expect(p.reportingLevel, p.id).toBe("aggregated");
        // A closed placement on its own ecosystem's destinations stays aggregated.
        for (const d of closedDestinations.filter((x) => x.ecosystemId === ecosystemId && p.destinations.includes(x.id))) {
          expect(resolveLineLevel(p, d).effective, `${p.id} → ${d.id}`).toBe("aggregated");
        }
      }
    }
  });

  it("in the closed ecosystems brands only get aggregated views of who follows them: no behavioural or transactional data", () => {
    // "They can only gather aggregated views of who is actually following them today. ... there is no way to get behavioral
    // data or transactional data at the individual level today."
    expect(measurable("weibo-fensitong", "weibo-page", "follower-growth")).toBe(true);
    expect(measurable("douyin-dou-plus", "douyin-shop", "follower-growth")).toBe(true);
    expect(measurable("douyin-qianchuan", "douyin-shop", "orders")).toBe(false);
    expect(measurable("xiaohongshu-juguang-feed", "xiaohongshu-store", "repurchase-rate")).toBe(false);
    expect(measurable("baidu-feed", "baidu-mini-program", "per-person-journeys")).toBe(false);
  });
});

describe("seed 003 (Artefact / Campaign Asia): the untapped wealth of WeChat data", () => {
  it("following an official account gives gender and declared location", () => {
    // "一旦用户关注了一个官方微信账号（品牌主页），即自动同意了该品牌收集关于他们的具体信息，比如性别和申报位置。"
    const account = getDestination("wechat-official-account")!;
    expect(account.capturedEn).toMatch(/^Gender and declared location of followers/);
    expect(account.capturedZh).toContain("性别和申报位置");
  });

  it("a unique WeChat ID follows behaviour across sessions and touchpoints", () => {
    // "一个在微信生态系统中运作的独立ID，可以提供基于多个会话和触点的消费者智识。"
    expect(getDestination("wechat-mini-program")!.capturedEn).toMatch(/per WeChat ID \(OpenID \/ UnionID\) across sessions and touchpoints/);
    expect(getKpi("per-person-journeys")!.requiredLevel).toBe("individual");
    expect(measurable("wechat-channels-ads", "wechat-official-account", "per-person-journeys")).toBe(true);
  });

  it("binding the WeChat ID to a phone number joins online and offline transactions", () => {
    // "主要目标是，将一个微信独立ID与一个特定消费者信息绑定起来，例如电话号码 ... 在线和离线交易也可以被添加进来，形成360度的客户视图"
    expect(getKpi("crm-binding-rate")!.requiredLevel).toBe("individual");
    expect(DESTINATIONS.filter((d) => d.supportsIdentityBinding).map((d) => d.id).sort()).toEqual(["wechat-mini-program", "wechat-official-account"]);
    expect(planIdentityBridge("wechat-official-account", 2_000, 0.35)?.expectedBoundCustomers).toBe(700);
    expect(planIdentityBridge("tmall-store", 2_000, 0.35)).toBeNull();
    expect(measurable("wechat-search-ads", "wechat-mini-program", "crm-binding-rate")).toBe(true);
    expect(measurable("douyin-infeed", "douyin-shop", "crm-binding-rate")).toBe(false);
  });

  it("WeChat data feeds propensity models and segmentation", () => {
    // "利用它来驱动一个机器学习模型，可以帮助品牌确定每个消费者进行购买的可能性，以及预测每个消费者最感兴趣的产品类别。"
    expect(measurable("wechat-moments", "wechat-mini-program", "propensity-models")).toBe(true);
    expect(measurable("alimama-zhitongche", "tmall-store", "propensity-models")).toBe(false);
  });

  it("cross-ecosystem matching needs consent", () => {
    // "在消费者同意的情况下，微信数据可以通过手机号码等个人信息与消费者联系，这使得品牌可以通过其他渠道（比如阿里巴巴），继续与消费者保持连接。"
    // Brief rule 5: cross-ecosystem identity needs consent and is a planned step with its own binding-rate assumption.
    const bridge = planIdentityBridge("wechat-mini-program", 1_000, 0.2)!;
    expect(bridge).toMatchObject({ requiresConsent: true, crossEcosystemMatchingRequiresConsent: true, expectedBoundCustomers: 200 });
    // Methods that run on the brand's own data are flagged as needing consent.
    const viaCleanRoom = suggestAlternatives(line("wechat-moments", "brand-website", "orders"), "orders").find(
      (a) => a.kind === "data-product" && a.dataProductId === "tencent-clean-room",
    );
    expect(viaCleanRoom).toMatchObject({ needsConsent: true, scope: "method" });
  });

  it("uploading CRM data to Alibaba worries brands", () => {
    // "对许多品牌来说，将他们的CRM数据上传到阿里巴巴数据系统会适得其反。他们担心这样反而使平台上的客户信息，被竞争对手更准确的追踪到。"
    expect(DATA_PRODUCTS.find((p) => p.id === "alimama-databank")!.givesEn).toMatch(/CRM upload is possible but worries brands/);
  });

  it("the vendor who built the mini program often holds the data, so the plan asks for a contract clause", () => {
    // "企业通常与专业供应商合作，开发他们的微信商店或应用程序；这些供应商保留了数据存储的密钥 ... 有可能将这一条款纳入合同。"
    const [row] = buildMeasurementRows([line("wechat-moments", "wechat-mini-program", "customer-lifetime-value")]);
    expect(row).toMatchObject({ isMeasurable: true, methodId: "first-party-touchpoint", owner: "brand", needsDataAccessClause: true });
    const [aggregateRow] = buildMeasurementRows([line("wechat-moments", "wechat-mini-program", "impressions")]);
    expect(aggregateRow).toMatchObject({ methodId: "platform-reports", needsDataAccessClause: false });
  });
});

describe("seed 004 (MarketingTribune): Alimama, the mother of all retail media", () => {
  const funnelRank = (stage: (typeof FUNNEL_STAGES)[number]) => FUNNEL_STAGES.indexOf(stage);
  const meanFunnelRank = (ecosystemId: EcosystemId) => {
    const placements = placementsOf(ecosystemId);
    return placements.reduce((sum, p) => sum + funnelRank(p.funnelStage), 0) / placements.length;
  };

  it("Douyin sells access earlier in the funnel than retail media", () => {
    // "Waar retailmedia in essentie toegang tot de klant met een hoge koopintentie verkoopt aan een marketeer, verkoopt een
    // socialmediaplatform toegang veel eerder in de funnel, maar dan met een lage koopintentie."
    expect(meanFunnelRank("bytedance")).toBeLessThan(meanFunnelRank("alibaba"));
    expect(meanFunnelRank("bytedance")).toBeLessThan(meanFunnelRank("jd"));
    expect(getPlacement("alimama-zhitongche")!.funnelStage).toBe("conversion");
    expect(getPlacement("jd-search")!.funnelStage).toBe("conversion");
  });

  it("Douyin has buy buttons and checkout inside the app: every Douyin placement can land in the Douyin shop", () => {
    // "De koopknoppen en retailcontent zijn direct beschikbaar en de checkout is weg geautomatiseerd."
    for (const p of placementsOf("bytedance")) expect(p.destinations, p.id).toContain("douyin-shop");
  });

  it("almost every position in the Taobao and Tmall apps is for sale", () => {
    // "Op de Alimama-site valt het meteen op dat zowat elke positie te koop is binnen de Taobao- en Tmall-apps van Alibaba."
    const alimama = placementsOf("alibaba");
    expect(alimama.length).toBeGreaterThanOrEqual(7);
    expect(new Set(alimama.flatMap((p) => p.formats))).toEqual(new Set(["image", "text", "video", "live", "creator-content"]));
    expect(new Set(alimama.map((p) => p.funnelStage))).toEqual(new Set(["awareness", "consideration", "conversion"]));
  });

  it("Alibaba and Tencent are whole ecosystems, so campaigns span more than the shop or the chat app", () => {
    // "Alibaba en Tencent zijn complete digitale ecosystemen ... Marketingcampagnes zijn dus niet beperkt tot alleen een
    // retailplatform, maar kunnen gekoppeld worden aan onder meer muziek, games, series en social media."
    expect(getPlacement("alimama-uni-desk")!.descriptionEn).toMatch(/Youku/);
    expect(getPlacement("tencent-video")!.ecosystemId).toBe("tencent");
    // And the data follows the ecosystem: the off-site Alibaba line still lands in the store's CRM.
    expect(isMeasurable(resolveLineLevel(getPlacement("alimama-uni-desk")!, getDestination("tmall-store")!).effective, "transactional")).toBe(true);
  });
});
