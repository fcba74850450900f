// Finds the plan in rows of cells: which sheet holds the line items (by its key row or headers in
// either language), which holds the campaign facts and the custom flighting, and what each column
// means. Pure; the XLSX and CSV readers feed it rows, the record mapper takes it from there.
import type { ImportProblem } from "../../domain/import-diff";
import { normaliseName } from "../../domain/name-similarity";
import { isEmptyCell, type RawCell } from "../../domain/spreadsheet-cells";
import {
  CAMPAIGN_FACT_KEYS,
  getLineColumn,
  LINE_ID_HEADER,
  matchLineColumn,
  REQUIRED_LINE_COLUMNS,
  SHEET_MARKERS,
  type LineColumnKey,
} from "../../domain/spreadsheet-columns";
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import type { CampaignFacts, LineRecord } from "./record-types.server";
import { fileProblem, makeProblem, type ImportFailure } from "./result.server";
import type { ReadSheet, SheetRow } from "./xlsx-reader.server";

export type LineTable = {
  ok: true;
  records: LineRecord[];
  problems: ImportProblem[];
  dataRowCount: number;
};

function text(cell: RawCell | undefined): string {
  if (!cell) return "";
  if (cell.kind === "text") return cell.text.trim();
  if (cell.kind === "number") return String(cell.value);
  return "";
}

type HeaderMatch = { rowIndex: number; columns: Map<number, LineColumnKey>; headers: string[] };

/** The first row (of the first few) in which at least two cells name line columns. */
function findHeaderRow(rows: readonly SheetRow[], limits: ImportLimits): HeaderMatch | null {
  const end = Math.min(rows.length, limits.maxHeaderSearchRows);
  for (let rowIndex = 0; rowIndex < end; rowIndex++) {
    const headers = rows[rowIndex]!.cells.map(text);
    const columns = new Map<number, LineColumnKey>();
    headers.forEach((header, index) => {
      const key = matchLineColumn(header);
      if (key) columns.set(index, key);
    });
    if (new Set(columns.values()).size >= 2) return { rowIndex, columns, headers };
  }
  return null;
}

/** Another header row right below (Qiao writes a hidden key row, then headers people read). */
function isSecondHeaderRow(row: SheetRow | undefined, header: HeaderMatch): boolean {
  if (!row) return false;
  let same = 0;
  for (const [index, key] of header.columns) if (matchLineColumn(text(row.cells[index])) === key) same++;
  return same >= Math.max(2, Math.floor(header.columns.size / 2));
}

function isBlankRow(row: SheetRow): boolean {
  return row.cells.every((cell) => isEmptyCell(cell) && cell.formula === undefined);
}

export type TableKind = "lines" | "summary" | "flighting" | "derived" | "unknown";

/** What a sheet is, from its first rows. */
export function classifySheet(rows: readonly SheetRow[], limits: ImportLimits = IMPORT_LIMITS): TableKind {
  const head = rows.slice(0, limits.maxHeaderSearchRows);
  const texts = head.flatMap((row) => row.cells.map(text));
  if (head.some((row) => text(row.cells[0]) === SHEET_MARKERS.summary)) return "summary";
  if (texts.includes(SHEET_MARKERS.flighting)) return "flighting";
  if (texts.includes(SHEET_MARKERS.measurement) || texts.includes(SHEET_MARKERS.legend) || texts.some((t) => t.startsWith(SHEET_MARKERS.lists))) return "derived";
  return findHeaderRow(rows, limits) ? "lines" : "unknown";
}

/** Reads a table of line items: header, duplicate and missing columns, then one record per data row. */
export function readLineTable(rows: readonly SheetRow[], limits: ImportLimits = IMPORT_LIMITS, options: { checkRagged?: boolean } = {}): LineTable | ImportFailure {
  const header = findHeaderRow(rows, limits);
  if (!header) return fileProblem("noLineItems");
  const problems = checkHeaders(header);
  if (!Array.isArray(problems)) return problems;
  let start = header.rowIndex + 1;
  while (isSecondHeaderRow(rows[start], header)) start++;
  const records = readRecords(rows.slice(start), header, limits, options);
  if (!Array.isArray(records)) return records;
  return { ok: true, records, problems, dataRowCount: records.length };
}

/** Headers named twice or required columns missing refuse the file; columns Qiao does not know are warned about. */
function checkHeaders(header: HeaderMatch): ImportProblem[] | ImportFailure {
  const problems: ImportProblem[] = [];
  const seenText = new Set<string>();
  const seenKey = new Set<LineColumnKey>();
  for (const [index, raw] of header.headers.entries()) {
    if (raw === "") continue;
    const normal = normaliseName(raw);
    if (seenText.has(normal)) return fileProblem("duplicateHeaders", { column: raw });
    seenText.add(normal);
    const key = header.columns.get(index);
    if (key) {
      if (seenKey.has(key)) return fileProblem("duplicateHeaders", { column: raw });
      seenKey.add(key);
    } else problems.push(makeProblem(null, raw, "unknownColumn", "warning", { column: raw }));
  }
  const missing = REQUIRED_LINE_COLUMNS.filter((group) => !group.some((key) => seenKey.has(key))).map((group) => group[0]!);
  if (missing.length === 0) return problems;
  return fileProblem("missingColumns", {
    columns: missing.join(", "),
    columnsEn: missing.map((key) => getLineColumn(key).header.en).join(", "),
    columnsZh: missing.map((key) => getLineColumn(key).header.zh).join("、"),
  });
}

