// The Measurement plan sheet: per line, what its KPI needs and what the line gives, whether it is
// measurable as planned, how, by whom, and the alternatives when it is not.
import type { MeasurementRow } from "../../../domain/measurement";
import type { PlanLine } from "../../../domain/plan";
import { columnLetters } from "../../../domain/spreadsheet-cells";
import { MEASUREMENT_COLUMNS } from "../../../domain/spreadsheet-columns";
import { YES_NO } from "../../../domain/spreadsheet-text";
import { HEADER_ROW, label, type Context } from "./context.server";
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
  for (const [i, row] of plan.measurementRows.entries()) {
    await pace(i);
    const values = measurementCells(row, lines.get(row.lineId), context);
    writeRow(sheet, MEASUREMENT_COLUMNS.map((c) => values[c.key]));
  }
  sheet.commit();
}

function measurementCells(row: MeasurementRow, line: PlanLine | undefined, context: Context): Record<MeasurementKey, CellInput | null> {
  const { locale, styles } = context;
  const isEnglish = locale === "en";
  const yesNo = (value: boolean) => ({ value: YES_NO[value ? "yes" : "no"][locale] });
  const methodId = line?.measurement.methodId ?? row.methodId;
  const owner = line?.measurement.owner ?? row.owner;
  const lag = line?.measurement.lagDays ?? row.lagDays;
  const alternatives = row.alternatives.map((alt) => `• ${isEnglish ? alt.explanationEn : alt.explanationZh}`).join("\n");
  return {
    "measure.line_name": { value: line?.name ?? "" },
    "measure.placement": { value: label(context, "placement", row.placementId) },
    "measure.destination": { value: label(context, "destination", row.destinationId) },
    "measure.kpi": { value: label(context, "kpi", row.kpiId) },
    "measure.budget": { value: yuan(row.budgetFen), style: styles.cny },
    "measure.required_level": { value: label(context, "data_level", row.requiredLevel), style: styles.level[row.requiredLevel] },
    "measure.effective_level": { value: label(context, "data_level", row.effectiveLevel), style: styles.level[row.effectiveLevel] },
    "measure.measurable": yesNo(row.isMeasurable),
    "measure.method": methodId ? { value: label(context, "measurement_method", methodId) } : null,
    "measure.data_source": { value: (isEnglish ? row.dataSourceEn : row.dataSourceZh) ?? "" },
    "measure.owner": owner ? { value: label(context, "measurement_owner", owner) } : null,
    "measure.lag_days": lag === null ? null : { value: lag, style: styles.integer },
    "measure.contract_clause": yesNo(row.needsDataAccessClause),
    "measure.explanation": { value: isEnglish ? row.explanationEn : row.explanationZh },
    "measure.alternatives": alternatives ? { value: alternatives, style: styles.wrap } : null,
    "measure.line_id": { value: row.lineId, style: styles.id },
  };
}
