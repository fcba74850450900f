import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dateNamingValues,
  DEFAULT_LINE_NAME_TEMPLATE,
  listTemplateTokens,
  NAMING_TOKENS,
  renderLineName,
  slugNameValue,
  validateTemplate,
} from "~/domain/naming";

const VALUES = {
  client: "Maison Dupont",
  ecosystem: "Douyin",
  placement: "In-feed video",
  objective: "awareness",
  ...dateNamingValues("2026-03-04"),
};

describe("renderLineName", () => {
  it("renders the default template with slugged values", () => {
    expect(renderLineName(DEFAULT_LINE_NAME_TEMPLATE, VALUES)).toBe("Maison-Dupont_Douyin_In-feed-video_awareness_202603");
  });

  it("keeps Chinese characters, accents and case", () => {
    expect(renderLineName("{client}_{placement}", { client: "Crème Brûlée", placement: "直通车 搜索" })).toBe("Crème-Brûlée_直通车-搜索");
  });

  it("strips characters unsafe in file names and Excel, and never lets a value add a field", () => {
    expect(renderLineName("{client}_{placement}", { client: 'A/B: "C"*?', placement: "Tmall_Store [1] #2 <x>|y" })).toBe("A-B-C_Tmall-Store-1-2-x-y");
  });

  it("collapses the separators around an empty value", () => {
    expect(renderLineName(DEFAULT_LINE_NAME_TEMPLATE, { ...VALUES, placement: "" })).toBe("Maison-Dupont_Douyin_awareness_202603");
    expect(renderLineName(DEFAULT_LINE_NAME_TEMPLATE, { ...VALUES, client: undefined })).toBe("Douyin_In-feed-video_awareness_202603");
    expect(renderLineName("{client}-{kpi}", { client: "X" })).toBe("X");
  });

  it("matches tokens case-insensitively and leaves unknown tokens visible", () => {
    expect(renderLineName("{Client}_{ YYYYMM }", VALUES)).toBe("Maison-Dupont_202603");
    expect(renderLineName("{client}_{brand}", VALUES)).toBe("Maison-Dupont_{brand}");
  });

  it("never starts a name like a spreadsheet formula", () => {
    expect(renderLineName("{client}_{ecosystem}", { client: "=HYPERLINK()", ecosystem: "Baidu" })).toBe("HYPERLINK()_Baidu");
    expect(renderLineName("{client}", { client: "+86 Store" })).toBe("86-Store");
    expect(renderLineName("{client}", { client: "@brand" })).toBe("brand");
  });

  it("gives names without unsafe characters or leading formula signs, whatever the values", () => {
    const value = fc.string({ unit: fc.constantFrom(..."ab 中文/\\:*?\"<>|[]#%{}_=+-@.\t\n".split("")), maxLength: 20 });
    fc.assert(
      fc.property(value, value, value, (client, ecosystem, placement) => {
        const name = renderLineName(DEFAULT_LINE_NAME_TEMPLATE, { client, ecosystem, placement, objective: "awareness", yyyymm: "202603" });
        expect(name).not.toMatch(/[/\\:*?"<>|[\]#%{}\s]/);
        expect(name).not.toMatch(/^[=+\-@]/);
        expect(name).not.toMatch(/__/);
      }),
    );
  });
});

describe("slugNameValue", () => {
  it("turns spaces and separators into single hyphens and folds full-width characters", () => {
    expect(slugNameValue("  Tmall   Flagship  ")).toBe("Tmall-Flagship");
    expect(slugNameValue("Ｔｍａｌｌ　旗舰店")).toBe("Tmall-旗舰店");
    expect(slugNameValue("a - b")).toBe("a-b");
    expect(slugNameValue("***")).toBe("");
  });
});

describe("validateTemplate", () => {
  it("accepts the default template and every known token", () => {
    expect(validateTemplate(DEFAULT_LINE_NAME_TEMPLATE)).toEqual({ ok: true, unknownTokens: [], hasUnbalancedBraces: false, isEmpty: false });
    expect(validateTemplate(NAMING_TOKENS.map((t) => `{${t}}`).join("_")).ok).toBe(true);
    expect(validateTemplate("{CLIENT}-{Yyyy}").ok).toBe(true);
  });

  it("reports unknown tokens once each, unbalanced braces and empty templates", () => {
    expect(validateTemplate("{client}_{brand}_{market}_{brand}")).toEqual({ ok: false, unknownTokens: ["brand", "market"], hasUnbalancedBraces: false, isEmpty: false });
    expect(validateTemplate("{client}_{ecosystem")).toMatchObject({ ok: false, hasUnbalancedBraces: true });
    expect(validateTemplate("client}_{x}}")).toMatchObject({ ok: false, hasUnbalancedBraces: true, unknownTokens: ["x"] });
    expect(validateTemplate("  ")).toMatchObject({ ok: false, isEmpty: true });
    expect(validateTemplate("{}")).toMatchObject({ ok: false, unknownTokens: [""] });
  });

  it("lists tokens in order, as written", () => {
    expect(listTemplateTokens("{client}_{ Ecosystem }_x_{yyyymm}")).toEqual(["client", "Ecosystem", "yyyymm"]);
  });
});

describe("dateNamingValues", () => {
  it("gives year, month and year-month of a date", () => {
    expect(dateNamingValues("2026-12-28")).toEqual({ yyyy: "2026", mm: "12", yyyymm: "202612" });
  });
});
