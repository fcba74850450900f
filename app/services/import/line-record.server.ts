// One row of line items → one imported line: each group of fields read in turn (identity, route,
// money, dates, text, KPI, flighting, measurement), then the line when nothing failed.
import type { ImportedLine } from "../../domain/import-diff";
import { LINE_INPUT_FIELDS, lineInputOf, type LineInput } from "../../domain/plan";
import type { LineColumnKey } from "../../domain/spreadsheet-columns";
import { readIdentity, readLineDates, readLineKpi, readLineTexts, readMeasurement } from "./line-fields.server";
import { readLineFlighting } from "./line-flighting.server";
import { readBudget, readUnitCost } from "./line-money.server";
import { readRoute } from "./line-route.server";
import type { LineRead, LineRecord, MapContext } from "./record-types.server";
import { present, type Resolvers, type RowProblems } from "./row-reads.server";

export type RecordResult = { line: ImportedLine | null; lineId: string | null; hasPosition: boolean };

type LineParts = ReturnType<typeof readLineParts>;

export function mapLineRecord(record: LineRecord, context: MapContext, resolvers: Resolvers, problems: RowProblems): RecordResult {
  const get = (key: LineColumnKey) => present(problems, key, record.cells[key]);
  const parts = readLineParts({ record, context, resolvers, problems, get });
  return { lineId: parts.lineId, hasPosition: parts.position !== undefined, line: toImportedLine(record, problems, parts) };
}

/** Every field group of the line, in column order, so problems come in the order a planner reads them. */
function readLineParts(read: LineRead) {
  const identity = readIdentity(read);
  const route = readRoute(read);
  const budgetFen = readBudget(read);
  const unitCostFen = readUnitCost(read, route);
  const dates = readLineDates(read);
  const texts = readLineTexts(read, route.placement);
  const kpi = readLineKpi(read);
  const flighting = readLineFlighting(read, { budgetFen, ...dates });
  const measurement = readMeasurement(read);
  return { ...identity, ...route, budgetFen, unitCostFen, ...dates, ...texts, ...kpi, ...flighting, measurement };
}

/** The imported line, or null when a field could not be read (a reader gives undefined for a cell it refused). */
function toImportedLine(record: LineRecord, problems: RowProblems, parts: LineParts): ImportedLine | null {
  const { lineId, version, position, placement, measurement } = parts;
  if (problems.hasError || !placement || !measurement) return null;
  const input = { ...parts, placementId: placement.id };
  if (LINE_INPUT_FIELDS.some((field) => input[field] === undefined)) return null;
  // Every input field is read (the check above); the destination was resolved against the catalog.
  return { ...lineInputOf(input as LineInput), id: lineId, version, sourceRow: record.row, position: position ?? 0, ecosystemId: placement.ecosystemId, measurement };
}
