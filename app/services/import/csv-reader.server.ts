// Reads CSV text into rows of raw cells with papaparse, stopping at the row cap. Cells that the
// export neutralised against formula injection ('=…) get their text back (csv-safety.ts).
import Papa from "papaparse";
import { restoreCsvText } from "../../domain/csv-safety";
import { columnLetters, type RawCell } from "../../domain/spreadsheet-cells";
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import { fileProblem, type ImportFailure } from "./result.server";
import type { SheetRow } from "./xlsx-reader.server";

export type CsvRead = { ok: true; rows: SheetRow[]; delimiter: string };

const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The delimiter from the header line, not from a guess over data rows, which text throws off
 * (issue 12: a ";" in every data-level explanation, and rows a tool saved without their trailing
 * empty cells, made the English export read as one column). The header is the first of the first
 * ten lines with at least two separators of one kind (three columns; a title row above it
 * has fewer); its most frequent separator, counted outside quotes, wins. Failing that, the line with
 * the most. Null when no line has any (one column): papaparse then guesses.
 */
export function headerDelimiter(text: string): string | null {
  let most: { delimiter: string; count: number } = { delimiter: "", count: 0 };
  let counts = new Map<string, number>();
  let lines = 0;
  let quoted = false;
  /** This line's most frequent separator. */
  const endLine = () => {
    let top = { delimiter: "", count: 0 };
    for (const delimiter of DELIMITERS) {
      const count = counts.get(delimiter) ?? 0;
      if (count > top.count) top = { delimiter, count };
    }
    counts = new Map();
    if (top.count > most.count) most = top;
    return top;
  };
  for (let i = 0; i < text.length && i < 262_144; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === "\n") {
      const top = endLine();
      if (top.count >= 2) return top.delimiter;
      if (++lines >= 10) break;
    } else if ((DELIMITERS as readonly string[]).includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  const top = endLine();
  if (top.count >= 2) return top.delimiter;
  return most.count > 0 ? most.delimiter : null;
}

function toCell(field: string): RawCell {
  const text = restoreCsvText(field);
  return text.trim() === "" ? { kind: "empty" } : { kind: "text", text };
}

/** Rows of the CSV (record numbers 1-based, header included); blank lines are skipped but counted. */
export function readCsvRows(text: string, limits: ImportLimits = IMPORT_LIMITS): CsvRead | ImportFailure {
  const maxRows = limits.maxDataRows + limits.maxHeaderSearchRows + 1;
  const rows: SheetRow[] = [];
  let failure: ImportFailure | null = null;
  let record = 0;
  const body = text.replace(/^\uFEFF/, "");
  const fromHeader = headerDelimiter(body);
  let delimiter = fromHeader ?? ",";
  Papa.parse<string[]>(body, {
    header: false,
    skipEmptyLines: false,
    ...(fromHeader ? { delimiter: fromHeader } : { delimitersToGuess: [...DELIMITERS] }),
    step: (result, parser) => {
      record++;
      delimiter = result.meta.delimiter || delimiter;
      const quoteError = result.errors.find((error) => error.type === "Quotes");
      if (quoteError) {
        failure = fileProblem("csvMalformed", { row: record });
        parser.abort();
        return;
      }
      const fields = result.data;
      // PostgreSQL cannot store U+0000; the person is told the row and the column Excel would show.
      const nulAt = fields.findIndex((field) => field.includes("\u0000"));
      if (nulAt >= 0) {
        failure = fileProblem("nulInCsv", { row: record, column: columnLetters(nulAt + 1) });
        parser.abort();
        return;
      }
      if (fields.length > limits.maxColumns) {
        failure = fileProblem("tooManyColumns", { max: limits.maxColumns });
        parser.abort();
        return;
      }
      if (fields.every((field) => field.trim() === "")) return;
      rows.push({ number: record, cells: fields.map(toCell) });
      if (rows.length > maxRows) {
        failure = fileProblem("tooManyRows", { max: limits.maxDataRows });
        parser.abort();
      }
    },
  });
  if (failure) return failure;
  if (rows.length === 0) return fileProblem("fileEmpty");
  return { ok: true, rows, delimiter };
}
