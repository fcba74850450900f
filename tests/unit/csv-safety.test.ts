import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFormulaLike, neutraliseCsvText, restoreCsvText, toCsvRecords, UTF8_BOM, type CsvValue } from "~/domain/csv-safety";

describe("neutraliseCsvText (reliability-security.md, Export)", () => {
  it.each(["=SUM(A1:A9)", "+86 123", "-20% off", "@mention", "\tindent", "\rreturn", "=cmd|' /C calc'!A0"])("prefixes %j with an apostrophe", (text) => {
    expect(neutraliseCsvText(text)).toBe(`'${text}`);
    expect(isFormulaLike(text)).toBe(true);
  });

  it("leaves ordinary text alone, including text that merely contains those characters", () => {
    for (const text of ["Always-on", "a=b", "春季新品", "", " =not first", "100%"]) expect(neutraliseCsvText(text)).toBe(text);
  });

  it("is reversible, also for text that already starts with apostrophes", () => {
    expect(neutraliseCsvText("'=x")).toBe("''=x");
    expect(restoreCsvText("''=x")).toBe("'=x");
    expect(restoreCsvText("'plain")).toBe("'plain");
    fc.assert(
      fc.property(fc.string(), (text) => {
        const written = neutraliseCsvText(text);
        expect(restoreCsvText(written)).toBe(text);
        // What is written never starts a formula.
        expect(/^[=+\-@\t\r]/.test(written)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("toCsvRecords", () => {
  /** One field written alone, without its record's CRLF. */
  const toCsvField = (value: CsvValue) => toCsvRecords([[value]]).replace(/\r\n$/, "");
  const toCsvRecord = (values: CsvValue[]) => toCsvRecords([values]);

  it("writes numbers as numbers, negative ones too", () => {
    expect(toCsvField(-12.5)).toBe("-12.5");
    expect(toCsvField(0)).toBe("0");
    expect(toCsvField(null)).toBe("");
    expect(() => toCsvField(Number.NaN)).toThrow(RangeError);
  });

  it("neutralises, then quotes fields with separators, quotes, line breaks or edge spaces", () => {
    expect(toCsvField("=1+2")).toBe("'=1+2");
    expect(toCsvField('say "hi", then')).toBe('"say ""hi"", then"');
    expect(toCsvField("two\nlines")).toBe('"two\nlines"');
    expect(toCsvField("-1,5")).toBe("\"'-1,5\"");
    expect(toCsvField(" padded ")).toBe('" padded "');
  });

  it("ends records with CRLF and exposes the BOM Excel needs", () => {
    expect(toCsvRecord(["a", 1, null])).toBe("a,1,\r\n");
    expect(UTF8_BOM).toBe("\uFEFF");
    expect(toCsvRecords([["a", "b"], ["two\nlines", 2]])).toBe('a,b\r\n"two\nlines",2\r\n');
    expect(toCsvRecords([])).toBe("");
  });
});
