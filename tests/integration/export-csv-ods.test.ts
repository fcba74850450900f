// CSV and ODS exports as files: what a spreadsheet or another planning tool will actually read.
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { LINE_COLUMNS } from "~/domain/spreadsheet-columns";
import { contentDisposition, exportFileName, exportPlanCsv, exportPlanOdsJson, validateOdsDocument } from "~/services/export/index.server";
import { buildFixtureCatalog, buildFixturePlan } from "../fixtures/plan-fixture";

const catalog = buildFixtureCatalog();
const snapshot = buildFixturePlan();

describe("exportPlanCsv", () => {
  const csv = exportPlanCsv(snapshot, catalog, "en");
  const bytes = Buffer.from(csv, "utf8");
  const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;

  it("is UTF-8 with a BOM, CRLF records and a header row of stable keys", () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.split("\r\n")[0]).toBe(`\uFEFF${LINE_COLUMNS.filter((c) => c.inCsv).map((c) => c.key).join(",")}`);
    expect(rows).toHaveLength(snapshot.lines.length + 1);
    expect(csv).toContain("春季新品");
  });

  it("neutralises every text cell a spreadsheet would run as a formula, and only text cells", () => {
    const header = rows[0]!;
    const name = header.indexOf("name");
    const budget = header.indexOf("budget_cny");
    const names = rows.slice(1).map((row) => row[name]!);
    for (const cell of rows.slice(1).flat()) {
      if (/^[=+\-@\t\r]/.test(cell)) expect.fail(`unneutralised cell ${JSON.stringify(cell)}`);
    }
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/^'=SUM\(A1:A9\) /), expect.stringMatching(/^'\+86 /), expect.stringMatching(/^'-20% /), expect.stringMatching(/^'@brand /)]));
    // Amounts are plain numbers, unquoted in the file. Line 1 of the fixture (i = 0) has
    // 1,000,000 + (0 × 7,919,311 mod 90,000,000) + 0 = 1,000,000 fen = ¥10,000.00.
    expect(rows[1]![budget]).toBe("10000.00");
    expect(csv.split("\r\n")[1]).toContain(",10000.00,");
  });

  it("writes custom flighting per ISO week, to the fen", () => {
    const header = rows[0]!;
    // The first custom line of the fixture is line 4 (i = 3: modes cycle even, front, back, custom).
    // Worked out by hand from tests/fixtures/plan-fixture.ts:
    //   budget 1,000,000 + (3 × 7,919,311 mod 90,000,000 = 23,757,933) + 3 = 24,757,936 fen;
    //   dates 2026-03-11 (Wednesday of ISO week 11) to 2026-04-19 (Sunday of week 16): weeks 11–16;
    //   weights 1, 2, 3, 1, 2, 3 (sum 12): 24,757,936 / 12 = 2,063,161 rest 4, so a weight-1 week gets
    //   2,063,161 (rest 4/12), weight 2 4,126,322 (rest 8/12), weight 3 6,189,484 (rest 0); the 2 fen
    //   left over go to the largest rests, the two weight-2 weeks: 4,126,323 each. Sum: 24,757,936.
    const row = rows.find((r) => r[header.indexOf("line_id")] === "0b7e6c1a-0000-4000-8000-000000000004")!;
    expect(row[header.indexOf("custom_flighting")]).toBe(
      "2026-W11: 20631.61; 2026-W12: 41263.23; 2026-W13: 61894.84; 2026-W14: 20631.61; 2026-W15: 41263.23; 2026-W16: 61894.84",
    );
  });
});

describe("exportPlanOdsJson", () => {
  it("is a valid Media Plan Open Data Standard v3.0 document", () => {
    const document = JSON.parse(exportPlanOdsJson(snapshot, catalog, { createdByName: "Li Na", createdAt: new Date("2026-03-01T08:00:00Z") })) as Record<string, unknown>;
    expect(validateOdsDocument(document)).toEqual({ ok: true });
    expect((document.lineitems as unknown[]).length).toBe(snapshot.lines.length);
    expect(document.meta).toMatchObject({ created_by_name: "Li Na", created_at: "2026-03-01T08:00:00.000Z" });
  });
});

describe("file names", () => {
  it("are safe on every system and keep Chinese names readable", () => {
    expect(exportFileName({ name: "Spring launch 2026 — 春季新品", version: 7 }, "xlsx")).toBe("Spring-launch-2026-—-春季新品-v7.xlsx");
    expect(exportFileName({ name: '../a:b*"c"', version: 1 }, "csv")).toBe("..-a-b-c-v1.csv");
    expect(contentDisposition("春季-v1.csv")).toBe("attachment; filename=\"__-v1.csv\"; filename*=UTF-8''%E6%98%A5%E5%AD%A3-v1.csv");
  });
});
