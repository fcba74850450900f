// Money is integer minor units (fen, 0.01 CNY) everywhere (house style, rule 4). Parsing works on
// strings and BigInt so that no amount ever goes through floating-point arithmetic.

/** Locales whose number conventions the parser understands (a superset of the UI locales). */
export type NumberLocale = "en" | "zh" | "fr" | "nl";

export type ParseMoneyError = "empty" | "not-a-number" | "negative" | "too-many-decimals" | "too-large" | "ambiguous";
export type ParseMoneyResult = { ok: true; fen: number } | { ok: false; error: ParseMoneyError };

export type ParseFxRateError = "empty" | "not-a-number" | "not-positive" | "too-many-decimals" | "too-large";
export type ParseFxRateResult = { ok: true; rate: number } | { ok: false; error: ParseFxRateError };

/** Largest amount accepted: 10^12 fen = 100 亿 yuan, far above any campaign and below 2^53. */
export const MAX_FEN = 1_000_000_000_000;

/** Most decimals accepted in an FX rate (banks quote 4–6). */
export const MAX_FX_RATE_DECIMALS = 6;

/** Highest FX rate accepted, in CNY per unit of the reporting currency. */
export const MAX_FX_RATE = 1_000_000;

type NumberConventions = { decimal: "." | ","; groups: readonly string[] };

// Spaces (incl. no-break and narrow no-break, folded by NFKC) and apostrophes (Swiss) always group.
const CONVENTIONS: Record<NumberLocale, NumberConventions> = {
  en: { decimal: ".", groups: [",", " ", "'", "’"] },
  zh: { decimal: ".", groups: [",", " ", "'", "’"] },
  // French groups with (narrow) no-break spaces; a dot is also read as grouping (Belgian usage).
  fr: { decimal: ",", groups: [" ", ".", "'", "’"] },
  nl: { decimal: ",", groups: [".", " ", "'", "’"] },
};

// Chinese magnitude suffixes as powers of ten: 千 10^3, 万 10^4, 亿 10^8.
const UNIT_EXPONENTS: Record<string, number> = { 千: 3, 万: 4, 亿: 8 };

const CURRENCY_PREFIX = /^([+-]?)\s*(?:¥|cny|rmb)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|块|cny|rmb|yuan)$/i;
const UNIT_SUFFIX = /\s*([千万亿])$/;
const SEPARATORS = new Set([".", ",", " ", "'", "’"]);

/**
 * Reads an amount typed by a person ("¥1,200.50", "1 200,50", "1.200,50", "RMB 3万", "1.5亿") into fen.
 *
 * Separator rules, in order:
 * - spaces and apostrophes only ever group digits;
 * - when both "." and "," appear, the last one is the decimal separator ("1.200,50" = "1,200.50");
 * - a separator repeated ("1.200.000") groups digits;
 * - a lone separator followed by 1–2 digits can only be decimal ("1,2" = 1.20 in every locale);
 * - a lone separator followed by exactly 3 digits is grouping when the locale groups with it
 *   ("1,200" en = 1200, "1.200" nl/fr = 1200) and "ambiguous" otherwise ("1,200" fr, "1.200" en):
 *   the decimal reading would be a 3-decimal amount and the grouping reading 1000× larger, so we ask.
 * Groups must be 1–3 digits then exactly 3. Full-width characters (１２００，￥) are folded by NFKC.
 */
export function parseMoneyToFen(input: string, locale: NumberLocale): ParseMoneyResult {
  let text = input.normalize("NFKC").replace(/\u2212/g, "-").trim();
  if (text === "") return { ok: false, error: "empty" };

  let signs = "";
  const prefix = CURRENCY_PREFIX.exec(text);
  if (prefix) {
    signs += prefix[1] ?? "";
    text = text.slice(prefix[0].length);
  }
  const innerSign = /^([+-])\s*/.exec(text);
  if (innerSign) {
    signs += innerSign[1] ?? "";
    text = text.slice(innerSign[0].length);
  }
  text = text.replace(CURRENCY_SUFFIX, "");
  let unitExponent = 0;
  const unit = UNIT_SUFFIX.exec(text);
  if (unit) {
    unitExponent = UNIT_EXPONENTS[unit[1] ?? ""] ?? 0;
    text = text.slice(0, unit.index);
  }
  if (signs.length > 1) return { ok: false, error: "not-a-number" };

  const number = splitNumber(text, CONVENTIONS[locale]);
  // Below zero is refused whatever else is wrong: "negative" is the clearer message.
  if (signs === "-" && (number.ok || number.error === "ambiguous") && /[1-9]/.test(text)) return { ok: false, error: "negative" };
  if (!number.ok) return number;

  const allowedDecimals = 2 + unitExponent;
  if (number.fraction.length > allowedDecimals) return { ok: false, error: "too-many-decimals" };
  const fen = BigInt(number.integer + number.fraction.padEnd(allowedDecimals, "0"));
  if (fen > BigInt(MAX_FEN)) return { ok: false, error: "too-large" };
  return { ok: true, fen: Number(fen) };
}

type SplitNumber = { ok: true; integer: string; fraction: string } | { ok: false; error: "not-a-number" | "ambiguous" };

