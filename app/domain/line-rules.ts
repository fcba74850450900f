// What makes a line item valid before it is saved (issue 5 "Bad input"): each failure is a field
// error (an i18n key), never a 500.
import { canReach } from "./openness";
import { getDestination, getKpi, type Placement } from "./catalog";
import type { BuyingModel } from "./buying-models";
import { allocateFlighting, type FlightingMode } from "./flighting";
import { isIsoDate } from "./dates";

export type LineDraft = {
  placementId: string;
  destinationId: string;
  buyingModel: BuyingModel;
  unitCostFen: number | null;
  budgetFen: number;
  startDate: string;
  endDate: string;
  kpiId: string | null;
  flightingMode: FlightingMode;
  customFlightingFen: Record<string, number> | null;
};

export type LineFieldErrors = Partial<Record<keyof LineDraft, string[]>>;

export function validateLineDraft(draft: LineDraft, context: { campaign: { startDate: string; endDate: string }; placement: Placement | undefined }): LineFieldErrors {
  const errors: LineFieldErrors = {};
  const add = (field: keyof LineDraft, key: string) => (errors[field] ??= []).push(key);
  const { placement, campaign } = context;
  if (!placement) add("placementId", "planner.unknownPlacement");
  if (!getDestination(draft.destinationId)) add("destinationId", "planner.unknownDestination");
  else if (placement && !canReach(placement, draft.destinationId)) add("destinationId", "planner.destinationUnreachable");
  if (placement && !placement.buyingModels.includes(draft.buyingModel)) add("buyingModel", "planner.modelNotOffered");
  if (draft.kpiId && !getKpi(draft.kpiId)) add("kpiId", "planner.unknownKpi");
  if (!isIsoDate(draft.startDate)) add("startDate", "planner.invalidDate");
  if (!isIsoDate(draft.endDate)) add("endDate", "planner.invalidDate");
  if (isIsoDate(draft.startDate) && isIsoDate(draft.endDate)) {
    if (draft.endDate < draft.startDate) add("endDate", "planner.datesInverted");
    if (draft.startDate < campaign.startDate || draft.startDate > campaign.endDate) add("startDate", "planner.outsideCampaign");
    if (draft.endDate > campaign.endDate || draft.endDate < campaign.startDate) add("endDate", "planner.outsideCampaign");
  }
  if (draft.budgetFen < 0) add("budgetFen", "planner.negativeMoney");
  if (draft.unitCostFen !== null && draft.unitCostFen <= 0) add("unitCostFen", "planner.negativeMoney");
  if (draft.flightingMode === "custom" && !errors.startDate && !errors.endDate && !errors.budgetFen) {
    const result = allocateFlighting({
      budgetFen: draft.budgetFen,
      start: draft.startDate,
      end: draft.endDate,
      mode: "custom",
      customFen: draft.customFlightingFen ?? {},
    });
    if (!result.ok) add("customFlightingFen", result.error.code === "custom-sum-mismatch" ? "planner.flightingSumMismatch" : "planner.flightingInvalid");
  }
  return errors;
}

export function hasErrors(errors: LineFieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
