// A message with values in one string (issue 12: "at most {{max}} characters" reached people with
// its placeholder). Field errors travel as strings — conform, zod and the domain rules all speak
// strings — so a message with values is its i18n key and values as JSON: {"key":…,"params":{…}}.
// A message without values stays a bare key; text that is neither is shown as it is.
import type { Locale } from "./config";
import { formatDate, formatNumber } from "./format";

export type MessageParams = Record<string, string | number>;
export type Message = { key: string; params: MessageParams };

const ENCODED_PREFIX = '{"key":';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The key alone, or the key with its values: what a schema, a rule or an action puts in an error list. */
export function encodeMessage(key: string, params?: MessageParams): string {
  if (!params || Object.keys(params).length === 0) return key;
  return JSON.stringify({ key, params });
}

export function decodeMessage(text: string): Message {
  if (text.startsWith(ENCODED_PREFIX)) {
    try {
      const value = JSON.parse(text) as { key?: unknown; params?: unknown };
      if (typeof value.key === "string" && value.params && typeof value.params === "object") {
        const params: MessageParams = {};
        for (const [name, param] of Object.entries(value.params)) if (typeof param === "string" || typeof param === "number") params[name] = param;
        return { key: value.key, params };
      }
    } catch {
      // Not one of ours: shown as it is.
    }
  }
  return { key: text, params: {} };
}

/**
 * Values as the reader writes them: numbers grouped (4,000 / 4,000), calendar dates spelled out in
 * their language (1 March 2027 / 2027年3月1日). `count` stays a number: i18next picks plurals with it.
 */
export function localizeParams(params: MessageParams, locale: Locale): Record<string, string | number> {
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === "count") shown[name] = value;
    else if (typeof value === "number") shown[name] = formatNumber(value, locale);
    else if (ISO_DATE.test(value)) shown[name] = formatDate(value, locale, "long");
    else shown[name] = value;
  }
  return shown;
}

type Translate = (key: string, options?: Record<string, string | number>) => string;

/** The text of a message (encoded, a bare key, or already text) in the reader's language. */
export function translateMessage(t: Translate, text: string, locale: Locale): string {
  const { key, params } = decodeMessage(text);
  return t(key, localizeParams(params, locale));
}
