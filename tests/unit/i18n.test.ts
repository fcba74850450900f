import { describe, expect, it } from "vitest";
import { pickLocale } from "~/i18n/config";
import en from "~/i18n/en";
import zh from "~/i18n/zh";
import { formatDate, formatDayOfMonth, formatMoney, formatMonth, formatNumber, formatPercent } from "~/i18n/format";

describe("pickLocale (Accept-Language)", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh"],
    ["en-US,en;q=0.9,zh-CN;q=0.8", "en"],
    ["fr-FR,fr;q=0.9,zh;q=0.5,en;q=0.4", "zh"],
    ["fr-FR, nl;q=0.8", "en"],
    ["en;q=0.1, zh-TW;q=0.5", "zh"],
    ["zh;q=0, en", "en"],
    ["garbage;;;", "en"],
  ])("%s → %s", (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });
});

describe("resources", () => {
  const keys = (value: object, prefix = ""): string[] =>
    Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));

  it("Chinese has exactly the English keys, none empty", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
    const empty = keys(zh).filter((key) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], zh) === "");
    expect(empty).toEqual([]);
  });

  it("Chinese strings keep every interpolation of the English ones", () => {
    const lookup = (obj: object, key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const key of keys(en)) {
      // A value given in each language (suggestionEn / suggestionZh) counts as the same variable.
      const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]!.replace(/(En|Zh)$/, "")).sort();
      expect({ key, vars: vars(lookup(zh, key)) }).toEqual({ key, vars: vars(lookup(en, key)) });
    }
  });
});

describe("Intl formatting", () => {
  it("money from fen, in each language", () => {
    expect(formatMoney(120_050, "en")).toBe("¥1,200.50");
    expect(formatMoney(120_050, "zh")).toBe("¥1,200.50");
    expect(formatMoney(-5, "en")).toBe("-¥0.05");
    expect(formatMoney(780_000, "en", "EUR")).toBe("€7,800.00");
  });

  it("calendar dates without time-zone drift", () => {
    expect(formatDate("2026-03-02", "en", "long")).toBe("2 March 2026");
    expect(formatDate("2026-03-02", "zh", "long")).toBe("2026年3月2日");
    expect(formatDate("2026-12-31", "en", "short")).toBe("31/12/2026");
  });

  it("calendar headings: month and year, then the day alone, without time-zone drift", () => {
    expect(formatMonth("2027-01-31", "en")).toBe("Jan 2027");
    expect(formatMonth("2027-01-31", "zh")).toBe("2027年1月");
    expect(formatDayOfMonth("2027-02-01", "en")).toBe("1");
    expect(formatDayOfMonth("2027-02-01", "zh")).toBe("1日");
  });

  it("numbers and percentages", () => {
    expect(formatNumber(1_234_567, "en")).toBe("1,234,567");
    expect(formatPercent(0.125, "en", 1)).toBe("12.5%");
  });
});
