// Warnings shown with the plan summary (issue 5, "Summary"). Codes and parameters only: the UI
// translates them. Campaign-level warnings come first, then each line's in line order.
import { COST_BASIS, type BuyingModel } from "./buying-models";
import { daysBetweenInclusive } from "./dates";

export type BidBoundsFen = { minFen: number; maxFen: number };

export type WarningLine = {
  id: string;
  name: string;
  start: string;
  end: string;
  budgetFen: number;
  buyingModel: BuyingModel;
  unitCostFen?: number;
  bidBoundsFen?: BidBoundsFen;
  destinationReachable: boolean;
  /** Fixed buys: the slot's price for the line's days, and the whole days the budget pays for. */
  fixedCost?: { naturalCostFen: number; days: number; boughtDays: number };
};

export type WarningCampaign = { start: string; end: string; budgetFen: number };

type LineRef = { lineId: string };

export type PlanWarning =
  | { code: "unallocated-budget"; params: { campaignBudgetFen: number; allocatedFen: number; unallocatedFen: number } }
  | { code: "over-allocated-budget"; params: { campaignBudgetFen: number; allocatedFen: number; overAllocatedFen: number } }
  | (LineRef & { code: "line-dates-inverted"; params: { lineName: string; start: string; end: string } })
  | (LineRef & {
      code: "line-outside-campaign-dates";
      /** Days the line starts before / ends after the campaign (0 when it does not). */
      params: { lineName: string; start: string; end: string; campaignStart: string; campaignEnd: string; daysBefore: number; daysAfter: number };
    })
  | (LineRef & { code: "zero-budget"; params: { lineName: string } })
  | (LineRef & {
      code: "unit-cost-below-bid-bounds" | "unit-cost-above-bid-bounds";
      params: { lineName: string; buyingModel: BuyingModel; unitCostFen: number; minFen: number; maxFen: number };
    })
  | (LineRef & { code: "destination-not-reachable"; params: { lineName: string } })
  | (LineRef & { code: "fixed-buy-budget-below-cost"; params: { lineName: string; budgetFen: number; naturalCostFen: number; days: number; boughtDays: number } });

export type PlanWarningCode = PlanWarning["code"];

/** All warnings of a plan. Dates are valid ISO dates (validated by the forms). */
export function planWarnings(input: { campaign: WarningCampaign; lines: readonly WarningLine[] }): PlanWarning[] {
  return [...budgetWarnings(input.campaign, input.lines), ...input.lines.flatMap((line) => lineWarnings(input.campaign, line))];
}

function budgetWarnings(campaign: WarningCampaign, lines: readonly WarningLine[]): PlanWarning[] {
  const allocatedFen = lines.reduce((sum, line) => sum + line.budgetFen, 0);
  const campaignBudgetFen = campaign.budgetFen;
  if (allocatedFen < campaignBudgetFen) {
    return [{ code: "unallocated-budget", params: { campaignBudgetFen, allocatedFen, unallocatedFen: campaignBudgetFen - allocatedFen } }];
  }
  if (allocatedFen > campaignBudgetFen) {
    return [{ code: "over-allocated-budget", params: { campaignBudgetFen, allocatedFen, overAllocatedFen: allocatedFen - campaignBudgetFen } }];
  }
  return [];
}

function lineWarnings(campaign: WarningCampaign, line: WarningLine): PlanWarning[] {
  const lineId = line.id;
  const lineName = line.name;
  const warnings: PlanWarning[] = [];

  if (line.end < line.start) {
    warnings.push({ code: "line-dates-inverted", lineId, params: { lineName, start: line.start, end: line.end } });
  }
  if (line.start < campaign.start || line.end > campaign.end) {
    // Counted from the campaign edge: a line starting the day before is 1 day before.
    const daysBefore = line.start < campaign.start ? daysBetweenInclusive(line.start, campaign.start) - 1 : 0;
    const daysAfter = line.end > campaign.end ? daysBetweenInclusive(campaign.end, line.end) - 1 : 0;
    warnings.push({
      code: "line-outside-campaign-dates",
      lineId,
      params: { lineName, start: line.start, end: line.end, campaignStart: campaign.start, campaignEnd: campaign.end, daysBefore, daysAfter },
    });
  }
  // A commission (CPS) buy has no upfront budget, so zero is its normal state.
  if (line.budgetFen === 0 && COST_BASIS[line.buyingModel] !== "commission") {
    warnings.push({ code: "zero-budget", lineId, params: { lineName } });
  }
  const bounds = line.bidBoundsFen;
  if (line.unitCostFen !== undefined && bounds) {
    const params = { lineName, buyingModel: line.buyingModel, unitCostFen: line.unitCostFen, minFen: bounds.minFen, maxFen: bounds.maxFen };
    if (line.unitCostFen < bounds.minFen) warnings.push({ code: "unit-cost-below-bid-bounds", lineId, params });
    if (line.unitCostFen > bounds.maxFen) warnings.push({ code: "unit-cost-above-bid-bounds", lineId, params });
  }
  // A fixed slot (CPT) costs its daily price for every day: a smaller budget buys fewer days, or none.
  if (line.fixedCost && line.budgetFen < line.fixedCost.naturalCostFen) {
    warnings.push({ code: "fixed-buy-budget-below-cost", lineId, params: { lineName, budgetFen: line.budgetFen, ...line.fixedCost } });
  }
  if (!line.destinationReachable) {
    warnings.push({ code: "destination-not-reachable", lineId, params: { lineName } });
  }
  return warnings;
}
