// Measurement methods and sources (issue 6; brief rule 4): where each KPI's figure comes from,
// at which data level, with its typical reporting lag and default owner.
import { DATA_PRODUCTS } from "./data-products";
import type { DataProduct, KpiId, MeasurementMethod } from "./types";

const PLATFORM_REPORT_KPIS: readonly KpiId[] = ["impressions", "reach", "cpm", "views", "clicks", "ctr", "engagements", "follower-growth"];
const TRANSACTIONAL_KPIS: readonly KpiId[] = ["orders", "gmv", "roas", "new-to-brand-buyers", "repurchase-rate", "average-order-value"];
const INDIVIDUAL_KPIS: readonly KpiId[] = [
  "per-person-journeys",
  "crm-binding-rate",
  "customer-lifetime-value",
  "propensity-models",
  "first-party-retargeting",
  "user-level-attribution",
];

function dataProductMethod(product: DataProduct): MeasurementMethod {
  return {
    id: `data-product:${product.id}`,
    kind: "data-product",
    nameEn: product.nameEn,
    nameZh: product.nameZh,
    descriptionEn: product.givesEn,
    descriptionZh: product.givesZh,
    minLineLevel: "aggregated",
    outputLevel: product.outputLevel,
    kpiIds: product.kpiIds,
    lagDays: product.lagDays,
    // Agencies usually operate the platforms' data products for the brand; a planner can change it.
    defaultOwner: "agency",
    dataProductId: product.id,
    needsDataAccessClause: false,
    sources: product.sources,
  };
}

export const MEASUREMENT_METHODS: readonly MeasurementMethod[] = [
  {
    // Seeds 001 and 003: a WeChat touchpoint is "as good as having your own app"; the brand holds person-level data.
    id: "first-party-touchpoint",
    kind: "first-party",
    nameEn: "First-party data on the brand's own touchpoints",
    nameZh: "品牌自有触点的第一方数据",
    descriptionEn:
      "Consented events, bound phone numbers and orders per WeChat ID from the brand's mini program or official account; the contract with the vendor who built it must grant the brand access (seed 003).",
    descriptionZh: "来自品牌小程序或公众号、按微信 ID 记录的经同意的事件、绑定手机号和订单；与开发商的合同必须保证品牌的数据访问权（见 003）。",
    minLineLevel: "individual",
    outputLevel: "individual",
    kpiIds: [...TRANSACTIONAL_KPIS, ...INDIVIDUAL_KPIS],
    lagDays: 1,
    defaultOwner: "brand",
    dataProductId: null,
    needsDataAccessClause: true,
    sources: ["seed-001", "seed-003"],
  },
  {
    // Seed 001: with an integrated CRM on Tmall or JD the brand has "the phone number and what that person actually bought".
    id: "crm-order-matching",
    kind: "crm-matching",
    nameEn: "CRM order matching on the store (Tmall, Taobao, JD)",
    nameZh: "店铺 CRM 订单匹配（天猫、淘宝、京东）",
    descriptionEn:
      "Orders of CRM members (phone number and order lines) matched to the line's traffic; nothing on media seen or on-platform behaviour.",
    descriptionZh: "将 CRM 会员的订单（手机号及订单明细）与投放行带来的流量匹配；不含媒体曝光或平台内行为数据。",
    minLineLevel: "transactional",
    outputLevel: "transactional",
    kpiIds: TRANSACTIONAL_KPIS,
    lagDays: 2,
    defaultOwner: "brand",
    dataProductId: null,
    needsDataAccessClause: true,
    sources: ["seed-001"],
  },
  {
    // Brief rule 1: every ad platform reports what it delivered, in aggregate.
    id: "platform-reports",
    kind: "platform-report",
    nameEn: "Platform aggregated reports",
    nameZh: "平台聚合报告",
    descriptionEn: "The ad platform's own delivery and engagement reports for the line, in aggregate.",
    descriptionZh: "广告平台针对该投放行的投放和互动报告，均为聚合数据。",
    minLineLevel: "aggregated",
    outputLevel: "aggregated",
    kpiIds: PLATFORM_REPORT_KPIS,
    lagDays: 1,
    defaultOwner: "agency",
    dataProductId: null,
    needsDataAccessClause: false,
    sources: ["brief-rule-1"],
  },
  {
    id: "search-index-tracking",
    kind: "search-index",
    nameEn: "Public search-index tracking",
    nameZh: "公开搜索指数追踪",
    descriptionEn: "The brand's public search indices (Baidu Index, Douyin Suanshu, WeChat Index) before and during the flight.",
    descriptionZh: "投放前与投放期间品牌的公开搜索指数（百度指数、巨量算数、微信指数）。",
    minLineLevel: "aggregated",
    outputLevel: "aggregated",
    kpiIds: ["search-index-lift"],
    lagDays: 1,
    defaultOwner: "agency",
    dataProductId: null,
    needsDataAccessClause: false,
    sources: ["issue-6"],
  },
  ...DATA_PRODUCTS.map(dataProductMethod),
  {
    // Brief rule 4: measure by experiment when the line gives too little data.
    id: "brand-lift-study",
    kind: "experiment",
    nameEn: "Brand-lift study",
    nameZh: "品牌提升调研",
    descriptionEn: "A survey of exposed and control groups, run by the platform or a research vendor.",
    descriptionZh: "对曝光组和对照组的问卷调研，由平台或调研公司执行。",
    minLineLevel: "aggregated",
    outputLevel: "aggregated",
    kpiIds: ["brand-lift"],
    lagDays: 21,
    defaultOwner: "platform",
    dataProductId: null,
    needsDataAccessClause: false,
    sources: ["brief-rule-4"],
  },
  {
    // Brief rule 4: a geo test needs only the brand's own sales by region, so it works on closed platforms too.
    id: "geo-experiment",
    kind: "experiment",
    nameEn: "Geo experiment",
    nameZh: "地域实验",
    descriptionEn:
      "The line runs in test cities and not in matched control cities; the brand's own sales by region give the incremental effect, in aggregate.",
    descriptionZh: "投放行只在测试城市投放、不在匹配的对照城市投放；用品牌自有的分地区销售数据得出增量效果（聚合）。",
    minLineLevel: "aggregated",
    outputLevel: "aggregated",
    kpiIds: ["orders", "gmv", "roas", "new-to-brand-buyers"],
    lagDays: 42,
    defaultOwner: "agency",
    dataProductId: null,
    needsDataAccessClause: false,
    sources: ["brief-rule-4"],
  },
  {
    // Brief rule 4: media-mix modelling estimates each channel's contribution from weekly spend and sales.
    id: "media-mix-modelling",
    kind: "mmm",
    nameEn: "Media-mix modelling",
    nameZh: "营销组合模型（MMM）",
    descriptionEn: "A statistical model of weekly sales against spend per channel; needs about two years of history and gives channel-level, not line-level, results.",
    descriptionZh: "以每周销售额对各渠道花费建模的统计模型；需要约两年的历史数据，结果到渠道层面而非投放行层面。",
    minLineLevel: "aggregated",
    outputLevel: "aggregated",
    kpiIds: ["orders", "gmv", "roas"],
    lagDays: 90,
    defaultOwner: "vendor",
    dataProductId: null,
    needsDataAccessClause: false,
    sources: ["brief-rule-4"],
  },
];
