// The Measurement plan sheet: per line, what its KPI needs and what the line gives, whether it is
// measurable as planned, how, by whom, and the alternatives when it is not.
import type { DataLevel } from "../../../domain/data-level";
import type { MeasurementRow } from "../../../domain/measurement";
import type { PlanLine } from "../../../domain/plan";
import { columnLetters } from "../../../domain/spreadsheet-cells";
import { MEASUREMENT_COLUMNS } from "../../../domain/spreadsheet-columns";
import { YES_NO } from "../../../domain/spreadsheet-text";
import { HEADER_ROW, labelCells, type Context } from "./context.server";
import { addSheet, pace, writeHeaderRow, writeKeyRow, writeRow, yuan, type CellInput, type Workbook } from "./rows.server";

type MeasurementKey = (typeof MEASUREMENT_COLUMNS)[number]["key"];

export async function writeMeasurement(workbook: Workbook, context: Context): Promise<void> {
  const { plan, locale, styles, names } = context;
  const sheet = addSheet(workbook, names.measurement, {
    views: [{ state: "frozen", xSplit: 1, ySplit: HEADER_ROW }],
    autoFilter: `A${HEADER_ROW}:${columnLetters(MEASUREMENT_COLUMNS.length)}${Math.max(HEADER_ROW + plan.measurementRows.length, HEADER_ROW)}`,
  });
  sheet.columns = MEASUREMENT_COLUMNS.map((c) => ({ width: c.width }));
  writeKeyRow(sheet, MEASUREMENT_COLUMNS.map((c) => c.key), styles.key);
  writeHeaderRow(sheet, MEASUREMENT_COLUMNS.map((c) => c.header[locale]), styles.header, 32);
  const lines = new Map(plan.lines.map((derived) => [derived.line.id, derived.line]));
  const cellsOf = measurementCells(context);
  for (const [i, row] of plan.measurementRows.entries()) {
    await pace(i);
    const values = cellsOf(row, lines.get(row.lineId));
    writeRow(sheet, MEASUREMENT_COLUMNS.map((c) => values[c.key]));
  }
  sheet.commit();
}

/** Makes a measurement row's cells; label and yes/no cells are shared objects, made once per value. */
function measurementCells(context: Context): (row: MeasurementRow, line: PlanLine | undefined) => Record<MeasurementKey, CellInput | null> {
  const { locale, styles } = context;
  const isEnglish = locale === "en";
  const yes: CellInput = { value: YES_NO.yes[locale] };
  const no: CellInput = { value: YES_NO.no[locale] };
  const placementCell = labelCells(context, "placement");
  const destinationCell = labelCells(context, "destination");
  const kpiCell = labelCells(context, "kpi");
  const levelCell = labelCells(context, "data_level", (level) => styles.level[level as DataLevel]);
  const methodCell = labelCells(context, "measurement_method");
  const ownerCell = labelCells(context, "measurement_owner");
  // Rows of one route and KPI share their alternatives (derivePlan builds each once): one text each.
  const texts = new WeakMap<MeasurementRow["alternatives"], string>();
  const alternativesText = (alternatives: MeasurementRow["alternatives"]) => {
    let text = texts.get(alternatives);
    if (text === undefined) texts.set(alternatives, (text = alternatives.map((alt) => `• ${isEnglish ? alt.explanationEn : alt.explanationZh}`).join("\n")));
    return text;
  };
  return (row, line) => {
    const methodId = line?.measurement.methodId ?? row.methodId;
    const owner = line?.measurement.owner ?? row.owner;
    const lag = line?.measurement.lagDays ?? row.lagDays;
    const alternatives = alternativesText(row.alternatives);
    return {
      "measure.line_name": { value: line?.name ?? "" },
      "measure.placement": placementCell(row.placementId),
      "measure.destination": destinationCell(row.destinationId),
      "measure.kpi": kpiCell(row.kpiId),
      "measure.budget": { value: yuan(row.budgetFen), style: styles.cny },
      "measure.required_level": levelCell(row.requiredLevel),
      "measure.effective_level": levelCell(row.effectiveLevel),
      "measure.measurable": row.isMeasurable ? yes : no,
      "measure.method": methodId ? methodCell(methodId) : null,
      "measure.data_source": { value: (isEnglish ? row.dataSourceEn : row.dataSourceZh) ?? "" },
      "measure.owner": owner ? ownerCell(owner) : null,
      "measure.lag_days": lag === null ? null : { value: lag, style: styles.integer },
      "measure.contract_clause": row.needsDataAccessClause ? yes : no,
      "measure.explanation": { value: isEnglish ? row.explanationEn : row.explanationZh },
      "measure.alternatives": alternatives ? { value: alternatives, style: styles.wrap } : null,
      "measure.line_id": { value: row.lineId, style: styles.id },
    };
  };
}
