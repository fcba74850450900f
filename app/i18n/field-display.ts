import type { Locale } from "./config";
import { formatMoney } from "./format";

/** Plan fields as a planner reads them (i18n keys), for change lists (import preview, version diff). */
export const FIELD_LABELS: Record<string, string> = {
  budgetFen: "planner.lineBudget",
  unitCostFen: "planner.unitCost",
  placementId: "planner.placement",
  destinationId: "planner.destination",
  buyingModel: "planner.buyingModel",
  startDate: "planner.startDate",
  endDate: "planner.endDate",
  kpiId: "planner.kpi",
  kpiTarget: "planner.kpiTarget",
  name: "planner.lineName",
  flightingMode: "planner.flighting",
  audienceNotes: "planner.audienceNotes",
  formatNotes: "planner.formatNotes",
  objective: "planner.objective",
  reportingCurrency: "planner.reportingCurrency",
  fxRate: "planner.fxRate",
  notes: "planner.notes",
};

/** A changed value as text: money fields (…Fen) as money, objects as JSON, empty as a dash. */
export function showFieldValue(field: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field.endsWith("Fen") && typeof value === "number") return formatMoney(value, locale);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
