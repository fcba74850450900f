// Money is integer minor units (fen, 0.01 CNY) everywhere (house style, rule 4). Parsing works on
// strings and BigInt so that no amount ever goes through floating-point arithmetic; the digits and
// separators are read by the one number reader (./numbers), money adds currency marks and 万/亿.
import { divideRoundHalfAwayFromZero, normaliseTyped, numberConventions, splitDigits, toDecimalFraction, type NumberLocale } from "./numbers";

export { divideRoundHalfAwayFromZero, toDecimalFraction, type NumberLocale } from "./numbers";

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

// Chinese magnitude suffixes as powers of ten: 千 10^3, 万 10^4, 亿 10^8.
const UNIT_EXPONENTS: Record<string, number> = { 千: 3, 万: 4, 亿: 8 };

const CURRENCY_PREFIX = /^([+-]?)\s*(?:¥|cny|rmb)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|块|cny|rmb|yuan)$/i;
const UNIT_SUFFIX = /\s*([千万亿])$/;

/**
 * Reads an amount typed by a person ("¥1,200.50", "1 200,50", "1.200,50", "RMB 3万", "1.5亿") into fen.
 *
 * Separators as splitDigits (./numbers) reads them, and since money has two decimals a lone mark
 * before three digits that the locale does not group with is asked about: "1,200" is 1200 in en and
 * "ambiguous" in fr.
 * Full-width characters (１２００，￥) are folded by NFKC.
 */
export function parseMoneyToFen(input: string, locale: NumberLocale): ParseMoneyResult {
  let text = normaliseTyped(input);
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

  const number = splitDigits(text, locale, { threeDecimals: "ask" });
  // Below zero is refused whatever else is wrong: "negative" is the clearer message.
  if (signs === "-" && (number.ok || number.error === "ambiguous") && /[1-9]/.test(text)) return { ok: false, error: "negative" };
  if (!number.ok) return number;

  const allowedDecimals = 2 + unitExponent;
  if (number.fraction.length > allowedDecimals) return { ok: false, error: "too-many-decimals" };
  const fen = BigInt(number.integer + number.fraction.padEnd(allowedDecimals, "0"));
  if (fen > BigInt(MAX_FEN)) return { ok: false, error: "too-large" };
  return { ok: true, fen: Number(fen) };
}

/** Fen as a plain decimal string for an edit field: 120050 → "1200.50" ("1200,50" for fr / nl). */
export function fenToYuanString(fen: number, locale: NumberLocale = "en"): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const digits = String(Math.abs(fen)).padStart(3, "0");
  const sign = fen < 0 ? "-" : "";
  return `${sign}${digits.slice(0, -2)}${numberConventions(locale).decimal}${digits.slice(-2)}`;
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
  const text = normaliseTyped(input);
  if (text === "") return { ok: false, error: "empty" };
  // A dot is always accepted (copied from a bank site); a comma only where it is the decimal mark.
  const signed = /^([+-]?)(.*)$/.exec(text)!;
  const number = splitDigits(signed[2] ?? "", locale, { grouping: false });
  if (!number.ok) return { ok: false, error: "not-a-number" };
  const normalised = `${number.integer}.${number.fraction || "0"}`;
  if (signed[1] === "-" || !/[1-9]/.test(normalised)) return { ok: false, error: "not-positive" };
  if (number.fraction.length > MAX_FX_RATE_DECIMALS) return { ok: false, error: "too-many-decimals" };
  const rate = Number(normalised);
  if (rate > MAX_FX_RATE) return { ok: false, error: "too-large" };
  return { ok: true, rate };
}
