// The Line items sheet: one row per line in plan order, real numbers and dates, labels in the file's
// language with drop-downs over the lines and spare rows, and computed columns as formulas.
import type ExcelJS from "exceljs";
import type { DataLevel } from "../../../domain/data-level";
import type { EstimateFigure } from "../../../domain/estimates";
import { convertFen } from "../../../domain/money";
import type { DerivedLine } from "../../../domain/plan-derive";
import { lineColumnHeader, type LineColumn, type LineColumnKey } from "../../../domain/spreadsheet-columns";
import type { ListId } from "../../../domain/spreadsheet-lists";
import { LIST_ERROR } from "../../../domain/spreadsheet-text";
import { FIRST_DATA_ROW, HEADER_ROW, labelCells, lineLetter, type Context } from "./context.server";
import { addSheet, dateValue, formula, listName, pace, writeHeaderRow, writeKeyRow, writeRow, yuan, type CellInput, type StreamSheet, type Workbook } from "./rows.server";
import type { Styles } from "./styles.server";

/** Makes one column's cell of a line (null leaves the cell empty). */
type CellMaker = (derived: DerivedLine, row: number) => CellInput | null;

const noCell: CellMaker = () => null;

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
  const makers = cellMakers(context);
  const rowMakers = layout.columns.map((c) => makers[c.key] ?? noCell);
  for (const [i, derived] of plan.lines.entries()) {
    const row = FIRST_DATA_ROW + i;
    writeRow(sheet, rowMakers.map((make) => make(derived, row)));
    await pace(i);
  }
  for (const column of layout.columns) addColumnValidation(sheet, column, context);
  sheet.commit();
}

/**
 * How each column's cell is made from a line, by column key; columns not written to the workbook
 * have none. Built once per file, so letters, styles and the exchange rate are looked up once, and
 * each row is an array in column order (not an object of 31 keys merged per line, which cost more
 * than writing the row).
 */
function cellMakers(context: Context): Partial<Record<LineColumnKey, CellMaker>> {
  const { styles, layout, plan } = context;
  const letter = (key: LineColumnKey) => lineLetter(layout, key);
  const [budget, start, end] = [letter("budget_cny"), letter("start_date"), letter("end_date")];
  const { fxRate } = plan.snapshot.campaign;
  // Lines share a few dates: one cell each (a Date is only read when the row is written).
  const dates = new Map<string, CellInput>();
  const dateCell = (iso: string) => {
    let cell = dates.get(iso);
    if (!cell) dates.set(iso, (cell = { value: dateValue(iso), style: styles.date }));
    return cell;
  };
  const estimate =
    (field: EstimateFigure): CellMaker =>
    ({ estimate }) => {
      const value = estimate?.[field];
      return value == null ? null : { value, style: styles.count };
    };
  const labelOf = (list: ListId) => labelCells(context, list);
  const ecosystemCell = labelOf("ecosystem");
  const placementCell = labelOf("placement");
  const destinationCell = labelOf("destination");
  const buyingModelCell = labelOf("buying_model");
  const kpiCell = labelOf("kpi");
  const flightingModeCell = labelOf("flighting_mode");
  const ownerCell = labelOf("measurement_owner");
  const methodCell = labelOf("measurement_method");
  const contractAccessCell = labelOf("contract_access");
  const dataLevelCell = labelCells(context, "data_level", (level) => styles.level[level as DataLevel]);
  return {
    // "#" counts from 1, as a planner numbers rows.
    position: ({ line }) => ({ value: line.position + 1, style: styles.integer }),
    name: ({ line }) => ({ value: line.name }),
    ecosystem: ({ line, placement }) => ecosystemCell(placement?.ecosystemId ?? line.ecosystemId),
    placement: ({ line }) => placementCell(line.placementId),
    destination: ({ line }) => destinationCell(line.destinationId),
    buying_model: ({ line }) => buyingModelCell(line.buyingModel),
    unit_cost_cny: ({ line }) => (line.unitCostFen === null ? null : { value: yuan(line.unitCostFen), style: styles.cny }),
    budget_cny: ({ line }) => ({ value: yuan(line.budgetFen), style: styles.cny }),
    budget_reporting: layout.hasReporting ? ({ line }, row) => formula(`ROUND(${budget}${row}/fx_rate,2)`, convertFen(line.budgetFen, fxRate) / 100, styles.reporting) : noCell,
    start_date: ({ line }) => dateCell(line.startDate),
    end_date: ({ line }) => dateCell(line.endDate),
    days: (derived, row) => formula(`${end}${row}-${start}${row}+1`, derived.days, styles.integer),
    kpi: ({ line }) => (line.kpiId ? kpiCell(line.kpiId) : null),
    kpi_target: (derived) => kpiTargetCell(derived, styles),
    flighting_mode: ({ line }) => flightingModeCell(line.flightingMode),
    audience_notes: ({ line }) => (line.audienceNotes ? { value: line.audienceNotes } : null),
    format_notes: ({ line }) => (line.formatNotes ? { value: line.formatNotes } : null),
    measurement_owner: ({ line }) => (line.measurement.owner ? ownerCell(line.measurement.owner) : null),
    measurement_method: ({ line }) => (line.measurement.methodId ? methodCell(line.measurement.methodId) : null),
    lag_days: ({ line }) => (line.measurement.lagDays === null ? null : { value: line.measurement.lagDays, style: styles.integer }),
    contract_access: ({ line }) => contractAccessCell(line.measurement.contractAccess),
    binding_rate: ({ line }) => (line.measurement.bindingRate === null ? null : { value: line.measurement.bindingRate, style: styles.percent }),
    data_level: ({ effectiveLevel }) => dataLevelCell(effectiveLevel),
    data_level_explanation: ({ levelExplanation }) => ({ value: levelExplanation }),
    est_impressions: estimate("impressions"),
    est_clicks: estimate("clicks"),
    est_views: estimate("views"),
    est_conversions: estimate("conversions"),
    est_engagements: estimate("engagements"),
    line_id: ({ line }) => ({ value: line.id, style: styles.id }),
    version: ({ line }) => ({ value: line.version, style: styles.id }),
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
