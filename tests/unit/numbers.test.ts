// Issue 13, "Numbers are parsed two ways": one reader for a number typed in a form and the same
// text in an imported sheet, with separators from the locale and one rounding rule for rates.
import { parseWithZod } from "@conform-to/zod/v4";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PLACEMENTS } from "~/domain/catalog";
import { numberConventions, numberToTypedText, parseNumber, parseRatio, parseWholeNumber, RATIO_DECIMALS, ratioFromNumber, ratioToPercentText, type NumberLocale } from "~/domain/numbers";
import { benchmarkSchema } from "~/services/forms/catalog.server";
import { saveMeasurementSchema } from "~/services/forms/measurement.server";
import { DuplicateCampaignSchema, kpiTargetToInput, readKpiTarget } from "~/services/forms/planner.server";
import { readInteger, readNumber, readRatio } from "~/services/import/cells.server";

const LOCALES: readonly NumberLocale[] = ["en", "zh", "fr", "nl"];
const text = (value: string) => ({ kind: "text", text: value }) as const;

describe("numberConventions", () => {
  it("takes the decimal mark and the grouping from Intl, for any locale it is given", () => {
    for (const locale of LOCALES) {
      const parts = new Intl.NumberFormat(locale).formatToParts(1234.5);
      expect(numberConventions(locale).decimal, locale).toBe(parts.find((p) => p.type === "decimal")!.value);
      expect(numberConventions(locale).groups, locale).not.toContain(numberConventions(locale).decimal);
    }
  });
});

describe("parseNumber reads numbers as each locale types them", () => {
  const cases: Record<NumberLocale, [string, number | "not-a-number" | "empty"][]> = {
    en: [
      ["1,200", 1200],
      ["1,234,567.5", 1234567.5],
      ["1 234.5", 1234.5],
      ["1.234,5", 1234.5], // both marks: the last is the decimal one
      ["1.5", 1.5],
      ["1.200", 1.2], // "." is the English decimal mark (money asks: an amount has two decimals)
      ["1.125", 1.125],
      ["-3", -3],
      ["−3", -3], // U+2212
      ["１２００", 1200], // full-width
      ["", "empty"],
      ["lots", "not-a-number"],
      ["1e3", "not-a-number"],
    ],
    zh: [
      ["1,200", 1200],
      ["12,5", 12.5],
      ["0.125", 0.125],
      ["1.200", 1.2],
    ],
    fr: [
      ["1 234,5", 1234.5],
      ["1\u202f234,5", 1234.5], // narrow no-break space, as Intl writes French
      ["1.234,5", 1234.5],
      ["1,200", 1.2], // "," is the French decimal mark
      ["1.200", 1200],
      ["7,25", 7.25],
    ],
    nl: [
      ["1.234,5", 1234.5],
      ["1.200", 1200],
      ["1,200", 1.2],
      ["0,5", 0.5],
    ],
  };
  for (const locale of LOCALES) {
    it(locale, () => {
      for (const [typed, expected] of cases[locale]) {
        expect(parseNumber(typed, locale), `${JSON.stringify(typed)} in ${locale}`).toEqual(typeof expected === "number" ? { ok: true, value: expected } : { ok: false, error: expected });
      }
    });
  }

  it("reads back what Intl prints, in every locale", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.constantFrom(...LOCALES), (hundredths, locale) => {
        const printed = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(hundredths / 100);
        expect(parseNumber(printed, locale)).toEqual({ ok: true, value: hundredths / 100 });
      }),
    );
  });

  it("reads back what it writes for an edit field, in every locale", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom(...LOCALES), (value, locale) => {
        expect(parseNumber(numberToTypedText(value, locale), locale)).toEqual({ ok: true, value: value === 0 ? 0 : value });
      }),
    );
  });

  it("whole numbers: a fraction is refused, a zero fraction is not", () => {
    expect(parseWholeNumber("3,0", "fr")).toEqual({ ok: true, value: 3 });
    expect(parseWholeNumber("2,5", "fr")).toEqual({ ok: false, error: "not-whole" });
    expect(parseWholeNumber("-52", "en")).toEqual({ ok: true, value: -52 });
    expect(parseWholeNumber("1,200", "en")).toEqual({ ok: true, value: 1200 });
  });
});

