// Reading one imported cell into a plan value, honestly: money to the fen without floating point,
// dates from real date cells or common written forms (ambiguous ones are reported, not guessed),
// ratios from 0.015 or "1.5%". Pure functions; the row mapper turns their codes into problems.
// Text is read by the same parsers as a typed form value (domain/money, domain/numbers).
import { isIsoDate } from "../../domain/dates";
import { MAX_FEN, parseMoneyToFen } from "../../domain/money";
import { divideRoundHalfAwayFromZero, parseNumber, parseRatio, parseWholeNumber, ratioFromNumber, toDecimalFraction, type NumberLocale, type ParseRatioResult } from "../../domain/numbers";
import type { RawCell } from "../../domain/spreadsheet-cells";

export type CellIssue = { code: string; params: Record<string, string | number> };
export type CellRead<T> = { ok: true; value: T; warnings: CellIssue[] } | { ok: false; error: CellIssue };

function ok<T>(value: T, warnings: CellIssue[] = []): CellRead<T> {
  return { ok: true, value, warnings };
}
function fail<T>(code: string, params: Record<string, string | number> = {}): CellRead<T> {
  return { ok: false, error: { code, params } };
}

/** The cell as a person would read it (for messages). */
export function displayCell(cell: RawCell): string {
  switch (cell.kind) {
    case "empty":
      return cell.formula ? `=${cell.formula}` : "";
    case "text":
      return cell.text;
    case "number":
      return String(cell.value);
    case "date":
      return cell.iso;
    case "boolean":
      return cell.value ? "TRUE" : "FALSE";
    case "error":
      return cell.text;
  }
}

/**
 * Checks that apply to every cell: a formula's cached result is used (with a warning, since the
 * formula itself is not kept); a formula without one, or an error value, cannot be read.
 */
export function precheckCell(cell: RawCell): CellRead<RawCell> {
  const warnings: CellIssue[] = [];
  if (cell.formula !== undefined) {
    if (cell.kind === "empty") return fail("formulaWithoutResult", { formula: cell.formula });
    warnings.push({ code: "formulaCell", params: { formula: cell.formula, value: displayCell(cell) } });
  }
  if (cell.kind === "error") return fail("cellError", { value: cell.text });
  return ok(cell, warnings);
}

/** Plain text of a cell; numbers as typed, dates as ISO. Trimmed. */
export function readText(cell: RawCell): string {
  return displayCell(cell).trim();
}

/** Amount to fen. Text through the money parser (¥, 万, grouping); numbers by their exact decimal form. */
export function readMoneyFen(cell: RawCell, unit: "yuan" | "fen", numberLocale: NumberLocale): CellRead<number> {
  if (cell.kind === "number") {
    if (unit === "fen" && Number.isFinite(cell.value) && !Number.isInteger(cell.value)) return fail("moneyFenNotInteger", { value: String(cell.value) });
    return numberToFen(cell.value, unit);
  }
  if (cell.kind === "text") {
    const text = cell.text.trim();
    if (unit === "fen") {
      const whole = parseWholeNumber(text, numberLocale);
      if (!whole.ok || whole.value < 0) return fail("moneyFenNotInteger", { value: text });
      return numberToFen(whole.value, "fen");
    }
    const parsed = parseMoneyToFen(text, numberLocale);
    if (parsed.ok) return ok(parsed.fen);
    const codes = {
      empty: "required",
      "not-a-number": "moneyInvalid",
      negative: "moneyNegative",
      "too-many-decimals": "moneyTooManyDecimals",
      "too-large": "moneyTooLarge",
      ambiguous: "moneyAmbiguous",
    } as const;
    return fail(codes[parsed.error], { value: text });
  }
  return fail("moneyInvalid", { value: displayCell(cell) });
}

/** A number cell to fen: yuan × 100 exactly; more decimals than the fen are rounded and reported. */
export function numberToFen(value: number, unit: "yuan" | "fen"): CellRead<number> {
  if (!Number.isFinite(value)) return fail("moneyInvalid", { value: String(value) });
  if (value < 0) return fail("moneyNegative", { value: String(value) });
  const { numerator, denominator } = toDecimalFraction(value);
  const scaled = numerator * (unit === "yuan" ? 100n : 1n);
  const fen = divideRoundHalfAwayFromZero(scaled, denominator);
  if (fen > BigInt(MAX_FEN)) return fail("moneyTooLarge", { value: String(value) });
  const warnings: CellIssue[] = scaled % denominator === 0n ? [] : [{ code: "moneyRounded", params: { value: String(value), fen: Number(fen) } }];
  return ok(Number(fen), warnings);
}

/** Whole number ≥ 0 (positions, lag days, versions). */
export function readInteger(cell: RawCell, numberLocale: NumberLocale): CellRead<number> {
  const read = cell.kind === "number" ? { ok: true as const, value: cell.value } : cell.kind === "text" ? parseWholeNumber(cell.text, numberLocale) : null;
  if (!read?.ok || !Number.isSafeInteger(read.value) || read.value < 0) return fail("integerInvalid", { value: displayCell(cell) });
  return ok(read.value);
}

