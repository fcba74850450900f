// Numbers as people type them, and as sheets hold them as text: one reader for forms and imports
// (issue 13: "1,200" was 1.2 in the KPI form and 1200 in the importer; percentages were rounded two
// ways). Separators come from the locale through Intl; digits are kept as strings until the end,
// so "1.1 %" is exactly 0.011 and no amount goes through floating-point arithmetic.

/** Locales whose number conventions the parser knows (a superset of the UI locales; Intl supplies the marks). */
export type NumberLocale = "en" | "zh" | "fr" | "nl";

export type NumberConventions = { decimal: "." | ","; groups: readonly string[] };

export type ParseNumberError = "empty" | "not-a-number" | "ambiguous";
export type ParseNumberResult = { ok: true; value: number } | { ok: false; error: ParseNumberError };

/** A number read as its decimal digits: "-1 234,5" → sign "-", integer "1234", fraction "5". */
export type DecimalParts = { sign: "" | "-"; integer: string; fraction: string };
export type ParseDecimalResult = ({ ok: true } & DecimalParts) | { ok: false; error: ParseNumberError };

/** Decimals a ratio keeps (0.0001 %), for typed and imported rates alike. */
export const RATIO_DECIMALS = 6;

export type ParseRatioError = ParseNumberError | "negative" | "above-one";
/** `value` on "above-one" is the number read, so a caller can suggest the percentage it probably was. */
export type ParseRatioResult = { ok: true; value: number } | { ok: false; error: ParseRatioError; value?: number };

const conventions = new Map<NumberLocale, NumberConventions>();

/**
 * The decimal mark of the locale (Intl), and what groups digits: the locale's own group mark, spaces
 * (no-break and narrow no-break folded by NFKC), apostrophes (Swiss), and the other of "." and ","
 * ("1.200" groups in French as Belgians write it).
 */
export function numberConventions(locale: NumberLocale): NumberConventions {
  const known = conventions.get(locale);
  if (known) return known;
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const decimal = parts.find((part) => part.type === "decimal")?.value === "," ? "," : ".";
  const group = (parts.find((part) => part.type === "group")?.value ?? " ").normalize("NFKC");
  const groups = [...new Set([group, decimal === "." ? "," : ".", " ", "'", "’"])].filter((mark) => mark !== decimal);
  const found = { decimal, groups } as const;
  conventions.set(locale, found);
  return found;
}

/** Typed text folded to one form: full-width digits and marks (１２００，５％), U+2212 minus, spaces around. */
export function normaliseTyped(input: string): string {
  return input.normalize("NFKC").replace(/\u2212/g, "-").trim();
}

const SEPARATORS = new Set([".", ",", " ", "'", "’"]);

/** `grouping: false` reads no group marks (rates); `threeDecimals` is how a lone decimal mark before three digits reads. */
export type SplitOptions = { grouping?: boolean; threeDecimals?: "decimal" | "ask" };

type SplitDigits = { ok: true; integer: string; fraction: string } | { ok: false; error: "not-a-number" | "ambiguous" };

/**
 * Splits unsigned digits with separators ("1 200,50") into integer and fraction digits. Rules, in order:
 * - spaces and apostrophes only ever group digits;
 * - when both "." and "," appear, the last one is the decimal separator ("1.200,50" = "1,200.50");
 * - a separator repeated ("1.200.000") groups digits;
 * - a lone separator followed by 1–2 digits can only be decimal ("1,2" = 1.2 in every locale);
 * - a lone separator followed by exactly 3 digits is grouping when the locale groups with it
 *   ("1,200" en = 1200, "1.200" nl/fr = 1200), and otherwise the locale's decimal mark ("1.125" en =
 *   1.125) — or, with `threeDecimals: "ask"` (money, which has two decimals), "ambiguous": the two
 *   readings differ 1000× and the decimal one cannot be an amount, so the person is asked.
 * Groups must be 1–3 digits then exactly 3. With `grouping: false` (rates) nothing groups: one decimal
 * mark, "." or the locale's.
 */
