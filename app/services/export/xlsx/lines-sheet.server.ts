// The Line items sheet: one row per line in plan order, real numbers and dates, labels in the file's
// language with drop-downs over the lines and spare rows, and computed columns as formulas.
import type ExcelJS from "exceljs";
import { convertFen } from "../../../domain/money";
import type { DerivedLine } from "../../../domain/plan-derive";
import { lineColumnHeader, type LineColumn, type LineColumnKey } from "../../../domain/spreadsheet-columns";
import { LIST_ERROR } from "../../../domain/spreadsheet-text";
import { FIRST_DATA_ROW, HEADER_ROW, label, lineLetter, type Context } from "./context.server";
import { addSheet, dateValue, formula, listName, pace, writeHeaderRow, writeKeyRow, writeRow, yuan, type CellInput, type StreamSheet, type Workbook } from "./rows.server";
import type { Styles } from "./styles.server";

type LineCells = Partial<Record<LineColumnKey, CellInput | null>>;

export async function writeLines(workbook: Workbook, context: Context): Promise<void> {
  const { plan, locale, styles, layout, names } = context;
  const sheet = addSheet(workbook, names.lines, {
    views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }],
    autoFilter: `A${HEADER_ROW}:${lineLetter(layout, layout.columns.at(-1)!.key)}${Math.max(layout.lastRow, HEADER_ROW)}`,
  });
  sheet.columns = layout.columns.map((c) => ({ key: c.key, width: c.width }));
  const currency = plan.snapshot.campaign.reportingCurrency;
  writeKeyRow(sheet, layout.columns.map((c) => c.key), styles.key);
  writeHeaderRow(sheet, layout.columns.map((c) => lineColumnHeader(c.key, locale, currency)), styles.header, 32);
  for (const [i, derived] of plan.lines.entries()) {
    const cells = lineCells(derived, FIRST_DATA_ROW + i, context);
    writeRow(sheet, layout.columns.map((c) => cells[c.key] ?? null));
    await pace(i);
  }
  for (const column of layout.columns) addColumnValidation(sheet, column, context);
  sheet.commit();
}

/** The cells of one line by column key; columns not written to the workbook are left out. */
function lineCells(derived: DerivedLine, row: number, context: Context): LineCells {
  return { ...identityCells(derived, context), ...moneyAndDateCells(derived, row, context), ...measurementCells(derived, context), ...estimateCells(derived, context.styles) };
}

/** "#" (counting from 1, as a planner numbers rows), the route and the names. */
function identityCells({ line, placement }: DerivedLine, context: Context): LineCells {
  const { styles } = context;
  const ecosystemId = placement?.ecosystemId ?? line.ecosystemId;
  return {
    position: { value: line.position + 1, style: styles.integer },
    name: { value: line.name },
    ecosystem: { value: label(context, "ecosystem", ecosystemId) },
    placement: { value: label(context, "placement", line.placementId) },
    destination: { value: label(context, "destination", line.destinationId) },
    buying_model: { value: label(context, "buying_model", line.buyingModel) },
    audience_notes: line.audienceNotes ? { value: line.audienceNotes } : null,
    format_notes: line.formatNotes ? { value: line.formatNotes } : null,
    line_id: { value: line.id, style: styles.id },
    version: { value: line.version, style: styles.id },
  };
}

function moneyAndDateCells(derived: DerivedLine, row: number, context: Context): LineCells {
  const { styles, layout, plan } = context;
  const { line } = derived;
  const at = (key: LineColumnKey) => `${lineLetter(layout, key)}${row}`;
  return {
    unit_cost_cny: line.unitCostFen === null ? null : { value: yuan(line.unitCostFen), style: styles.cny },
    budget_cny: { value: yuan(line.budgetFen), style: styles.cny },
    budget_reporting: layout.hasReporting ? formula(`ROUND(${at("budget_cny")}/fx_rate,2)`, convertFen(line.budgetFen, plan.snapshot.campaign.fxRate) / 100, styles.reporting) : null,
    start_date: { value: dateValue(line.startDate), style: styles.date },
    end_date: { value: dateValue(line.endDate), style: styles.date },
    days: formula(`${at("end_date")}-${at("start_date")}+1`, derived.days, styles.integer),
    kpi: line.kpiId ? { value: label(context, "kpi", line.kpiId) } : null,
    kpi_target: kpiTargetCell(derived, styles),
    flighting_mode: { value: label(context, "flighting_mode", line.flightingMode) },
  };
}

function kpiTargetCell(derived: DerivedLine, styles: Styles): CellInput | null {
  const { line, kpi } = derived;
  if (line.kpiTarget === null) return null;
  switch (kpi?.unit) {
    case "fen":
      return { value: yuan(line.kpiTarget), style: styles.cny };
    case "ratio":
      return { value: line.kpiTarget, style: styles.ratio };
    case "count":
      return { value: line.kpiTarget, style: styles.count };
    case "multiple":
      return { value: line.kpiTarget, style: styles.multiple };
    default:
      return { value: line.kpiTarget, style: styles.decimal };
  }
}

function measurementCells(derived: DerivedLine, context: Context): LineCells {
  const { styles } = context;
  const { owner, methodId, lagDays, contractAccess, bindingRate } = derived.line.measurement;
  return {
    measurement_owner: owner ? { value: label(context, "measurement_owner", owner) } : null,
    measurement_method: methodId ? { value: label(context, "measurement_method", methodId) } : null,
    lag_days: lagDays === null ? null : { value: lagDays, style: styles.integer },
    contract_access: { value: label(context, "contract_access", contractAccess) },
    binding_rate: bindingRate === null ? null : { value: bindingRate, style: styles.percent },
    data_level: { value: label(context, "data_level", derived.effectiveLevel), style: styles.level[derived.effectiveLevel] },
    data_level_explanation: { value: derived.levelExplanation },
  };
}

const ESTIMATE_COLUMNS = [
  ["est_impressions", "impressions"],
  ["est_clicks", "clicks"],
  ["est_views", "views"],
  ["est_conversions", "conversions"],
  ["est_engagements", "engagements"],
] as const;

function estimateCells({ estimate }: DerivedLine, styles: Styles): LineCells {
  const cells: LineCells = {};
  for (const [key, field] of ESTIMATE_COLUMNS) {
    const value = estimate?.[field];
    cells[key] = value == null ? null : { value, style: styles.count };
  }
  return cells;
}

/** Drop-downs on the enumerated columns and number checks on the typed ones, over the lines and spare rows for new ones. */
function addColumnValidation(sheet: StreamSheet, column: LineColumn, context: Context): void {
  const { layout, locale } = context;
  const letter = lineLetter(layout, column.key);
  const range = `${letter}${FIRST_DATA_ROW}:${letter}${layout.validationRow}`;
  const validation = columnValidation(column);
  if (!validation) return;
  if (column.list) {
    sheet.dataValidations.add(range, { ...validation, errorStyle: "stop", errorTitle: column.header[locale], error: LIST_ERROR[locale] });
  } else sheet.dataValidations.add(range, validation);
}

function columnValidation(column: LineColumn): ExcelJS.DataValidation | null {
  if (column.list) return { type: "list", allowBlank: true, formulae: [listName(column.list)], showErrorMessage: true };
  if (column.kind === "money") return { type: "decimal", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0], showErrorMessage: true };
  if (column.key === "binding_rate") return { type: "decimal", operator: "between", allowBlank: true, formulae: [0, 1], showErrorMessage: true };
  if (column.key === "lag_days") return { type: "whole", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0], showErrorMessage: true };
  return null;
}
