// Types and id lists of the channel catalog (product brief, "Domain model": Catalog; issue 4).
// Pure data shapes: the catalog is bundled into the browser too, so nothing here imports I/O.
import type { Benchmarks, BuyingModel } from "../buying-models";
import type { DataLevel } from "../data-level";

export const ECOSYSTEM_IDS = [
  "alibaba",
  "bytedance",
  "tencent",
  "baidu",
  "jd",
  "xiaohongshu",
  "weibo",
  "kuaishou",
  "bilibili",
] as const;
export type EcosystemId = (typeof ECOSYSTEM_IDS)[number];

export const DESTINATION_IDS = [
  "tmall-store",
  "taobao-store",
  "jd-store",
  "wechat-mini-program",
  "wechat-official-account",
  "douyin-shop",
  "xiaohongshu-store",
  "kuaishou-shop",
  "weibo-page",
  "baidu-landing-page",
  "baidu-mini-program",
  "brand-website",
  "none",
] as const;
export type DestinationId = (typeof DESTINATION_IDS)[number];

export const DATA_PRODUCT_IDS = [
  "alimama-databank",
  "alimama-damopan",
  "ocean-engine-yuntu",
  "tencent-rta",
  "tencent-ads-dmp",
  "tencent-clean-room",
  "baidu-guanxingpan",
  "jd-shufang",
  "xiaohongshu-juguang-reports",
  "weibo-reports",
  "kuaishou-reports",
  "bilibili-reports",
] as const;
export type DataProductId = (typeof DATA_PRODUCT_IDS)[number];

