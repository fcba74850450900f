// CSV cells that a spreadsheet would run as a formula (reliability-security.md, "Export"): every
// string starting with = + - @, tab or CR gets a leading apostrophe. Numbers stay numbers. The
// rule is reversible so an exported plan re-imports to the same plan: a string that already
// starts with apostrophes before such a character gets one more, and import removes exactly one.
import Papa from "papaparse";

const DANGEROUS_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** True when a spreadsheet could read the text as a formula (or it is a neutralised one). */
export function isFormulaLike(text: string): boolean {
  return DANGEROUS_START.test(text);
}

/** The text as it must be written to a CSV cell so no spreadsheet runs it. */
export function neutraliseCsvText(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** Reverses neutraliseCsvText on a cell read back from a CSV. */
export function restoreCsvText(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

export type CsvValue = string | number | boolean | null | undefined;

/** One cell as it may be written: numbers as they are (finite only), strings neutralised. */
export function csvSafeValue(value: CsvValue): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to a CSV cell`);
    return value;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return neutraliseCsvText(value);
}

/** Text with spaces (or tabs) at its edges is quoted, so no reader trims them away. */
function hasEdgeSpace(value: unknown): boolean {
  return typeof value === "string" && value !== value.trim();
}

/**
 * Records of safe cells as CSV text written by papaparse: comma-separated, fields with separators,
 * quotes, line breaks or edge spaces quoted, each record CRLF-terminated (RFC 4180, and what Excel writes).
 */
export function toCsvRecords(records: readonly (readonly CsvValue[])[]): string {
  if (records.length === 0) return "";
  const cells = records.map((record) => record.map(csvSafeValue));
  return `${Papa.unparse(cells, { delimiter: ",", newline: "\r\n", quotes: hasEdgeSpace })}\r\n`;
}

/** UTF-8 byte-order mark: Excel reads a CSV as UTF-8 only when the file starts with it. */
export const UTF8_BOM = "\uFEFF";
