import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  convertFen,
  divideRoundHalfAwayFromZero,
  fenToYuanString,
  MAX_FEN,
  parseFxRate,
  parseMoneyToFen,
  toDecimalFraction,
  type NumberLocale,
  type ParseMoneyError,
} from "~/domain/money";

const LOCALES: readonly NumberLocale[] = ["en", "zh", "fr", "nl"];

// [input, expected fen or error] per locale.
type Row = [string, number | ParseMoneyError];

const everyLocale: Row[] = [
  ["1200", 120000],
  ["0", 0],
  ["¥1,200.50", 120050], // both marks: the last one is decimal, whatever the locale
  ["1.200,50", 120050],
  ["CNY 1200.5", 120050],
  ["RMB 1200.5", 120050],
  ["1200.5 元", 120050],
  ["1200 yuan", 120000],
  ["1 200", 120000], // a space only ever groups
  ["1\u00a0200,50", 120050], // no-break space (French)
  ["1\u202f200,50", 120050], // narrow no-break space (French, Intl output)
  ["1'200.50", 120050], // Swiss apostrophe
  ["1,200,000.50", 120000050],
  ["1.200.000", 120000000], // a repeated mark groups
  ["1,2", 120], // a lone mark before 1–2 digits can only be decimal
  ["1.2", 120],
  ["0,05", 5],
  [".5", 50],
  ["3万", 3000000],
  ["RMB 3万", 3000000],
  ["¥3万元", 3000000],
  ["3 万", 3000000],
  ["1.5亿", 15000000000],
  ["2千", 200000],
  ["1.2345万", 1234500], // 万 shifts four places, so four decimals are still whole fen
  ["100亿", MAX_FEN],
  ["１２００", 120000], // full-width digits from a Chinese IME
  ["￥１，２００．５", 120050],
  ["+12", 1200],
  ["  42  ", 4200],
  ["-0", 0],
  ["", "empty"],
  ["   ", "empty"],
  ["abc", "not-a-number"],
  ["¥", "not-a-number"],
  ["万", "not-a-number"],
  ["12abc", "not-a-number"],
  ["1,,200", "not-a-number"],
  ["1 ,200", "not-a-number"],
  ["12 00", "not-a-number"], // groups after the first have three digits
  ["1.", "not-a-number"],
  ["--5", "not-a-number"],
  ["1.2.3,4,5", "not-a-number"],
  ["€12", "not-a-number"], // other currencies are not silently taken as CNY
  ["-5", "negative"],
  ["−5", "negative"], // U+2212 minus sign
  ["-¥1,200", "negative"],
  ["¥-1,200", "negative"],
  ["1.2345", "too-many-decimals"],
  ["0,001", "too-many-decimals"], // "0,001" cannot be a grouping, so it is 3 decimals
  ["-1,200", "negative"], // refused as negative before any question of grouping
  ["1.123456万", 1123456], // 11 234.56 yuan
  ["1.1234567万", "too-many-decimals"],
  ["100亿零1", "not-a-number"],
  ["10000000000.01", "too-large"],
  ["101亿", "too-large"],
  ["99999999999999999999999", "too-large"],
];

// Lone "," or "." before exactly three digits: grouping where the locale groups with that mark,
// "ambiguous" where it would be the decimal mark (a 3-decimal amount, or one 1000× larger).
const byLocale: Record<NumberLocale, Row[]> = {
  en: [
    ["1,200", 120000],
    ["1.200", "ambiguous"],
    ["1234,567", "too-many-decimals"], // not a valid grouping, so decimal
    ["12,34", 1234],
  ],
  zh: [
    ["1,200", 120000],
    ["1.200", "ambiguous"],
    ["1,200万", 1200000000],
    ["1.200万", "ambiguous"],
  ],
  fr: [
    ["1,200", "ambiguous"],
    ["1.200", 120000], // dot grouping (Belgian usage)
    ["1 200,5", 120050],
    ["1200,50", 120050],
    ["1,5万", 1500000],
  ],
  nl: [
    ["1.200", 120000],
    ["1,200", "ambiguous"],
    ["€ 1.200,50", "not-a-number"],
    ["1.200,5", 120050],
  ],
};

function expectParse(input: string, locale: NumberLocale, expected: number | ParseMoneyError) {
  const result = parseMoneyToFen(input, locale);
  expect(result, `${JSON.stringify(input)} in ${locale}`).toEqual(
    typeof expected === "number" ? { ok: true, fen: expected } : { ok: false, error: expected },
  );
}

describe("parseMoneyToFen", () => {
  for (const locale of LOCALES) {
    it(`reads amounts the way people type them in ${locale}`, () => {
      for (const [input, expected] of everyLocale) expectParse(input, locale, expected);
    });
    it(`resolves lone separators by the ${locale} conventions`, () => {
      for (const [input, expected] of byLocale[locale]) expectParse(input, locale, expected);
    });
  }

  it("round-trips every amount it prints for editing, in every locale", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), fc.constantFrom(...LOCALES), (fen, locale) => {
        expect(parseMoneyToFen(fenToYuanString(fen, locale), locale)).toEqual({ ok: true, fen });
      }),
    );
  });

  it("reads grouped amounts exactly, without floating-point error", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 99 }), (yuan, cents) => {
        const grouped = yuan.toLocaleString("en-US");
        const typed = `¥${grouped}.${String(cents).padStart(2, "0")}`;
        expect(parseMoneyToFen(typed, "en")).toEqual({ ok: true, fen: yuan * 100 + cents });
      }),
    );
  });

  it("reads French-formatted amounts from Intl exactly", () => {
    const format = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (fen) => {
        const typed = format.format(fen / 100);
        expect(parseMoneyToFen(typed, "fr")).toEqual({ ok: true, fen });
      }),
    );
  });
});