export const KPI_IDS = [
  "impressions",
  "reach",
  "cpm",
  "views",
  "clicks",
  "ctr",
  "engagements",
  "follower-growth",
  "search-index-lift",
  "brand-lift",
  "orders",
  "gmv",
  "roas",
  "new-to-brand-buyers",
  "repurchase-rate",
  "average-order-value",
  "per-person-journeys",
  "crm-binding-rate",
  "customer-lifetime-value",
  "propensity-models",
  "first-party-retargeting",
  "user-level-attribution",
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export const FUNNEL_STAGES = ["awareness", "consideration", "conversion", "loyalty"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const PLACEMENT_FORMATS = ["video", "image", "text", "live", "creator-content"] as const;
export type PlacementFormat = (typeof PLACEMENT_FORMATS)[number];

export type Locale = "en" | "zh";

/** The documents a catalog fact rests on; shown as citations in the UI. */
export const SOURCE_IDS = [
  "seed-001",
  "seed-003",
  "seed-004",
  "brief-rule-1",
  "brief-rule-2",
  "brief-rule-3",
  "brief-rule-4",
  "brief-rule-5",
  "brief-channel-catalog",
  "issue-4",
  "issue-6",
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export type Ecosystem = {
  id: EcosystemId;
  nameEn: string;
  nameZh: string;
  /** How the ecosystem is named inside a sentence ("Douyin itself reports only aggregates"). */
  shortNameEn: string;
  shortNameZh: string;
  /** The ad platform whose reports a line gets (e.g. Ocean Engine for Douyin). */
  adPlatformEn: string;
  adPlatformZh: string;
  /** Chart colour; charts always label it too (never colour alone). */
  colorHex: string;
  /** Derived from the data products and placements, so they can never disagree. */
  dataProductIds: readonly DataProductId[];
  destinationIds: readonly DestinationId[];
};

/** API validation bounds of a bid, in fen. Not market prices: a bid outside them is rejected by the platform. */
export type BidBounds = {
  minFen: number;
  maxFen: number;
  /** What the bid prices: the billed unit (a click, a thousand impressions) or, for oCPM / oCPC, the target cost per conversion. */
  bidsOn: "unit" | "conversion-target";
  basis: "api-bounds";
};

export type Placement = {
  /** Stable kebab-case id; custom placements of an organization use their own ids. */
  id: string;
  ecosystemId: EcosystemId;
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
  buyingModels: readonly BuyingModel[];
  defaultBuyingModel: BuyingModel;
  bidBoundsFen: Partial<Record<BuyingModel, BidBounds>>;
  /** What the ad platform reports about people who saw or clicked the ad (brief rule 1). */
  reportingLevel: DataLevel;
  funnelStage: FunnelStage;
  formats: readonly PlacementFormat[];
  /** Indicative only: weak public figures, editable defaults, never facts (brief "Channel catalog"). */
  benchmarks: Benchmarks;
  benchmarkStatus: "indicative";
  destinations: readonly DestinationId[];
  dataProducts: readonly DataProductId[];
  isCustom: boolean;
  sources: readonly SourceId[];
};

export type Destination = {
  id: DestinationId;
  nameEn: string;
  nameZh: string;
  /** Null for the brand's own website and for "no click-out". */
  ecosystemId: EcosystemId | null;
  /** What the brand captures after the click (brief rule 2). */
  captureLevel: DataLevel;
  /** Exactly what comes back to the brand. */
  capturedEn: string;
  capturedZh: string;
  /** Where the capture happens, inside a sentence ("captured in WeChat after the click"). */
  capturePlaceEn: string;
  capturePlaceZh: string;
  /** False only for "none": the ad has no click-out. */
  isClickOut: boolean;
  /** A WeChat ID can be bound to a phone number here (seed 003), the start of an identity bridge. */
  supportsIdentityBinding: boolean;
  sources: readonly SourceId[];
};

export type DataProduct = {
  id: DataProductId;
  ecosystemId: EcosystemId;
  nameEn: string;
  nameZh: string;
  /** The audience model it reports against, when it has one (AIPL, O-5A, 4A). */
  model: string | null;
  /** Granularity of what the brand gets out of it. */
  outputLevel: DataLevel;
  givesEn: string;
  givesZh: string;
  /** KPIs it reports; at its output level, so a transactional KPI here is an aggregate estimate. */
  kpiIds: readonly KpiId[];
  /** It works on data the brand brings (an upload or a real-time query), which needs consent (brief rule 5). */
  usesBrandData: boolean;
  lagDays: number;
  sources: readonly SourceId[];
};

export const KPI_UNITS = ["count", "ratio", "fen", "multiple", "score"] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export type KpiCategory = "delivery" | "engagement" | "brand" | "sales" | "customer";

export type Kpi = {
  id: KpiId;
  nameEn: string;
  nameZh: string;
  definitionEn: string;
  definitionZh: string;
  /** The least open data level at which the KPI can be measured on a line (brief rule 4). */
  requiredLevel: DataLevel;
  unit: KpiUnit;
  category: KpiCategory;
  sources: readonly SourceId[];
};

export const MEASUREMENT_OWNERS = ["brand", "agency", "platform", "vendor"] as const;
export type MeasurementOwner = (typeof MEASUREMENT_OWNERS)[number];

export type MeasurementMethodKind =
  | "first-party"
  | "crm-matching"
  | "platform-report"
  | "search-index"
  | "data-product"
  | "experiment"
  | "mmm";

export type MeasurementMethodId =
  | "first-party-touchpoint"
  | "crm-order-matching"
  | "platform-reports"
  | "search-index-tracking"
  | "brand-lift-study"
  | "geo-experiment"
  | "media-mix-modelling"
  | `data-product:${DataProductId}`;

export type MeasurementMethod = {
  id: MeasurementMethodId;
  kind: MeasurementMethodKind;
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
  /** The line's effective level must be at least this for the method to work on it. */
  minLineLevel: DataLevel;
  /** Granularity of the results: a KPI needing more is only estimated in aggregate by this method. */
  outputLevel: DataLevel;
  kpiIds: readonly KpiId[];
  lagDays: number;
  defaultOwner: MeasurementOwner;
  /** Only for kind "data-product": which product, and so which placements it serves. */
  dataProductId: DataProductId | null;
  /** Seed 003: the vendor who built the store or mini program often holds the data; the contract must grant access. */
  needsDataAccessClause: boolean;
  sources: readonly SourceId[];
};
