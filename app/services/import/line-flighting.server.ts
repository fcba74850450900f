// A line's flighting: its mode, and for a custom line the amounts per ISO week, from a CSV text
// cell, the Flighting sheet or the ODS document. Amounts written for a computed mode are only checked.
import { allocateFlighting, type FlightingMode } from "../../domain/flighting";
import type { RawCell } from "../../domain/spreadsheet-cells";
import { readMoneyFen, readText } from "./cells.server";
import type { LineRead } from "./record-types.server";
import { present, readMoneyField, resolveEnum, yuan } from "./row-reads.server";

export type LineFlighting = { flightingMode: FlightingMode | undefined; customFlightingFen: Record<string, number> | null | undefined };
type Dated = { budgetFen: number | undefined; startDate: string | undefined; endDate: string | undefined };

/** "2026-W09: 1000.00; 2026-W10: 2000.00" (CSV) → cells per week. */
export function parseCustomFlightingText(text: string): Record<string, RawCell> | null {
  const weeks: Record<string, RawCell> = Object.create(null) as Record<string, RawCell>;
  for (const part of text.split(/[;；\n]/)) {
    if (part.trim() === "") continue;
    const match = /^\s*(\d{4}-W\d{2})\s*[:=：]\s*(.+?)\s*$/.exec(part);
    if (!match) return null;
    weeks[match[1]!] = { kind: "text", text: match[2]! };
  }
  return weeks;
}

/** The mode (even when not given) and the custom amounts: fen per ISO week for custom lines, null for the others, undefined after an error. */
export function readLineFlighting(read: LineRead, dated: Dated): LineFlighting {
  const modeCell = read.get("flighting_mode");
  const flightingMode = (modeCell ? resolveEnum(read.problems, read.resolvers, "flighting_mode", "flighting_mode", modeCell) : "even") as FlightingMode | undefined;
  const weeks = readWeeks(read);
  if (weeks === undefined) return { flightingMode, customFlightingFen: undefined };
  const customFlightingFen = flightingMode === "custom" ? checkCustomWeeks(read, weeks.fen, dated) : checkComputedWeeks(read, weeks.fen, flightingMode, dated);
  return { flightingMode, customFlightingFen };
}

type Weeks = { fen: Record<string, number> | undefined };

/** The amounts per week the record carries (none: fen undefined); undefined after an error. */
function readWeeks(read: LineRead): Weeks | undefined {
  const { record, problems } = read;
  if (record.flighting?.kind === "fen") return { fen: record.flighting.weeks };
  const cells = weekCells(read);
  if (cells === undefined) return undefined;
  if (!cells) return { fen: undefined };
  const column = weeksColumn(read);
  const fen: Record<string, number> = {};
  for (const [week, cell] of Object.entries(cells)) {
    const checked = present(problems, column, cell);
    if (!checked) continue;
    const amount = readMoneyField(problems, column, checked, "yuan", read.context.numberLocale);
    if (amount === undefined) return undefined;
    fen[week] = amount;
  }
  return { fen };
}

/** Where the amounts of a line were written: the Flighting sheet, or the CSV's text column. */
function weeksColumn({ record }: LineRead): string {
  return record.flighting?.kind === "cells" ? "flighting" : "custom_flighting";
}

/** Cells per week from the Flighting sheet or the CSV text (null: none); undefined when the text cannot be read. */
function weekCells({ record, problems, get }: LineRead): Record<string, RawCell> | null | undefined {
  const textCell = get("custom_flighting");
  if (record.flighting?.kind === "cells") return record.flighting.weeks;
  if (!textCell) return null;
  const cells = parseCustomFlightingText(readText(textCell));
  if (!cells) problems.add("custom_flighting", "customFlightingUnreadable", "error", { value: readText(textCell) }, textCell);
  return cells ?? undefined;
}

/**
 * Amounts for an even / front / back line are computed: edits to them cannot be kept. They were
 * not edited if they are the split of the budget now or of the budget the sheet was written with.
 */
function checkComputedWeeks(read: LineRead, weeks: Record<string, number> | undefined, flightingMode: FlightingMode | undefined, dated: Dated): null {
  const { record, problems, context } = read;
  const { budgetFen, startDate, endDate } = dated;
  if (weeks && flightingMode && budgetFen !== undefined && startDate && endDate && record.flighting?.kind === "cells") {
    const written = weeks;
    const matches = (fen: number) => {
      const split = allocateFlighting({ budgetFen: fen, start: startDate, end: endDate, mode: flightingMode });
      return split.ok && split.weeks.every((week) => (written[week.week] ?? 0) === week.amountFen) && Object.keys(written).length <= split.weeks.length;
    };
    const exported = record.flighting.budgetAtExport ? readMoneyFen(record.flighting.budgetAtExport, "yuan", context.numberLocale) : null;
    const isUntouched = matches(budgetFen) || (exported?.ok === true && matches(exported.value));
    if (!isUntouched) problems.add("flighting", "flightingIgnored", "warning", { row: record.flighting.row });
  }
  return null;
}

/** Custom amounts must be there, inside the line's dates and add up to its budget. */
function checkCustomWeeks(read: LineRead, weeks: Record<string, number> | undefined, dated: Dated): Record<string, number> | undefined {
  const { problems } = read;
  const { budgetFen, startDate, endDate } = dated;
  const column = weeksColumn(read);
  if (!weeks) {
    problems.add("flighting_mode", "customFlightingMissing", "error", {});
    return undefined;
  }
  if (budgetFen === undefined || !startDate || !endDate) return weeks;
  const check = allocateFlighting({ budgetFen, start: startDate, end: endDate, mode: "custom", customFen: weeks });
  if (check.ok) return weeks;
  const error = check.error;
  if (error.code === "custom-sum-mismatch") {
    problems.add(column, "customFlightingSumMismatch", "error", { budget: yuan(error.budgetFen), typed: yuan(error.typedFen) });
  } else if (error.code === "custom-unknown-week") {
    problems.add(column, "customFlightingWeekOutside", "error", { week: error.week, start: startDate, end: endDate });
  } else problems.add(column, "customFlightingInvalid", "error", { detail: error.code });
  return undefined;
}