/** Splits "1 200,50" into integer "1200" and fraction "50" under the separator rules above. */
function splitNumber(text: string, conventions: NumberConventions): SplitNumber {
  const notANumber = { ok: false, error: "not-a-number" } as const;
  // Digit runs separated by exactly one separator; a leading separator only for ".5".
  if (!/^(?:\d+|[.,]\d+)(?:[., '’]\d+)*$/.test(text)) return notANumber;
  const runs = text.split(/[., '’]/);
  const separators = [...text].filter((char) => SEPARATORS.has(char));

  const decimalIndex = findDecimalSeparator(runs, separators, conventions);
  if (decimalIndex === "ambiguous") return { ok: false, error: "ambiguous" };
  const groupRuns = decimalIndex === null ? runs : runs.slice(0, decimalIndex + 1);
  const groupSeparators = decimalIndex === null ? separators : separators.slice(0, decimalIndex);
  if (!isValidGrouping(groupRuns, groupSeparators)) return notANumber;
  const fraction = decimalIndex === null ? "" : (runs[decimalIndex + 1] ?? "");
  const integer = groupRuns.join("") || "0";
  return { ok: true, integer, fraction };
}

/** Index of the decimal separator among the separators, null when the number is whole. */
function findDecimalSeparator(
  runs: readonly string[],
  separators: readonly string[],
  conventions: NumberConventions,
): number | null | "ambiguous" {
  const last = separators.length - 1;
  const lastSeparator = separators[last];
  if (lastSeparator !== "." && lastSeparator !== ",") return null;
  const other = lastSeparator === "." ? "," : ".";
  if (separators.includes(other)) return last;
  const count = separators.filter((s) => s === lastSeparator).length;
  if (count > 1) return null;
  const digitsAfter = runs[last + 1]?.length ?? 0;
  const digitsBefore = runs[last]?.length ?? 0;
  // Only a valid grouping competes with the decimal reading ("0,001" or "1234,567" cannot group).
  if (digitsAfter !== 3 || digitsBefore === 0 || !isValidGrouping(runs, separators)) return last;
  return conventions.groups.includes(lastSeparator) ? null : "ambiguous";
}

/** True when runs read as digit groups: the first of 1–3 digits (no leading zero), the others of 3, one separator kind. */
function isValidGrouping(runs: readonly string[], separators: readonly string[]): boolean {
  if (separators.length === 0) return true;
  if (new Set(separators).size > 1) return false;
  const [first = "", ...rest] = runs;
  return /^[1-9]\d{0,2}$/.test(first) && rest.every((run) => run.length === 3);
}

/** Fen as a plain decimal string for an edit field: 120050 → "1200.50" ("1200,50" for fr / nl). */
export function fenToYuanString(fen: number, locale: NumberLocale = "en"): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const digits = String(Math.abs(fen)).padStart(3, "0");
  const sign = fen < 0 ? "-" : "";
  return `${sign}${digits.slice(0, -2)}${CONVENTIONS[locale].decimal}${digits.slice(-2)}`;
}

/**
 * Converts fen into minor units (hundredths) of the reporting currency: fen / fxRate, where fxRate
 * is CNY per unit of that currency (EUR at 7.8 → 780 fen = 100 cents). Rounds half away from zero,
 * like Excel's ROUND, so exported formulas agree; the rate is read by its shortest decimal form,
 * so 7.8 is exactly 78/10.
 */
export function convertFen(fen: number, fxRate: number): number {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  if (!Number.isFinite(fxRate) || fxRate <= 0) throw new RangeError(`fxRate must be positive, got ${fxRate}`);
  const rate = toDecimalFraction(fxRate);
  return Number(divideRoundHalfAwayFromZero(BigInt(fen) * rate.denominator, rate.numerator));
}

/** Reads an FX rate ("7.8", "7,8" in fr / nl): positive, at most 6 decimals, no grouping. */
export function parseFxRate(input: string, locale: NumberLocale = "en"): ParseFxRateResult {
  const text = input.normalize("NFKC").replace(/\u2212/g, "-").trim();
  if (text === "") return { ok: false, error: "empty" };
  // A dot is always accepted (copied from a bank site); a comma only where it is the decimal mark.
  const decimalMarks = CONVENTIONS[locale].decimal === "," ? "[.,]" : "[.]";
  const match = new RegExp(`^([+-]?)(\\d*)(?:${decimalMarks}(\\d+))?$`).exec(text);
  if (!match || (match[2] === "" && match[3] === undefined)) return { ok: false, error: "not-a-number" };
  const [, sign = "", integer = "", fraction = ""] = match;
  const normalised = `${integer || "0"}.${fraction || "0"}`;
  if (sign === "-" || !/[1-9]/.test(normalised)) return { ok: false, error: "not-positive" };
  if (fraction.length > MAX_FX_RATE_DECIMALS) return { ok: false, error: "too-many-decimals" };
  const rate = Number(normalised);
  if (rate > MAX_FX_RATE) return { ok: false, error: "too-large" };
  return { ok: true, rate };
}

/**
 * The exact decimal a number prints as, as a fraction (7.8 → 78/10, 1e-7 → 1/10^7).
 * Rates typed as decimals survive this round trip, so arithmetic on them stays exact.
 */
export function toDecimalFraction(value: number): { numerator: bigint; denominator: bigint } {
  if (!Number.isFinite(value)) throw new RangeError(`value must be finite, got ${value}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, sign = "", integer = "", fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(`${sign}${integer}${fraction}`);
  return exponent >= 0
    ? { numerator: digits * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator: digits, denominator: 10n ** BigInt(-exponent) };
}

/** numerator / denominator rounded half away from zero; denominator must be positive. */
export function divideRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}
