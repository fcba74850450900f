// The ecosystems Qiao plans across (product brief; issue 4). Data products and destinations are
// derived from the other catalog tables so the three can never disagree.
import { DATA_PRODUCTS } from "./data-products";
import { PLACEMENTS } from "./placements";
import { DESTINATION_IDS, type DestinationId, type Ecosystem, type EcosystemId } from "./types";

type EcosystemRecord = Omit<Ecosystem, "dataProductIds" | "destinationIds">;

// Colours sit near each brand's own where hues allow, but are picked to stay distinct side by side in a chart.
const ECOSYSTEM_RECORDS: readonly EcosystemRecord[] = [
  { id: "alibaba", nameEn: "Alibaba / Alimama", nameZh: "阿里巴巴 / 阿里妈妈", shortNameEn: "Alimama", shortNameZh: "阿里妈妈", adPlatformEn: "Alimama", adPlatformZh: "阿里妈妈", colorHex: "#FF6A00" },
  { id: "bytedance", nameEn: "ByteDance / Douyin (Ocean Engine)", nameZh: "字节跳动 / 抖音（巨量引擎）", shortNameEn: "Douyin", shortNameZh: "抖音", adPlatformEn: "Ocean Engine", adPlatformZh: "巨量引擎", colorHex: "#161823" },
  { id: "tencent", nameEn: "Tencent / WeChat (Tencent Ads)", nameZh: "腾讯 / 微信（腾讯广告）", shortNameEn: "Tencent Ads", shortNameZh: "腾讯广告", adPlatformEn: "Tencent Ads", adPlatformZh: "腾讯广告", colorHex: "#07C160" },
  { id: "baidu", nameEn: "Baidu", nameZh: "百度", shortNameEn: "Baidu", shortNameZh: "百度", adPlatformEn: "Baidu Marketing", adPlatformZh: "百度营销", colorHex: "#2932E1" },
  { id: "jd", nameEn: "JD (Jingzhuntong)", nameZh: "京东（京准通）", shortNameEn: "JD", shortNameZh: "京东", adPlatformEn: "Jingzhuntong", adPlatformZh: "京准通", colorHex: "#9F1239" },
  { id: "xiaohongshu", nameEn: "Xiaohongshu (Little Red Book)", nameZh: "小红书", shortNameEn: "Xiaohongshu", shortNameZh: "小红书", adPlatformEn: "Juguang", adPlatformZh: "聚光", colorHex: "#FF2442" },
  { id: "weibo", nameEn: "Weibo", nameZh: "微博", shortNameEn: "Weibo", shortNameZh: "微博", adPlatformEn: "Weibo ads", adPlatformZh: "微博广告", colorHex: "#D99E0B" },
  { id: "kuaishou", nameEn: "Kuaishou (Magnetic Engine)", nameZh: "快手（磁力引擎）", shortNameEn: "Kuaishou", shortNameZh: "快手", adPlatformEn: "Magnetic Engine", adPlatformZh: "磁力引擎", colorHex: "#7C3AED" },
  { id: "bilibili", nameEn: "Bilibili", nameZh: "哔哩哔哩", shortNameEn: "Bilibili", shortNameZh: "哔哩哔哩", adPlatformEn: "Bilibili ads", adPlatformZh: "哔哩哔哩广告", colorHex: "#00AEEC" },
];

function destinationsOf(ecosystemId: EcosystemId): DestinationId[] {
  const reached = new Set(PLACEMENTS.filter((p) => p.ecosystemId === ecosystemId).flatMap((p) => p.destinations));
  return DESTINATION_IDS.filter((id) => reached.has(id));
}

export const ECOSYSTEMS: readonly Ecosystem[] = ECOSYSTEM_RECORDS.map((record) => ({
  ...record,
  dataProductIds: DATA_PRODUCTS.filter((product) => product.ecosystemId === record.id).map((product) => product.id),
  destinationIds: destinationsOf(record.id),
}));
