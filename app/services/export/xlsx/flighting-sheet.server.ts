// The Flighting sheet: every line's budget per ISO week over the campaign's weeks, with per-line
// and per-week totals as formulas. Custom lines show what was typed (so it comes back exactly).
import { isIsoDate, isoWeekStart, weeksInRange } from "../../../domain/dates";
import type { DerivedLine, DerivedPlan } from "../../../domain/plan-derive";
import { columnLetters } from "../../../domain/spreadsheet-cells";
import { LINE_ID_HEADER, SHEET_MARKERS } from "../../../domain/spreadsheet-columns";
import { FLIGHTING_TEXT, SUMMARY_TEXT } from "../../../domain/spreadsheet-text";
import { FIRST_DATA_ROW, HEADER_ROW, label, type Context } from "./context.server";
import { addSheet, formula, pace, writeHeaderRow, writeKeyRow, writeRow, yuan, type CellInput, type StreamSheet, type Workbook } from "./rows.server";

/** Columns before the weeks: line name, placement, mode, budget. */
const FIRST_WEEK_COLUMN = 5;

/** Where the week columns are: the weeks in order, and the total, check and id columns after them. */
type WeekColumns = { weeks: string[]; index: Map<string, number>; total: number; check: number; id: number };

export async function writeFlighting(workbook: Workbook, context: Context): Promise<void> {
  const { plan, styles, names, t } = context;
  const columns = weekColumns(plan);
  const lastRow = FIRST_DATA_ROW + plan.lines.length - 1;
  const sheet = addSheet(workbook, names.flighting, {
    views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }],
    autoFilter: `A${HEADER_ROW}:${columnLetters(columns.id)}${Math.max(lastRow, HEADER_ROW)}`,
  });
  sheet.columns = [32, 28, 13, 16, ...columns.weeks.map(() => 13), 16, 13, 38].map((width) => ({ width }));
  writeKeyRow(sheet, ["flight.line_name", "flight.placement", "flight.mode", "flight.budget", ...columns.weeks, "flight.total", "flight.check", SHEET_MARKERS.flighting], styles.key);
  const weekHeaders = columns.weeks.map((week) => `${week}\n${isoWeekStart(week)}`);
  const headers = [t(FLIGHTING_TEXT.lineName), t(FLIGHTING_TEXT.placement), t(FLIGHTING_TEXT.mode), t(FLIGHTING_TEXT.budget), ...weekHeaders, t(FLIGHTING_TEXT.total), t(FLIGHTING_TEXT.check), t(LINE_ID_HEADER)];
  writeHeaderRow(sheet, headers, styles.header, 32);
  for (const [i, derived] of plan.lines.entries()) {
    await pace(i);
    writeRow(sheet, lineRow(derived, FIRST_DATA_ROW + i, columns, context));
  }
  writeTotalsRow(sheet, columns, context, Math.max(lastRow, FIRST_DATA_ROW));
  sheet.commit();
}

/** Every week of the campaign and of any line (a custom line may name weeks outside the campaign). */
function flightingWeeks(plan: DerivedPlan): string[] {
  const weeks = new Set<string>();
  const { campaign } = plan.snapshot;
  if (isIsoDate(campaign.startDate) && isIsoDate(campaign.endDate) && campaign.startDate <= campaign.endDate) {
    for (const slice of weeksInRange(campaign.startDate, campaign.endDate)) weeks.add(slice.week);
  }
  for (const derived of plan.lines) {
    if (derived.flighting.ok) for (const week of derived.flighting.weeks) weeks.add(week.week);
    for (const [week] of weekAmounts(derived)) weeks.add(week);
  }
  return [...weeks].sort();
}

function weekColumns(plan: DerivedPlan): WeekColumns {
  const weeks = flightingWeeks(plan);
  const total = FIRST_WEEK_COLUMN + weeks.length;
  return { weeks, index: new Map(weeks.map((week, i) => [week, FIRST_WEEK_COLUMN + i])), total, check: total + 1, id: total + 2 };
}

/** A line's amounts per week: what was typed on a custom line, the computed split on the others. */
function weekAmounts(derived: DerivedLine): (readonly [string, number])[] {
  const { line, flighting } = derived;
  if (line.flightingMode === "custom") return Object.entries(line.customFlightingFen ?? {});
  return flighting.ok ? flighting.weeks.map((week) => [week.week, week.amountFen] as const) : [];
}

/** The sum of a line's week columns. */
function weeksSum(columns: WeekColumns, row: number): string {
  if (columns.weeks.length === 0) return "0";
  return `SUM(${columnLetters(FIRST_WEEK_COLUMN)}${row}:${columnLetters(FIRST_WEEK_COLUMN + columns.weeks.length - 1)}${row})`;
}

function lineRow(derived: DerivedLine, row: number, columns: WeekColumns, context: Context): (CellInput | null)[] {
  const { styles } = context;
  const { line } = derived;
  const amounts: (CellInput | null)[] = columns.weeks.map(() => null);
  let totalFen = 0;
  for (const [week, fen] of weekAmounts(derived)) {
    const column = columns.index.get(week);
    if (column === undefined) continue;
    amounts[column - FIRST_WEEK_COLUMN] = { value: yuan(fen), style: styles.cny };
    totalFen += fen;
  }
  return [
    { value: line.name },
    { value: label(context, "placement", line.placementId) },
    { value: label(context, "flighting_mode", line.flightingMode) },
    { value: yuan(line.budgetFen), style: styles.cny },
    ...amounts,
    formula(weeksSum(columns, row), yuan(totalFen), styles.cny),
    formula(`${columnLetters(columns.total)}${row}-D${row}`, yuan(totalFen) - yuan(line.budgetFen), styles.cny),
    { value: line.id, style: styles.id },
  ];
}

/** Totals per week: formulas over the lines, with their results cached. */
function writeTotalsRow(sheet: StreamSheet, columns: WeekColumns, context: Context, lastRow: number): void {
  const { plan, styles, t } = context;
  const weekTotals = columns.weeks.map(() => 0);
  let budgetTotal = 0;
  for (const derived of plan.lines) {
    budgetTotal += derived.line.budgetFen;
    for (const [week, fen] of weekAmounts(derived)) {
      const column = columns.index.get(week);
      if (column !== undefined) weekTotals[column - FIRST_WEEK_COLUMN]! += fen;
    }
  }
  const sumOf = (column: number, resultFen: number): CellInput => {
    const letter = columnLetters(column);
    return formula(`SUM(${letter}${FIRST_DATA_ROW}:${letter}${lastRow})`, yuan(resultFen), styles.cnyTotal);
  };
  const allWeeksFen = weekTotals.reduce((sum, fen) => sum + fen, 0);
  const blank = { value: "", style: styles.totalLabel };
  writeRow(sheet, [
    { value: t(SUMMARY_TEXT.total), style: styles.totalLabel },
    blank,
    blank,
    sumOf(4, budgetTotal),
    ...weekTotals.map((fen, i) => sumOf(FIRST_WEEK_COLUMN + i, fen)),
    sumOf(columns.total, allWeeksFen),
    sumOf(columns.check, allWeeksFen - budgetTotal),
  ]);
}