/** One record per data row (blank rows skipped), the input columns only. */
function readRecords(rows: readonly SheetRow[], header: HeaderMatch, limits: ImportLimits, options: { checkRagged?: boolean }): LineRecord[] | ImportFailure {
  const width = header.headers.length;
  const records: LineRecord[] = [];
  for (const row of rows) {
    if (isBlankRow(row)) continue;
    if (records.length >= limits.maxDataRows) return fileProblem("tooManyRows", { max: limits.maxDataRows });
    const cells: LineRecord["cells"] = {};
    for (const [index, key] of header.columns) {
      const cell = row.cells[index];
      if (getLineColumn(key).isInput && cell) cells[key] = cell;
    }
    const record: LineRecord = { row: row.number, cells };
    // A CSV row with more or fewer fields than the header does not line up with the columns.
    if (options.checkRagged && row.cells.length !== width) {
      record.problems = [makeProblem(row.number, null, "raggedRow", "error", { expected: width, found: row.cells.length })];
    }
    records.push(record);
  }
  return records;
}

/** Campaign facts of a Summary sheet: the hidden first column keys each row, the value is in the third. */
export function readSummaryTable(rows: readonly SheetRow[]): CampaignFacts {
  const facts: CampaignFacts = {};
  const keys = new Set<string>(CAMPAIGN_FACT_KEYS);
  for (const row of rows) {
    const key = text(row.cells[0]);
    if (keys.has(key)) facts[key as keyof CampaignFacts] = row.cells[2] ?? { kind: "empty" };
  }
  return facts;
}

/** Per line id: its row on the Flighting sheet, its amounts per ISO week, and the budget the sheet was written with. */
export type FlightingTable = Map<string, { row: number; weeks: Record<string, RawCell>; budget?: RawCell }>;

/** Amounts per ISO week of each line on the Flighting sheet, keyed by line id. */
export function readFlightingTable(rows: readonly SheetRow[]): FlightingTable {
  const table: FlightingTable = new Map();
  const keyRowIndex = rows.findIndex((row) => row.cells.some((cell) => text(cell) === SHEET_MARKERS.flighting));
  if (keyRowIndex < 0) return table;
  const keys = rows[keyRowIndex]!.cells.map(text);
  const idColumn = keys.indexOf(SHEET_MARKERS.flighting);
  const budgetColumn = keys.indexOf("flight.budget");
  const weekColumns = keys.flatMap((key, index) => (/^\d{4}-W\d{2}$/.test(key) ? [{ week: key, index }] : []));
  for (const row of rows.slice(keyRowIndex + 1)) {
    const id = text(row.cells[idColumn]);
    if (id === "" || matchLineColumn(id) !== null || id === LINE_ID_HEADER.en || id === LINE_ID_HEADER.zh) continue;
    const weeks: Record<string, RawCell> = Object.create(null) as Record<string, RawCell>;
    for (const { week, index } of weekColumns) {
      const cell = row.cells[index];
      if (cell && !(isEmptyCell(cell) && cell.formula === undefined)) weeks[week] = cell;
    }
    table.set(id, { row: row.number, weeks, budget: budgetColumn >= 0 ? row.cells[budgetColumn] : undefined });
  }
  return table;
}

/** The sheets of a workbook sorted out: facts, line table, flighting, and warnings for sheets not read. */
export function readWorkbookTables(
  sheets: readonly ReadSheet[],
  limits: ImportLimits = IMPORT_LIMITS,
): { ok: true; facts: CampaignFacts; lines: LineTable; flighting: FlightingTable } | ImportFailure {
  let facts: CampaignFacts = {};
  let lines: LineTable | null = null;
  let flighting: FlightingTable = new Map();
  const problems: ImportProblem[] = [];
  for (const sheet of sheets) {
    const kind = classifySheet(sheet.rows, limits);
    if (kind === "summary") facts = readSummaryTable(sheet.rows);
    else if (kind === "flighting") flighting = readFlightingTable(sheet.rows);
    else if (kind === "lines" && !lines) {
      const table = readLineTable(sheet.rows, limits);
      if (!table.ok) return table;
      lines = table;
    } else if (kind === "lines" || (kind === "unknown" && sheet.rows.length > 0)) {
      problems.push(makeProblem(null, null, "sheetIgnored", "warning", { sheet: sheet.name }));
    }
  }
  if (!lines) return fileProblem("noLineItems");
  lines.problems.push(...problems);
  return { ok: true, facts, lines, flighting };
}