describe("parseRatio: one reading and one rounding for every rate", () => {
  it("reads percentages in each locale, and bare numbers as the field says", () => {
    expect(parseRatio("15 %", "en", "ratio")).toEqual({ ok: true, value: 0.15 });
    expect(parseRatio("15%", "zh", "ratio")).toEqual({ ok: true, value: 0.15 });
    expect(parseRatio("12,5\u00a0%", "fr", "ratio")).toEqual({ ok: true, value: 0.125 });
    expect(parseRatio("12,5%", "nl", "percent")).toEqual({ ok: true, value: 0.125 });
    expect(parseRatio("0.15", "en", "ratio")).toEqual({ ok: true, value: 0.15 });
    expect(parseRatio("15", "en", "percent")).toEqual({ ok: true, value: 0.15 });
    expect(parseRatio("1,2", "en", "percent")).toEqual({ ok: true, value: 0.012 });
    expect(parseRatio("１５％", "zh", "ratio")).toEqual({ ok: true, value: 0.15 });
  });

  it("is exact where floating point is not (1.1 % is 0.011, not 0.011000000000000001)", () => {
    expect(parseRatio("1.1%", "en", "ratio")).toEqual({ ok: true, value: 0.011 });
    expect(parseRatio("7", "en", "percent")).toEqual({ ok: true, value: 0.07 });
  });

  it(`keeps ${RATIO_DECIMALS} decimals, half away from zero, whichever way the rate arrives`, () => {
    expect(parseRatio("1.23455", "en", "percent")).toEqual({ ok: true, value: 0.012346 });
    expect(parseRatio("1.23454%", "en", "ratio")).toEqual({ ok: true, value: 0.012345 });
    expect(parseRatio("0.0123455", "en", "ratio")).toEqual({ ok: true, value: 0.012346 });
    expect(ratioFromNumber(0.0123455)).toEqual({ ok: true, value: 0.012346 });
  });

  it("refuses what is no share, with the number read when it is over one", () => {
    expect(parseRatio("-1%", "en", "ratio")).toEqual({ ok: false, error: "negative" });
    expect(parseRatio("150%", "en", "ratio")).toEqual({ ok: false, error: "above-one", value: 1.5 });
    expect(parseRatio("35", "en", "ratio")).toEqual({ ok: false, error: "above-one", value: 35 });
    expect(parseRatio("101", "en", "percent")).toMatchObject({ ok: false, error: "above-one" });
    expect(parseRatio("abc %", "en", "ratio")).toEqual({ ok: false, error: "not-a-number" });
  });

  it("writes a ratio back as the percentage parseRatio reads again", () => {
    expect(ratioToPercentText(0.07)).toBe("7");
    expect(ratioToPercentText(0.0125, "fr")).toBe("1,25");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** RATIO_DECIMALS }), fc.constantFrom(...LOCALES), (millionths, locale) => {
        const ratio = millionths / 10 ** RATIO_DECIMALS;
        expect(parseRatio(ratioToPercentText(ratio, locale), locale, "percent")).toEqual({ ok: true, value: ratio });
      }),
    );
  });
});

describe("a form and an import read the same text the same way", () => {
  // A KPI target typed in the line form against the same text in the importer's column for it.
  const pairs = [
    { kind: "numbers", kpiId: "clicks", readCell: readNumber, typed: ["1,200", "1 234.5", "1.234,5", "0.125", "42"] },
    { kind: "rates", kpiId: "ctr", readCell: readRatio, typed: ["15 %", "1.1%", "0.15", "0.0123455", "35", "-2%"] },
  ] as const;

  it.each(LOCALES.flatMap((locale) => pairs.map((pair) => ({ locale, ...pair }))))("$kind in $locale", ({ locale, kpiId, readCell, typed }) => {
    for (const value of typed) {
      const form = readKpiTarget(kpiId, value, locale);
      const cell = readCell(text(value), locale);
      expect(form.ok, `${value} in ${locale}`).toBe(cell.ok);
      if (form.ok && cell.ok) expect(form.value).toBe(cell.value);
    }
  });

  it("a percentage field (benchmark CTR, binding rate) reads as the importer reads the same text with a % sign", () => {
    const placement = PLACEMENTS[0]!;
    for (const typed of ["1.2", "0.5", "12,5"]) {
      const benchmark = parseWithZod(formData({ intent: "set-benchmarks", placementId: placement.id, ctr: typed }), { schema: benchmarkSchema("en") });
      const measurement = parseWithZod(formData({ intent: "save-measurement", lineId: "3f2b8c1e-7d4a-4b6e-9c2f-1a5d8e7b6c4d", version: "1", bindingRate: typed }), { schema: saveMeasurementSchema("en") });
      const imported = readRatio(text(`${typed}%`), "en");
      expect(benchmark.status === "success" && benchmark.value.ctr).toBe(imported.ok && imported.value);
      expect(measurement.status === "success" && measurement.value.bindingRate).toBe(imported.ok && imported.value);
    }
  });

  it("whole numbers (lag days, weeks) as the importer's integer cell", () => {
    const measurement = parseWithZod(formData({ intent: "save-measurement", lineId: "3f2b8c1e-7d4a-4b6e-9c2f-1a5d8e7b6c4d", version: "1", lagDays: "1,200" }), { schema: saveMeasurementSchema("en") });
    expect(measurement.status).toBe("error"); // over a year, though read as 1200 like the importer
    expect(readInteger(text("1,200"), "en")).toMatchObject({ ok: true, value: 1200 });
    const weeks = parseWithZod(formData({ copyName: "Copy", shiftWeeks: "52" }), { schema: DuplicateCampaignSchema("fr") });
    expect(weeks.status === "success" && weeks.value.shiftWeeks).toBe(52);
    expect(parseWithZod(formData({ copyName: "Copy", shiftWeeks: "2,5" }), { schema: DuplicateCampaignSchema("fr") }).status).toBe("error");
    expect(parseWithZod(formData({ copyName: "Copy" }), { schema: DuplicateCampaignSchema("en") })).toMatchObject({ status: "success", value: { shiftWeeks: 0 } });
    // The copy's name is refused, not cut, when it is too long, and is required.
    expect(parseWithZod(formData({ copyName: "x".repeat(161) }), { schema: DuplicateCampaignSchema("en") }).status).toBe("error");
    expect(parseWithZod(formData({ copyName: "  " }), { schema: DuplicateCampaignSchema("en") }).status).toBe("error");
  });

  it("a stored KPI target typed back reads as the same value, in every locale", () => {
    for (const locale of LOCALES) {
      for (const [kpiId, value] of [["ctr", 0.0125], ["clicks", 1234.5], ["gmv", 80_000_000]] as const) {
        expect(readKpiTarget(kpiId, kpiTargetToInput(kpiId, value, locale), locale), `${kpiId} in ${locale}`).toEqual({ ok: true, value });
      }
    }
  });
});

function formData(values: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) form.set(name, value);
  return form;
}
