// Reads CSV text into rows of raw cells with papaparse, stopping at the row cap. Cells that the
// export neutralised against formula injection ('=…) get their text back (csv-safety.ts).
import Papa from "papaparse";
import { restoreCsvText } from "../../domain/csv-safety";
import type { RawCell } from "../../domain/spreadsheet-columns";
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import { fileProblem, type ImportFailure } from "./result.server";
import { columnLetters, type SheetRow } from "./xlsx-reader.server";

export type CsvRead = { ok: true; rows: SheetRow[]; delimiter: string };

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
  let delimiter = ",";
  Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), {
    header: false,
    skipEmptyLines: false,
    delimitersToGuess: [",", ";", "\t", "|"],
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