export function splitDigits(text: string, locale: NumberLocale, options: SplitOptions = {}): SplitDigits {
  const notANumber = { ok: false, error: "not-a-number" } as const;
  const { decimal, groups } = numberConventions(locale);
  if (options.grouping === false) {
    const match = new RegExp(`^(\\d*)(?:[.${decimal}](\\d+))?$`).exec(text);
    if (!match || (match[1] === "" && match[2] === undefined)) return notANumber;
    return { ok: true, integer: match[1] || "0", fraction: match[2] ?? "" };
  }
  // Digit runs separated by exactly one separator; a leading separator only for ".5".
  if (!/^(?:\d+|[.,]\d+)(?:[., '’]\d+)*$/.test(text)) return notANumber;
  const runs = text.split(/[., '’]/);
  const separators = [...text].filter((char) => SEPARATORS.has(char));
  const decimalIndex = findDecimalSeparator(runs, separators, groups, options.threeDecimals ?? "decimal");
  if (decimalIndex === "ambiguous") return { ok: false, error: "ambiguous" };
  const groupRuns = decimalIndex === null ? runs : runs.slice(0, decimalIndex + 1);
  const groupSeparators = decimalIndex === null ? separators : separators.slice(0, decimalIndex);
  if (!isValidGrouping(groupRuns, groupSeparators)) return notANumber;
  const fraction = decimalIndex === null ? "" : (runs[decimalIndex + 1] ?? "");
  return { ok: true, integer: groupRuns.join("") || "0", fraction };
}

/** Index of the decimal separator among the separators, null when the number is whole. */
function findDecimalSeparator(runs: readonly string[], separators: readonly string[], groups: readonly string[], threeDecimals: "decimal" | "ask"): number | null | "ambiguous" {
  const last = separators.length - 1;
  const lastSeparator = separators[last];
  if (lastSeparator !== "." && lastSeparator !== ",") return null;
  const other = lastSeparator === "." ? "," : ".";
  if (separators.includes(other)) return last;
  if (separators.filter((s) => s === lastSeparator).length > 1) return null;
  const digitsAfter = runs[last + 1]?.length ?? 0;
  const digitsBefore = runs[last]?.length ?? 0;
  // Only a valid grouping competes with the decimal reading ("0,001" or "1234,567" cannot group).
  if (digitsAfter !== 3 || digitsBefore === 0 || !isValidGrouping(runs, separators)) return last;
  if (groups.includes(lastSeparator)) return null;
  return threeDecimals === "ask" ? "ambiguous" : last;
}

/** True when runs read as digit groups: the first of 1–3 digits (no leading zero), the others of 3, one separator kind. */
function isValidGrouping(runs: readonly string[], separators: readonly string[]): boolean {
  if (separators.length === 0) return true;
  if (new Set(separators).size > 1) return false;
  const [first = "", ...rest] = runs;
  return /^[1-9]\d{0,2}$/.test(first) && rest.every((run) => run.length === 3);
}

/** A signed decimal as typed ("-1 234,5", "+3", "1.200,50") into its digits; nothing else around it. */
export function parseDecimal(input: string, locale: NumberLocale, options: SplitOptions = {}): ParseDecimalResult {
  const text = normaliseTyped(input);
  if (text === "") return { ok: false, error: "empty" };
  const signed = /^([+-]?)\s*(.*)$/.exec(text)!;
  const split = splitDigits(signed[2] ?? "", locale, options);
  if (!split.ok) return split;
  return { ok: true, sign: signed[1] === "-" && /[1-9]/.test(split.integer + split.fraction) ? "-" : "", integer: split.integer, fraction: split.fraction };
}

/** The digits as a fraction over a power of ten, moved `shift` places right (2 for a percentage). */
function toFraction(parts: DecimalParts, shift = 0): { numerator: bigint; denominator: bigint } {
  const digits = BigInt(`${parts.sign}${parts.integer}${parts.fraction}`);
  const exponent = parts.fraction.length + shift;
  return exponent >= 0 ? { numerator: digits, denominator: 10n ** BigInt(exponent) } : { numerator: digits * 10n ** BigInt(-exponent), denominator: 1n };
}

/** Any number typed the way the locale writes it: "1,200" (en) = 1200, "1 234,5" (fr) = 1234.5, "1.234,5" = 1234.5. */
export function parseNumber(input: string, locale: NumberLocale): ParseNumberResult {
  const parsed = parseDecimal(input, locale);
  if (!parsed.ok) return parsed;
  return { ok: true, value: Number(`${parsed.sign}${parsed.integer}.${parsed.fraction || "0"}`) };
}

/** A whole number (days, weeks, positions): as parseNumber, then no fraction ("3,0" is 3, "2,5" is not whole). */
export function parseWholeNumber(input: string, locale: NumberLocale): { ok: true; value: number } | { ok: false; error: ParseNumberError | "not-whole" } {
  const parsed = parseNumber(input, locale);
  if (!parsed.ok) return parsed;
  return Number.isSafeInteger(parsed.value) ? parsed : { ok: false, error: "not-whole" };
}

/**
 * A share between 0 and 1, typed as a percentage ("15 %", "1,5%") or bare. A bare number is read as
 * `bare` says: a ratio (0.15, the KPI target and the import's rate columns) or a percentage (15, a
 * field labelled "%"). Kept to RATIO_DECIMALS, rounded half away from zero.
 */
export function parseRatio(input: string, locale: NumberLocale, bare: "ratio" | "percent"): ParseRatioResult {
  const text = normaliseTyped(input);
  const percent = /^(.*?)\s*%$/.exec(text);
  const parsed = parseDecimal(percent ? (percent[1] ?? "") : text, locale);
  if (!parsed.ok) return parsed;
  const fraction = toFraction(parsed, percent || bare === "percent" ? 2 : 0);
  return checkRatio(Number(roundToDecimals(fraction, RATIO_DECIMALS)) / 10 ** RATIO_DECIMALS);
}

/** A ratio from a number already read (a spreadsheet number cell), under the same rule as typed ones. */
export function ratioFromNumber(value: number): ParseRatioResult {
  if (!Number.isFinite(value)) return { ok: false, error: "not-a-number" };
  return checkRatio(Number(roundToDecimals(toDecimalFraction(value), RATIO_DECIMALS)) / 10 ** RATIO_DECIMALS);
}

function checkRatio(value: number): ParseRatioResult {
  if (value < 0) return { ok: false, error: "negative" };
  if (value > 1) return { ok: false, error: "above-one", value };
  return { ok: true, value };
}

/**
 * A number as a person types it back, exactly and without grouping: 1234.5 → "1234.5" ("1234,5" in
 * fr); `shift` moves the point right (2: a ratio as a percentage, 0.15 → "15"). parseNumber and
 * parseRatio read the text back to the same value.
 */
export function numberToTypedText(value: number, locale: NumberLocale = "en", shift = 0): string {
  const { numerator, denominator } = toDecimalFraction(value);
  const places = String(denominator).length - 1 - shift; // the denominator is a power of ten
  const digits = String(numerator < 0n ? -numerator : numerator);
  const sign = numerator < 0n ? "-" : "";
  if (places <= 0) return `${sign}${digits === "0" ? "0" : `${digits}${"0".repeat(-places)}`}`;
  const padded = digits.padStart(places + 1, "0");
  const fraction = padded.slice(-places).replace(/0+$/, "");
  return `${sign}${padded.slice(0, -places)}${fraction ? `${numberConventions(locale).decimal}${fraction}` : ""}`;
}

/** A ratio as the percentage a person types: 0.15 → "15", 0.0125 → "1.25" ("1,25" in fr). */
export const ratioToPercentText = (ratio: number, locale: NumberLocale = "en") => numberToTypedText(ratio, locale, 2);

/** numerator / denominator as an integer count of 10^-decimals, rounded half away from zero. */
function roundToDecimals(fraction: { numerator: bigint; denominator: bigint }, decimals: number): bigint {
  return divideRoundHalfAwayFromZero(fraction.numerator * 10n ** BigInt(decimals), fraction.denominator);
}

/**
 * The exact decimal a number prints as, as a fraction (7.8 → 78/10, 1e-7 → 1/10^7).
 * Rates typed as decimals survive this round trip, so arithmetic on them stays exact.
 */
export function toDecimalFraction(value: number): { numerator: bigint; denominator: bigint } {
  if (!Number.isFinite(value)) throw new RangeError(`value must be finite, got ${value}`);
  // Whole numbers (days per week, most weights and counts) need no reading of their digits.
  if (Number.isSafeInteger(value)) return { numerator: BigInt(value), denominator: 1n };
  let fraction = fractions.get(value);
  if (!fraction) {
    fraction = readDecimalFraction(value);
    // The same rates and shares recur on every line of a plan: read each once (a bounded memo).
    if (fractions.size >= 10_000) fractions.clear();
    fractions.set(value, fraction);
  }
  return { numerator: fraction.numerator, denominator: fraction.denominator };
}

const fractions = new Map<number, { numerator: bigint; denominator: bigint }>();

function readDecimalFraction(value: number): { numerator: bigint; denominator: bigint } {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, sign = "", integer = "", fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(`${sign}${integer}${fraction}`);
  return exponent >= 0 ? { numerator: digits * 10n ** BigInt(exponent), denominator: 1n } : { numerator: digits, denominator: 10n ** BigInt(-exponent) };
}

/** numerator / denominator rounded half away from zero (Excel's ROUND); denominator must be positive. */
export function divideRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}
