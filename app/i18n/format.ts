import { INTL_TAGS, type Locale } from "./config";

// Intl formatters are costly to build: cache them per locale and option set.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let format = cache.get(key) as F | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(INTL_TAGS[locale], options));
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(INTL_TAGS[locale], options));
}

/** Money held as integer minor units (fen for CNY). */
export function formatMoney(minorUnits: number, locale: Locale, currency = "CNY", options: { compact?: boolean } = {}): string {
  const format = numberFormat(locale, {
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
    ...(options.compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
  });
  return format.format(minorUnits / 100);
}

export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, options).format(value);
}

export function formatPercent(ratio: number, locale: Locale, fractionDigits = 0): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: fractionDigits }).format(ratio);
}

/** An ISO `YYYY-MM-DD` calendar date, formatted without time-zone drift. */
export function formatDate(isoDate: string, locale: Locale, style: "medium" | "short" | "long" = "medium"): string {
  return dateFormat(locale, { dateStyle: style, timeZone: "UTC" }).format(utcDate(isoDate));
}

/** The month and year of an ISO date ("Jan 2027", "2027年1月"), for calendar headings. */
export function formatMonth(isoDate: string, locale: Locale): string {
  return dateFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(utcDate(isoDate));
}

/** The day of the month alone ("4", "4日"), under a month heading. */
export function formatDayOfMonth(isoDate: string, locale: Locale): string {
  return dateFormat(locale, { day: "numeric", timeZone: "UTC" }).format(utcDate(isoDate));
}

function utcDate(isoDate: string): Date {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

export function formatDateTime(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return dateFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
