// Turns rows read from any format (XLSX, CSV, ODS JSON) into plan lines, with every problem named
// by row and column in words a planner understands (issue 7, "Preview"). Pure: the format readers
// produce records of raw cells; line-record.server.ts decides what one row means.
import type { ImportedLine, ImportProblem } from "../../domain/import-diff";
import { normaliseName } from "../../domain/name-similarity";
import { isEmptyCell } from "../../domain/spreadsheet-cells";
import { readText } from "./cells.server";
import { mapLineRecord, type RecordResult } from "./line-record.server";
import type { LineRecord, MapContext } from "./record-types.server";
import { makeProblem } from "./result.server";
import { Resolvers, RowProblems } from "./row-reads.server";

export type MappedLines = {
  lines: ImportedLine[];
  invalidRows: { row: number; lineId: string | null }[];
  problems: ImportProblem[];
};

/** Whether a row is a totals row someone added under the lines ("Total", "合计"). */
function isTotalsRow(record: LineRecord): boolean {
  const placement = record.cells.placement;
  if (placement && !isEmptyCell(placement)) return false;
  const name = record.cells.name ? normaliseName(readText(record.cells.name)) : "";
  return /^(total|totals|sum|grandtotal|合计|总计|小计)/.test(name);
}

function isBlankRecord(record: LineRecord): boolean {
  return Object.values(record.cells).every((cell) => cell === undefined || (isEmptyCell(cell) && cell.formula === undefined));
}

/** One record with the problems its reader found; a row that does not line up with the header cannot be read column by column: say only that. */
function mapRecord(record: LineRecord, context: MapContext, resolvers: Resolvers): { result: RecordResult; problems: RowProblems } {
  const problems = new RowProblems(record.row);
  problems.addFound(record.problems ?? []);
  const isRagged = problems.list.some((problem) => problem.code === "raggedRow");
  const result = isRagged ? { line: null, lineId: null, hasPosition: false } : mapLineRecord(record, context, resolvers, problems);
  return { result, problems };
}

/** Maps line records to imported lines. Rows with an error are listed in invalidRows, not in lines. */
export function mapLineRecords(records: readonly LineRecord[], context: MapContext): MappedLines {
  const resolvers = new Resolvers(context.catalog);
  const mapped: MappedLines = { lines: [], invalidRows: [], problems: [] };
  const firstRowOfId = new Map<string, number>();
  const positionless: ImportedLine[] = [];
  for (const record of records) {
    if (isBlankRecord(record)) continue;
    if (isTotalsRow(record)) {
      mapped.problems.push(makeProblem(record.row, "name", "totalRowSkipped", "warning", { value: readText(record.cells.name ?? { kind: "empty" }) }));
      continue;
    }
    const { result, problems } = mapRecord(record, context, resolvers);
    const { lineId } = result;
    if (lineId !== null) {
      const first = firstRowOfId.get(lineId);
      if (first !== undefined) problems.add("line_id", "duplicateLineId", "error", { lineId, firstRow: first }, record.cells.line_id);
      else firstRowOfId.set(lineId, record.row);
    }
    mapped.problems.push(...problems.list);
    if (problems.hasError || !result.line) mapped.invalidRows.push({ row: record.row, lineId });
    else {
      mapped.lines.push(result.line);
      if (result.hasPosition === false) positionless.push(result.line);
    }
  }
  placeAfterPositioned(mapped.lines, positionless);
  return mapped;
}

/** Rows without a position go after the highest position given, in row order. */
function placeAfterPositioned(lines: ImportedLine[], positionless: readonly ImportedLine[]): void {
  let next = Math.max(-1, ...lines.filter((line) => !positionless.includes(line)).map((line) => line.position)) + 1;
  for (const line of positionless) line.position = next++;
}
