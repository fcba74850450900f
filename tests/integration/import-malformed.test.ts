// The malformed-file corpus (tests/fixtures/malformed, made by tests/fixtures/make-malformed.ts):
// every file answered 400 / 413 / 422 — or read into a preview whose error blocks applying (422) —
// with a problem that names it, within 5 s, the import path still working, Object.prototype clean.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportPlanOdsJson, exportPlanXlsx } from "~/services/export/index.server";
import { IMPORT_LIMITS, parseImportFile, type ImportLimits, type ImportParseResult } from "~/services/import/index.server";
import { prewarmImportWorker, stopImportWorkers } from "~/services/import/parse-import.server";
import type { Expectation } from "../fixtures/make-malformed";
import { buildFixtureCatalog, buildFixturePlan } from "../fixtures/plan-fixture";

const DIR = path.resolve(import.meta.dirname, "../fixtures/malformed");
const EXPECTED = JSON.parse(readFileSync(path.join(DIR, "expected.json"), "utf8")) as Record<string, Expectation>;
const catalog = buildFixtureCatalog();
const context = { catalog, locale: "en" as const };
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(() => prewarmImportWorker());
afterAll(() => stopImportWorkers());

function expectPrototypeClean() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call({}, "polluted")).toBe(false);
}

async function parseTimed(bytes: Uint8Array, filename: string, limits?: Partial<ImportLimits>): Promise<{ result: ImportParseResult; ms: number }> {
  const started = performance.now();
  const result = await parseImportFile({ bytes, filename, contentType: "application/octet-stream" }, context, limits ? { limits } : {});
  return { result, ms: performance.now() - started };
}

function expectAnswered(result: ImportParseResult, expectation: Expectation) {
  if ("status" in expectation) {
    expect(result).toMatchObject({ ok: false, status: expectation.status, problem: { code: expectation.code, messageKey: `import.${expectation.code}` } });
  } else {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hasErrors).toBe(true);
    const problem = result.problems.find((p) => p.code === expectation.problem && p.severity === "error");
    expect(problem, `an error ${expectation.problem}`).toBeDefined();
    expect(problem!.messageKey).toBe(`import.${expectation.problem}`);
    expect(problem!.row).not.toBeNull();
  }
}

describe("the malformed-file corpus", () => {
  it("has at least 20 files, each with an expectation", () => {
    const files = readdirSync(DIR).filter((file) => file !== "expected.json");
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s is answered as it should be", async (file, expectation) => {
    const { result, ms } = await parseTimed(readFileSync(path.join(DIR, file)), file);
    expectAnswered(result, expectation);
    expect(ms).toBeLessThan(5_000);
    expectPrototypeClean();
  });

  it("leaves the import path working afterwards", async () => {
    const { result } = await parseTimed(Buffer.from(exportPlanOdsJson(buildFixturePlan(), catalog), "utf8"), "plan.json");
    expect(result).toMatchObject({ ok: true, hasErrors: false });
  });
});

describe("the row cap (5,000 data rows), enforced while streaming", () => {
  const header = "name,placement,destination,budget_cny,start_date,end_date\r\n";
  const row = (i: number) => `Line ${i},wechat-moments,wechat-mini-program,${1_000 + i},2026-03-02,2026-03-29\r\n`;
  const csv = (count: number, bad?: number) => header + Array.from({ length: count }, (_, i) => (i + 2 === bad ? `Line ${i},Moments Ads,wechat-mini-program,1,2026-03-02,2026-03-29\r\n` : row(i))).join("");

  it("reads exactly 5,000 rows", async () => {
    const { result } = await parseTimed(Buffer.from(csv(IMPORT_LIMITS.maxDataRows)), "plan.csv");
    expect(result).toMatchObject({ ok: true, hasErrors: false, dataRowCount: 5_000 });
  });

  it("refuses 5,001 rows of CSV", async () => {
    const { result, ms } = await parseTimed(Buffer.from(csv(IMPORT_LIMITS.maxDataRows + 1)), "plan.csv");
    expect(result).toMatchObject({ ok: false, status: 413, problem: { code: "tooManyRows", params: { max: 5_000 } } });
    expect(ms).toBeLessThan(5_000);
  });

  it("refuses an XLSX of 5,001 lines", async () => {
    const bytes = await exportPlanXlsx(buildFixturePlan({ lineCount: IMPORT_LIMITS.maxDataRows + 1 }), catalog, "en");
    const { result, ms } = await parseTimed(bytes, "plan.xlsx");
    expect(result).toMatchObject({ ok: false, status: 413, problem: { code: "tooManyRows" } });
    expect(ms).toBeLessThan(5_000);
  });

  it("refuses an ODS document of 5,001 line items", async () => {
    const bytes = Buffer.from(exportPlanOdsJson(buildFixturePlan({ lineCount: IMPORT_LIMITS.maxDataRows + 1 }), catalog), "utf8");
    const { result } = await parseTimed(bytes, "plan.json");
    expect(result).toMatchObject({ ok: false, status: 413, problem: { code: "tooManyRows" } });
  });

  it("names one bad row at row 4,999 and reads nothing else into lines to apply", async () => {
    const { result } = await parseTimed(Buffer.from(csv(IMPORT_LIMITS.maxDataRows, 4_999)), "plan.csv");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hasErrors).toBe(true);
    expect(result.problems.filter((p) => p.severity === "error")).toMatchObject([{ row: 4_999, column: "placement", code: "unknownPlacementDidYouMean" }]);
    expect(result.invalidRows).toEqual([{ row: 4_999, lineId: null }]);
  });
});

describe("the worker's limits", () => {
  it("answers “took too long” when the deadline passes", async () => {
    const bytes = await exportPlanXlsx(buildFixturePlan(), catalog, "en");
    const { result, ms } = await parseTimed(bytes, "plan.xlsx", { deadlineMs: 1 });
    expect(result).toMatchObject({ ok: false, status: 422, problem: { code: "parseTimeout" } });
    expect(ms).toBeLessThan(5_000);
  });

  it("answers “too big to read” when the parse runs out of its memory, and the server stays up", async () => {
    const bytes = await exportPlanXlsx(buildFixturePlan({ lineCount: 2_000 }), catalog, "en");
    const { result } = await parseTimed(bytes, "plan.xlsx", { workerHeapMb: 16 });
    expect(result).toMatchObject({ ok: false, status: 413, problem: { code: "parseOutOfMemory", params: { maxMb: 16 } } });
    const { result: again } = await parseTimed(bytes, "plan.xlsx");
    expect(again).toMatchObject({ ok: true, hasErrors: false });
  });

  it("refuses an upload over 10 MB before reading it", async () => {
    const { result, ms } = await parseTimed(new Uint8Array(IMPORT_LIMITS.maxUploadBytes + 1), "big.xlsx");
    expect(result).toMatchObject({ ok: false, status: 413, problem: { code: "fileTooLarge", params: { maxMb: 10 } } });
    expect(ms).toBeLessThan(100);
  });
});
