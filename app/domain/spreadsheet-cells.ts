// Cells as import reads them, whatever the file format (XLSX cell, CSV field, ODS JSON value), and
// the A1 column letters both the workbook writer and the readers name cells with.

export type RawCellValue =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  /** A cell typed as a date in the spreadsheet, already as an ISO date. */
  | { kind: "date"; iso: string }
  | { kind: "boolean"; value: boolean }
  /** A spreadsheet error value such as #REF!. */
  | { kind: "error"; text: string };

/** A cell value plus where it came from: its formula (the value is then the cached result) and its address. */
export type RawCell = RawCellValue & { formula?: string; ref?: string };

export const EMPTY_CELL: RawCell = { kind: "empty" };

export function textCell(text: string | null | undefined): RawCell {
  return text === null || text === undefined || text === "" ? EMPTY_CELL : { kind: "text", text };
}

export function numberCell(value: number | null | undefined): RawCell {
  return value === null || value === undefined ? EMPTY_CELL : { kind: "number", value };
}

export function isEmptyCell(cell: RawCell | undefined): boolean {
  return !cell || cell.kind === "empty" || (cell.kind === "text" && cell.text.trim() === "");
}

/** The letters of a 1-based column number, as spreadsheets write them: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
