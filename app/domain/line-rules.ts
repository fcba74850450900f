// What makes a line item valid before it is saved (issue 5 "Bad input"): each failure is a field
// error (an i18n key, with its values when it names some: app/i18n/message.ts), never a 500.
import { canReach } from "./openness";
import { getDestination, getKpi, type Placement } from "./catalog";
import type { BuyingModel } from "./buying-models";
import { allocateFlighting, type FlightingMode } from "./flighting";
import { isIsoDate } from "./dates";
import type { LineInput } from "./plan";
import { encodeMessage } from "../i18n/message";

/** What the rules look at: a line input without its free text. */
export type LineDraft = Omit<LineInput, "name" | "kpiTarget" | "audienceNotes" | "formatNotes">;

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
    // Issue 12: the message names the campaign's dates (shown in the reader's date format).
    const outside = encodeMessage("planner.outsideCampaign", { start: campaign.startDate, end: campaign.endDate });
    if (draft.startDate < campaign.startDate || draft.startDate > campaign.endDate) add("startDate", outside);
    if (draft.endDate > campaign.endDate || draft.endDate < campaign.startDate) add("endDate", outside);
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

/**
 * Things worth a second look before a line is added, but not errors (issue 12: five lines in a row
 * got the same name, and a ¥1.50 CPM on Qianchuan estimated 166,666,666 impressions): a typed name
 * another line already has, and a typed unit cost far from the placement's benchmark (below a
 * fifth or above five times it). The person sees them and adds anyway, or corrects the line.
 */
export type LineCheck =
  | { code: "duplicate-name"; field: "name"; params: { name: string } }
  | { code: "unit-cost-far-below-benchmark" | "unit-cost-far-above-benchmark"; field: "unitCost"; params: { unitCostFen: number; benchmarkFen: number } };

/** How far from the benchmark a typed unit cost may be before it is questioned. */
export const UNIT_COST_BENCHMARK_FACTOR = 5;

const sameLineName = (a: string, b: string) => a.normalize("NFKC").trim().toLowerCase() === b.normalize("NFKC").trim().toLowerCase();

export function newLineChecks(draft: { name: string; unitCostFen: number | null }, context: { existingNames: readonly string[]; benchmarkUnitCostFen: number | undefined }): LineCheck[] {
  const checks: LineCheck[] = [];
  const name = draft.name.trim();
  if (name !== "" && context.existingNames.some((existing) => sameLineName(existing, name))) checks.push({ code: "duplicate-name", field: "name", params: { name } });
  const benchmark = context.benchmarkUnitCostFen;
  if (draft.unitCostFen !== null && benchmark !== undefined && benchmark > 0) {
    const params = { unitCostFen: draft.unitCostFen, benchmarkFen: benchmark };
    if (draft.unitCostFen * UNIT_COST_BENCHMARK_FACTOR < benchmark) checks.push({ code: "unit-cost-far-below-benchmark", field: "unitCost", params });
    else if (draft.unitCostFen > benchmark * UNIT_COST_BENCHMARK_FACTOR) checks.push({ code: "unit-cost-far-above-benchmark", field: "unitCost", params });
  }
  return checks;
}

/** A stable text for a set of checks: "add anyway" holds for exactly what the person was shown. */
export function lineChecksKey(checks: readonly LineCheck[]): string {
  return checks.map((check) => `${check.code}:${JSON.stringify(check.params)}`).join("|");
}