describe("fenToYuanString", () => {
  it("prints fen with two decimals and no grouping", () => {
    expect(fenToYuanString(120050)).toBe("1200.50");
    expect(fenToYuanString(5)).toBe("0.05");
    expect(fenToYuanString(0)).toBe("0.00");
    expect(fenToYuanString(-120050)).toBe("-1200.50");
    expect(fenToYuanString(120050, "fr")).toBe("1200,50");
    expect(fenToYuanString(120050, "nl")).toBe("1200,50");
    expect(fenToYuanString(120050, "zh")).toBe("1200.50");
  });

  it("refuses a non-integer amount of fen", () => {
    expect(() => fenToYuanString(1.5)).toThrow(RangeError);
  });
});

describe("convertFen", () => {
  it("converts to the reporting currency's hundredths at CNY per unit", () => {
    expect(convertFen(780, 7.8)).toBe(100); // ¥7.80 = €1.00
    expect(convertFen(1_000_000, 7.8)).toBe(128205); // 128205.128… → down
    expect(convertFen(0, 7.8)).toBe(0);
  });

  it("rounds half away from zero (as Excel's ROUND)", () => {
    expect(convertFen(5, 2)).toBe(3); // 2.5 → 3
    expect(convertFen(3, 2)).toBe(2); // 1.5 → 2 (banker's would give 2 as well)
    expect(convertFen(1, 2)).toBe(1); // 0.5 → 1 (banker's would give 0)
    expect(convertFen(-5, 2)).toBe(-3);
    expect(convertFen(39, 7.8)).toBe(5); // 5.0 exactly: 7.8 is read as 78/10, not 7.7999…
  });

  it("is exact for rates with a short decimal form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), fc.integer({ min: 1, max: 10_000_000 }), (fen, rateMillionths) => {
        const rate = rateMillionths / 1_000_000;
        const expected = (BigInt(fen) * 1_000_000n * 2n + BigInt(rateMillionths)) / (2n * BigInt(rateMillionths));
        expect(convertFen(fen, rate)).toBe(Number(expected));
      }),
    );
  });

  it("refuses a rate that is not positive", () => {
    expect(() => convertFen(100, 0)).toThrow(RangeError);
    expect(() => convertFen(100, Number.NaN)).toThrow(RangeError);
  });
});

describe("parseFxRate", () => {
  it("reads rates with a dot everywhere and a comma where it is the decimal mark", () => {
    expect(parseFxRate("7.8")).toEqual({ ok: true, rate: 7.8 });
    expect(parseFxRate(" 7.812345 ", "zh")).toEqual({ ok: true, rate: 7.812345 });
    expect(parseFxRate("7,8", "fr")).toEqual({ ok: true, rate: 7.8 });
    expect(parseFxRate("7,8", "nl")).toEqual({ ok: true, rate: 7.8 });
    expect(parseFxRate("7.8", "nl")).toEqual({ ok: true, rate: 7.8 });
    expect(parseFxRate(".05")).toEqual({ ok: true, rate: 0.05 });
  });

  it("refuses what is not a usable rate", () => {
    expect(parseFxRate("")).toEqual({ ok: false, error: "empty" });
    expect(parseFxRate("7,8", "en")).toEqual({ ok: false, error: "not-a-number" });
    expect(parseFxRate("1,234.5")).toEqual({ ok: false, error: "not-a-number" });
    expect(parseFxRate("seven")).toEqual({ ok: false, error: "not-a-number" });
    expect(parseFxRate("0")).toEqual({ ok: false, error: "not-positive" });
    expect(parseFxRate("-7.8")).toEqual({ ok: false, error: "not-positive" });
    expect(parseFxRate("7.8123456")).toEqual({ ok: false, error: "too-many-decimals" });
    expect(parseFxRate("2000000")).toEqual({ ok: false, error: "too-large" });
  });
});

describe("toDecimalFraction", () => {
  it("reads a number by its shortest decimal form", () => {
    expect(toDecimalFraction(7.8)).toEqual({ numerator: 78n, denominator: 10n });
    expect(toDecimalFraction(0.012)).toEqual({ numerator: 12n, denominator: 1000n });
    expect(toDecimalFraction(1e-7)).toEqual({ numerator: 1n, denominator: 10_000_000n });
    expect(toDecimalFraction(1.5e21)).toEqual({ numerator: 1_500_000_000_000_000_000_000n, denominator: 1n });
    expect(toDecimalFraction(-2.5)).toEqual({ numerator: -25n, denominator: 10n });
    expect(() => toDecimalFraction(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("rounds quotients half away from zero", () => {
    expect(divideRoundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divideRoundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfAwayFromZero(4n, 3n)).toBe(1n);
  });
});