/** Any finite number; text as the locale writes it ("1,200", "1 234,5"). */
export function readNumber(cell: RawCell, numberLocale: NumberLocale): CellRead<number> {
  if (cell.kind === "number") return Number.isFinite(cell.value) ? ok(cell.value) : fail("numberInvalid", { value: String(cell.value) });
  if (cell.kind === "text") {
    const read = parseNumber(cell.text, numberLocale);
    if (read.ok) return ok(read.value);
  }
  return fail("numberInvalid", { value: displayCell(cell) });
}

/** A ratio 0–1: 0.015, or "1.5%" as text. A plain number above 1 is probably a percentage: reported with the ratio it would be. */
export function readRatio(cell: RawCell, numberLocale: NumberLocale): CellRead<number> {
  if (cell.kind !== "number" && cell.kind !== "text") return fail("numberInvalid", { value: displayCell(cell) });
  const read: ParseRatioResult = cell.kind === "number" ? ratioFromNumber(cell.value) : parseRatio(cell.text, numberLocale, "ratio");
  if (read.ok) return ok(read.value);
  if (read.error === "negative") return fail("ratioInvalid", { value: displayCell(cell) });
  // Over one: 35 is probably 35 %, which is a ratio; 35000 is no ratio either way.
  if (read.error === "above-one" && read.value !== undefined && read.value <= 100) return fail("ratioOverOne", { value: displayCell(cell), suggested: `${read.value}%` });
  if (read.error === "above-one") return fail("ratioInvalid", { value: displayCell(cell) });
  return fail("numberInvalid", { value: displayCell(cell) });
}

// --- Dates -------------------------------------------------------------------------------------

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

function iso(year: number, month: number, day: number): string | null {
  const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isIsoDate(text) ? text : null;
}

/** Excel's day serial (1900 system) to an ISO date; 60 is Excel's phantom 29 February 1900. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const day = Math.floor(serial);
  if (day === 60) return null;
  // Before the phantom day the serials are one day later than the calendar (Lotus 1-2-3's leap-year bug).
  const epochDays = day < 60 ? day - 25568 : day - 25569; // 25569 = 1970-01-01
  const date = new Date(epochDays * 86_400_000);
  return date.toISOString().slice(0, 10);
}

export type DateRead = { iso: string; isText: boolean };

/**
 * A date from a real date cell, an ISO-like text (2026-03-01, 2026/3/1, 2026.03.01, 2026年3月1日,
 * 20260301), "1 March 2026" / "March 1, 2026", or day/month/year when only one reading is possible.
 * 03/04/2026 could be 3 April or 4 March: reported as ambiguous, never guessed.
 */
export function readDate(cell: RawCell): CellRead<DateRead> {
  if (cell.kind === "date") return ok({ iso: cell.iso, isText: false });
  if (cell.kind === "number") {
    const date = Number.isInteger(cell.value) && cell.value >= 20000101 && cell.value <= 29991231 ? parseCompact(String(cell.value)) : excelSerialToIso(cell.value);
    if (!date) return fail("dateInvalid", { value: String(cell.value) });
    return ok({ iso: date, isText: false }, [{ code: "dateSerialNumber", params: { value: String(cell.value), date } }]);
  }
  if (cell.kind !== "text") return fail("dateInvalid", { value: displayCell(cell) });
  const text = cell.text.normalize("NFKC").trim();
  const parsed = parseDateText(text);
  if (parsed.kind === "date") return ok({ iso: parsed.iso, isText: true });
  if (parsed.kind === "ambiguous") return fail("dateAmbiguous", { value: text, optionA: parsed.a, optionB: parsed.b });
  return fail("dateInvalid", { value: text });
}

function parseCompact(text: string): string | null {
  return iso(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
}

type ParsedDate = { kind: "date"; iso: string } | { kind: "ambiguous"; a: string; b: string } | { kind: "invalid" };

export function parseDateText(input: string): ParsedDate {
  const text = input.replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i, "").trim();
  const invalid: ParsedDate = { kind: "invalid" };
  const found = (value: string | null): ParsedDate => (value ? { kind: "date", iso: value } : invalid);

  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (m) return found(iso(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{8})$/.exec(text);
  if (m) return found(parseCompact(m[1]!));
  m = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})$/i.exec(text);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? found(iso(Number(m[3]), month, Number(m[1]))) : invalid;
  }
  m = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(text);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? found(iso(Number(m[3]), month, Number(m[2]))) : invalid;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) {
    const [first, second, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const dayFirst = iso(year, second, first);
    const monthFirst = iso(year, first, second);
    if (dayFirst && monthFirst && dayFirst !== monthFirst) return { kind: "ambiguous", a: dayFirst, b: monthFirst };
    return found(dayFirst ?? monthFirst);
  }
  return invalid;
}
