import { getPlacement, type DestinationId, type KpiId } from "~/domain/catalog";
import type { FlightingMode } from "~/domain/flighting";
import type { Access, ClientAccess } from "~/tenancy/access.server";
import type { LineInput } from "~/domain/plan";
import { addLines, createCampaign } from "./planner.server";

// The demo client's campaign: ~20 lines across Alimama, Douyin, WeChat, Baidu and JD, with KPIs
// chosen so the measurement plan shows both measurable lines and mismatches.
type DemoLine = [placementId: string, destinationId: DestinationId, model: string, budgetYuan: number, kpiId: KpiId | null, flighting: FlightingMode, unitCostYuan?: number];

const START = "2027-01-04";
const END = "2027-02-28";

const LINES: DemoLine[] = [
  ["alimama-zhitongche", "tmall-store", "cpc", 320_000, "gmv", "back", 1.8],
  ["alimama-display", "tmall-store", "cpm", 180_000, "clicks", "even"],
  ["alimama-wanxiangtai", "tmall-store", "ocpc", 240_000, "orders", "back"],
  ["alimama-brand-zone", "tmall-store", "cpm", 90_000, "impressions", "even"],
  ["taobao-live", "tmall-store", "cpm", 110_000, "new-to-brand-buyers", "back"],
  ["alimama-uni-desk", "tmall-store", "cpm", 80_000, "reach", "front"],
  ["douyin-topview", "none", "cpm", 200_000, "reach", "front"],
  ["douyin-infeed", "wechat-mini-program", "ocpm", 220_000, "crm-binding-rate", "even"],
  ["douyin-infeed", "douyin-shop", "ocpm", 160_000, "repurchase-rate", "even"],
  ["douyin-qianchuan", "douyin-shop", "ocpm", 150_000, "gmv", "back"],
  ["douyin-search", "tmall-store", "cpc", 70_000, "orders", "even"],
  ["douyin-xingtu", "none", "cpm", 120_000, "engagements", "front"],
  ["wechat-moments", "wechat-official-account", "cpm", 150_000, "follower-growth", "front"],
  ["wechat-mini-program-ads", "wechat-mini-program", "ocpc", 120_000, "customer-lifetime-value", "even"],
  ["wechat-channels-ads", "wechat-mini-program", "ocpm", 100_000, "per-person-journeys", "even"],
  ["wechat-search-ads", "wechat-official-account", "cpc", 40_000, "clicks", "even"],
  ["baidu-search", "baidu-landing-page", "cpc", 90_000, "repurchase-rate", "even"],
  ["baidu-brand-zone", "baidu-landing-page", "cpt", 60_000, "impressions", "even", 2_000],
  ["jd-search", "jd-store", "cpc", 80_000, "roas", "back"],
  ["jd-display", "jd-store", "cpm", 70_000, "new-to-brand-buyers", "even"],
];

export async function seedDemoCampaign(access: ClientAccess): Promise<string> {
  const campaign = await createCampaign(access, {
    name: "Chinese New Year 2027 — Demo Brand skincare launch",
    objective: "conversion",
    startDate: START,
    endDate: END,
    budgetFen: 300_000_000,
    reportingCurrency: "EUR",
    fxRate: 7.8,
    notes: "Launch of the hydrating serum for the Year of the Goat; Tmall flagship, WeChat mini program membership, Douyin creators.",
  });
  const inputs: LineInput[] = LINES.map(([placementId, destinationId, model, budgetYuan, kpiId, flighting, unitCostYuan]) => {
    const placement = getPlacement(placementId);
    if (!placement) throw new Error(`Demo placement ${placementId} is not in the catalog.`);
    return {
      name: "",
      placementId,
      destinationId,
      buyingModel: placement.buyingModels.includes(model as never) ? (model as LineInput["buyingModel"]) : placement.defaultBuyingModel,
      unitCostFen: unitCostYuan === undefined ? null : Math.round(unitCostYuan * 100),
      budgetFen: budgetYuan * 100,
      startDate: START,
      endDate: END,
      kpiId,
      kpiTarget: null,
      audienceNotes: "",
      formatNotes: "",
      flightingMode: flighting,
      customFlightingFen: null,
    };
  });
  const result = await addLines(access, campaign.id, inputs);
  if (!result || !result.ok) throw new Error(`Demo lines were refused: ${JSON.stringify(result)}`);
  return campaign.id;
}
