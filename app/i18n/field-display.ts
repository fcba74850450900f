// Plan fields as a planner reads them, for change lists (import preview, version diff): the header
// the field has in the workbook, and its value as the page shows it (a placement's name, money,
// dates, a percentage), never a stored identifier such as `budgetFen`, `clientName` or `tmall-store`.
import { getKpi } from "~/domain/catalog";
import { CAMPAIGN_FACT_LABELS, LINE_COLUMN_KEYS, lineColumnHeader, type CampaignFactKey, type LineColumnKey } from "~/domain/spreadsheet-columns";
import { labelOf, type EnumCatalog, type ListId } from "~/domain/spreadsheet-lists";
import type { Locale } from "./config";
import { formatDate, formatMoney, formatNumber, formatPercent } from "./format";

/** Which workbook column a line field is written to. */
const LINE_FIELD_COLUMNS: Record<string, LineColumnKey> = {
  position: "position",
  name: "name",
  ecosystemId: "ecosystem",
  placementId: "placement",
  destinationId: "destination",
  buyingModel: "buying_model",
  unitCostFen: "unit_cost_cny",
  budgetFen: "budget_cny",
  startDate: "start_date",
  endDate: "end_date",
  kpiId: "kpi",
  kpiTarget: "kpi_target",
  flightingMode: "flighting_mode",
  customFlightingFen: "custom_flighting",
  audienceNotes: "audience_notes",
  formatNotes: "format_notes",
  "measurement.owner": "measurement_owner",
  "measurement.methodId": "measurement_method",
  "measurement.lagDays": "lag_days",
  "measurement.contractAccess": "contract_access",
  "measurement.bindingRate": "binding_rate",
};

/** Which summary-sheet fact a campaign field is. */
const CAMPAIGN_FIELD_FACTS: Record<string, CampaignFactKey> = {
  name: "campaign.name",
  clientName: "campaign.clientName",
  objective: "campaign.objective",
  status: "campaign.status",
  startDate: "campaign.startDate",
  endDate: "campaign.endDate",
  budgetFen: "campaign.budget_cny",
  reportingCurrency: "campaign.reportingCurrency",
  fxRate: "campaign.fxRate",
  notes: "campaign.notes",
};

/** Fields whose value is an option of a list. */
const FIELD_LISTS: Record<string, ListId> = {
  ecosystemId: "ecosystem",
  placementId: "placement",
  destinationId: "destination",
  buyingModel: "buying_model",
  kpiId: "kpi",
  flightingMode: "flighting_mode",
  objective: "objective",
  status: "status",
  "measurement.owner": "measurement_owner",
  "measurement.methodId": "measurement_method",
  "measurement.contractAccess": "contract_access",
};

export type FieldOf = "line" | "campaign";

/** The field's name as the workbook heads it ("Budget (CNY)", "Landing destination", "Campaign"). */
export function fieldLabel(field: string, locale: Locale, of: FieldOf = "line"): string {
  if (of === "campaign") {
    const fact = CAMPAIGN_FIELD_FACTS[field];
    return fact ? CAMPAIGN_FACT_LABELS[fact][locale] : field;
  }
  const column = LINE_FIELD_COLUMNS[field];
  return column ? lineColumnHeader(column, locale) : field;
}

/** Whatever a problem or a change names as its column: a line column key, a campaign fact or a field. */
export function columnLabel(column: string | null, locale: Locale): string {
  if (column === null || column === "") return "";
  if (column in CAMPAIGN_FACT_LABELS) return CAMPAIGN_FACT_LABELS[column as CampaignFactKey][locale];
  if ((LINE_COLUMN_KEYS as readonly string[]).includes(column)) return lineColumnHeader(column as LineColumnKey, locale);
  const fieldColumn = LINE_FIELD_COLUMNS[column];
  return fieldColumn ? lineColumnHeader(fieldColumn, locale) : column;
}

export type ValueContext = { catalog: EnumCatalog; locale: Locale; /** The line's KPI, for its target's unit. */ kpiId?: string | null };

/** A changed value as text, the way the plan page shows it; empty as a dash. */
export function showFieldValue(field: string, value: unknown, context: ValueContext): string {
  const { locale, catalog } = context;
  if (value === null || value === undefined || value === "") return "—";
  const list = FIELD_LISTS[field];
  if (list && typeof value === "string") return labelOf(list, value, catalog, locale);
  if (field === "customFlightingFen" && typeof value === "object") {
    return Object.entries(value as Record<string, number>)
      .map(([week, fen]) => `${week}: ${formatMoney(fen, locale)}`)
      .join("; ");
  }
  if (field.endsWith("Fen") && typeof value === "number") return formatMoney(value, locale);
  if ((field === "startDate" || field === "endDate") && typeof value === "string") return formatDate(value, locale);
  if (field === "measurement.bindingRate" && typeof value === "number") return formatPercent(value, locale, 1);
  if (field === "kpiTarget" && typeof value === "number") {
    const unit = context.kpiId ? getKpi(context.kpiId)?.unit : undefined;
    if (unit === "fen") return formatMoney(value, locale);
    if (unit === "ratio") return formatPercent(value, locale, 1);
    return formatNumber(value, locale);
  }
  if (field === "position" && typeof value === "number") return formatNumber(value + 1, locale);
  if (typeof value === "number") return formatNumber(value, locale, { maximumFractionDigits: 4 });
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export type ShownChange = { field: string; label: string; from: string; to: string };

/** One change of a list, in words. */
export function showChange(change: { field: string; from: unknown; to: unknown }, context: ValueContext & { of?: FieldOf }): ShownChange {
  return {
    field: change.field,
    label: fieldLabel(change.field, context.locale, context.of ?? "line"),
    from: showFieldValue(change.field, change.from, context),
    to: showFieldValue(change.field, change.to, context),
  };
}
