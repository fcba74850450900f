// The line items as CSV (issue 7, "Export"): UTF-8 with a BOM so Excel reads Chinese correctly, a
// header row of stable column keys, ids for enumerated values, amounts in CNY with two decimals,
// and every text cell that a spreadsheet would run as a formula neutralised (csv-safety.ts, which
// writes the records with papaparse). Commas and CRLF in every language: the header tells import.
import type { Locale } from "../../domain/catalog";
import { toCsvRecords, UTF8_BOM, type CsvValue } from "../../domain/csv-safety";
import { convertFen, fenToYuanString } from "../../domain/money";
import type { PlanSnapshot } from "../../domain/plan";
import { derivePlan, type DerivedLine, type PlanCatalog } from "../../domain/plan-derive";
import { LINE_COLUMNS, type LineColumnKey } from "../../domain/spreadsheet-columns";

/** Amounts as decimal text ("1234.50"): exact, and never mistaken for a formula. */
function yuanText(fen: number | null): string | null {
  return fen === null ? null : fenToYuanString(fen);
}

function customFlightingText(derived: DerivedLine): string | null {
  const { line } = derived;
  if (line.flightingMode !== "custom" || !line.customFlightingFen) return null;
  return Object.entries(line.customFlightingFen)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([week, fen]) => `${week}: ${fenToYuanString(fen)}`)
    .join("; ");
}

function csvValues(derived: DerivedLine, fxRate: number): Record<LineColumnKey, CsvValue> {
  const { line, estimate, kpi } = derived;
  return {
    position: line.position + 1,
    name: line.name,
    ecosystem: derived.placement?.ecosystemId ?? line.ecosystemId,
    placement: line.placementId,
    destination: line.destinationId,
    buying_model: line.buyingModel,
    unit_cost_cny: yuanText(line.unitCostFen),
    budget_cny: yuanText(line.budgetFen),
    budget_reporting: fenToYuanString(convertFen(line.budgetFen, fxRate)),
    start_date: line.startDate,
    end_date: line.endDate,
    days: derived.days,
    kpi: line.kpiId,
    kpi_target: line.kpiTarget === null ? null : kpi?.unit === "fen" ? fenToYuanString(line.kpiTarget) : line.kpiTarget,
    flighting_mode: line.flightingMode,
    custom_flighting: customFlightingText(derived),
    audience_notes: line.audienceNotes,
    format_notes: line.formatNotes,
    measurement_owner: line.measurement.owner,
    measurement_method: line.measurement.methodId,
    lag_days: line.measurement.lagDays,
    contract_access: line.measurement.contractAccess,
    binding_rate: line.measurement.bindingRate,
    data_level: derived.effectiveLevel,
    data_level_explanation: derived.levelExplanation,
    est_impressions: estimate?.impressions ?? null,
    est_clicks: estimate?.clicks ?? null,
    est_views: estimate?.views ?? null,
    est_conversions: estimate?.conversions ?? null,
    est_engagements: estimate?.engagements ?? null,
    line_id: line.id,
    version: line.version,
    budget_fen: null,
    unit_cost_fen: null,
  };
}

/** The plan's line items as CSV text (starting with the UTF-8 BOM); encode as UTF-8 to send. */
export function exportPlanCsv(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale): string {
  const plan = derivePlan(snapshot, catalog, locale);
  const hasReporting = snapshot.campaign.reportingCurrency !== "CNY";
  const columns = LINE_COLUMNS.filter((c) => c.inCsv && (c.key !== "budget_reporting" || hasReporting));
  const rows = plan.lines.map((derived) => {
    const values = csvValues(derived, snapshot.campaign.fxRate);
    return columns.map((c) => values[c.key]);
  });
  return UTF8_BOM + toCsvRecords([columns.map((c) => c.key), ...rows]);
}
