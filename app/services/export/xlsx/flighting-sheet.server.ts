// The Flighting sheet: every line's budget per ISO week over the campaign's weeks, with per-line
// and per-week totals as formulas. Custom lines show what was typed (so it comes back exactly).
import { isIsoDate, isoWeekStart, weeksInRange } from "../../../domain/dates";
import type { DerivedLine, DerivedPlan } from "../../../domain/plan-derive";
import { columnLetters } from "../../../domain/spreadsheet-cells";
import { LINE_ID_HEADER, SHEET_MARKERS } from "../../../domain/spreadsheet-columns";
import { FLIGHTING_TEXT, SUMMARY_TEXT } from "../../../domain/spreadsheet-text";
import { FIRST_DATA_ROW, HEADER_ROW, labelCells, type Context } from "./context.server";
import { addSheet, formula, pace, writeHeaderRow, writeKeyRow, writeRow, yuan, type CellInput, type StreamSheet, type Workbook } from "./rows.server";

/** Columns before the weeks: line name, placement, mode, budget. */
const FIRST_WEEK_COLUMN = 5;

/**
 * Where the week columns are: the weeks in order, and the total, check and id columns after them,
 * with the letters each line's formulas use (worked out once, not per row).
 */
type WeekColumns = { weeks: string[]; index: Map<string, number>; total: number; check: number; id: number; letters: { first: string; last: string; total: string } };

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
  const totals: Totals = { budgetFen: 0, weekFen: new Array<number>(columns.weeks.length).fill(0) };
  const lineRow = lineRows(columns, context, totals);
  for (const [i, derived] of plan.lines.entries()) {
    await pace(i);
    writeRow(sheet, lineRow(derived, FIRST_DATA_ROW + i));
  }
  writeTotalsRow(sheet, columns, context, Math.max(lastRow, FIRST_DATA_ROW), totals);
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
    // The other lines' amounts are the computed split, whose weeks are already in.
    if (derived.line.flightingMode === "custom") for (const week of Object.keys(derived.line.customFlightingFen ?? {})) weeks.add(week);
  }
  return [...weeks].sort();
}

function weekColumns(plan: DerivedPlan): WeekColumns {
  const weeks = flightingWeeks(plan);
  const total = FIRST_WEEK_COLUMN + weeks.length;
  const letters = { first: columnLetters(FIRST_WEEK_COLUMN), last: columnLetters(total - 1), total: columnLetters(total) };
  return { weeks, index: new Map(weeks.map((week, i) => [week, FIRST_WEEK_COLUMN + i])), total, check: total + 1, id: total + 2, letters };
}

/** Visits a line's amounts per week: what was typed on a custom line, the computed split on the others. */
function forEachWeekAmount(derived: DerivedLine, visit: (week: string, fen: number) => void): void {
  const { line, flighting } = derived;
  if (line.flightingMode === "custom") {
    for (const [week, fen] of Object.entries(line.customFlightingFen ?? {})) visit(week, fen);
  } else if (flighting.ok) {
    for (const week of flighting.weeks) visit(week.week, week.amountFen);
  }
}

/** The sum of a line's week columns. */
function weeksSum(columns: WeekColumns, row: number): string {
  if (columns.weeks.length === 0) return "0";
  return `SUM(${columns.letters.first}${row}:${columns.letters.last}${row})`;
}

/** The budget and the amount per week column of the lines written so far, for the totals row. */
type Totals = { budgetFen: number; weekFen: number[] };

/** Makes each line's row, filled in place (no per-row spreads), and adds its amounts to the totals. */
function lineRows(columns: WeekColumns, context: Context, totals: Totals): (derived: DerivedLine, row: number) => (CellInput | null)[] {
  const { styles } = context;
  const placementCell = labelCells(context, "placement");
  const modeCell = labelCells(context, "flighting_mode");
  const weekCount = columns.weeks.length;
  return (derived, row) => {
    const { line } = derived;
    const cells = new Array<CellInput | null>(FIRST_WEEK_COLUMN + weekCount + 2).fill(null);
    cells[0] = { value: line.name };
    cells[1] = placementCell(line.placementId);
    cells[2] = modeCell(line.flightingMode);
    cells[3] = { value: yuan(line.budgetFen), style: styles.cny };
    let totalFen = 0;
    forEachWeekAmount(derived, (week, fen) => {
      const column = columns.index.get(week);
      if (column === undefined) return;
      cells[column - 1] = { value: yuan(fen), style: styles.cny };
      totals.weekFen[column - FIRST_WEEK_COLUMN]! += fen;
      totalFen += fen;
    });
    totals.budgetFen += line.budgetFen;
    cells[columns.total - 1] = formula(weeksSum(columns, row), yuan(totalFen), styles.cny);
    cells[columns.check - 1] = formula(`${columns.letters.total}${row}-D${row}`, yuan(totalFen) - yuan(line.budgetFen), styles.cny);
    cells[columns.id - 1] = { value: line.id, style: styles.id };
    return cells;
  };
}

/** Totals per week: formulas over the lines, with their results cached. */
function writeTotalsRow(sheet: StreamSheet, columns: WeekColumns, context: Context, lastRow: number, totals: Totals): void {
  const { styles, t } = context;
  const { budgetFen: budgetTotal, weekFen: weekTotals } = totals;
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
