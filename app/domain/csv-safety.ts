// CSV cells that a spreadsheet would run as a formula (reliability-security.md, "Export"): every
// string starting with = + - @, tab or CR gets a leading apostrophe. Numbers stay numbers. The
// rule is reversible so an exported plan re-imports to the same plan: a string that already
// starts with apostrophes before such a character gets one more, and import removes exactly one.

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

/** One CSV field: numbers as they are (finite only), strings neutralised then quoted when needed. */
export function toCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to a CSV cell`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const safe = neutraliseCsvText(value);
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated (RFC 4180, and what Excel writes). */
export function toCsvRecord(values: readonly CsvValue[]): string {
  return `${values.map(toCsvField).join(",")}\r\n`;
}

/** UTF-8 byte-order mark: Excel reads a CSV as UTF-8 only when the file starts with it. */
export const UTF8_BOM = "\uFEFF";
