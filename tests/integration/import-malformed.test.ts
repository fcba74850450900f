// The malformed-file corpus (tests/fixtures/malformed, made by tests/fixtures/make-malformed.ts):
// every file answered 400 / 413 / 422 — or read into a preview whose error blocks applying (422) —
// with a problem that names it, the import path still working, Object.prototype clean. How long each
// answer takes is measured by tests/bench/timings.ts, not asserted here: a parse that ran past the
// worker's deadline would answer "parseTimeout", which no expectation below accepts.
import { statusOf } from "~/route-edge.server";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportPlanOdsJson, exportPlanXlsx } from "~/services/export/index.server";
import { IMPORT_LIMITS, parseImportFile, type ImportLimits, type ImportParseResult } from "~/services/import/index.server";
import { prewarmImportWorker, stopImportWorkers } from "~/services/import/parse-import.server";
import type { Worker } from "node:worker_threads";
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

function parse(bytes: Uint8Array, filename: string, limits?: Partial<ImportLimits>): Promise<ImportParseResult> {
  return parseImportFile({ bytes, filename, contentType: "application/octet-stream" }, context, limits ? { limits } : {});
}

/** The worker threads started while `task` runs (Node announces each on process "worker"), with how each ended. */
async function watchWorkers<T>(task: () => Promise<T>): Promise<{ value: T; workers: { exited: Promise<number> }[] }> {
  const workers: { exited: Promise<number> }[] = [];
  const onWorker = (worker: Worker) => workers.push({ exited: new Promise((resolve) => worker.once("exit", resolve)) });
  process.on("worker", onWorker);
  try {
    return { value: await task(), workers };
  } finally {
    process.off("worker", onWorker);
  }
}

function expectAnswered(result: ImportParseResult, expectation: Expectation) {
  if ("status" in expectation) {
    expect(result).toMatchObject({ ok: false, problem: { code: expectation.code, messageKey: `import.${expectation.code}` } });
    // The status the person gets: the failure's kind through the app's one map at the route edge.
    expect(result.ok ? null : statusOf(result.kind)).toBe(expectation.status);
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
    expectAnswered(await parse(readFileSync(path.join(DIR, file)), file), expectation);
    expectPrototypeClean();
  });

  it("leaves the import path working afterwards", async () => {
    expect(await parse(Buffer.from(exportPlanOdsJson(buildFixturePlan(), catalog), "utf8"), "plan.json")).toMatchObject({ ok: true, hasErrors: false });
  });
});

describe("the row cap (5,000 data rows), enforced while streaming", () => {
  const header = "name,placement,destination,budget_cny,start_date,end_date\r\n";
  const row = (i: number) => `Line ${i},wechat-moments,wechat-mini-program,${1_000 + i},2026-03-02,2026-03-29\r\n`;
  const csv = (count: number, bad?: number) => header + Array.from({ length: count }, (_, i) => (i + 2 === bad ? `Line ${i},Moments Ads,wechat-mini-program,1,2026-03-02,2026-03-29\r\n` : row(i))).join("");

  it("reads exactly 5,000 rows", async () => {
    expect(await parse(Buffer.from(csv(IMPORT_LIMITS.maxDataRows)), "plan.csv")).toMatchObject({ ok: true, hasErrors: false, dataRowCount: 5_000 });
  });

  it("refuses 5,001 rows of CSV", async () => {
    expect(await parse(Buffer.from(csv(IMPORT_LIMITS.maxDataRows + 1)), "plan.csv")).toMatchObject({ ok: false, kind: "too-large", problem: { code: "tooManyRows", params: { max: 5_000 } } });
  });

  it("stops reading a CSV at the cap: a NUL far past it is never reached", async () => {
    // The reader keeps at most 5,000 data rows + 10 rows of header search + 1 (limits.server.ts) and
    // aborts on the next one: record 5,012 here. The NUL sits in record 6,002; had the reader gone on,
    // the answer would be nulInCsv naming that row, not tooManyRows.
    const text = csv(6_000) + "Line NUL,wechat-moments,wechat-mini-program,1000,2026-03-02,\u00002026-03-29\r\n";
    expect(await parse(Buffer.from(text), "plan.csv")).toMatchObject({ ok: false, kind: "too-large", problem: { code: "tooManyRows", params: { max: 5_000 } } });
    expect(await parse(Buffer.from(csv(10) + "Line NUL,wechat-moments,wechat-mini-program,1000,2026-03-02,\u00002026-03-29\r\n"), "plan.csv")).toMatchObject({
      ok: false,
      problem: { code: "nulInCsv", params: { row: 12, column: "F" } },
    });
  });

  it("refuses an XLSX of 5,001 lines", async () => {
    const bytes = await exportPlanXlsx(buildFixturePlan({ lineCount: IMPORT_LIMITS.maxDataRows + 1 }), catalog, "en");
    expect(await parse(bytes, "plan.xlsx")).toMatchObject({ ok: false, kind: "too-large", problem: { code: "tooManyRows" } });
  });

  it("refuses an ODS document of 5,001 line items", async () => {
    const bytes = Buffer.from(exportPlanOdsJson(buildFixturePlan({ lineCount: IMPORT_LIMITS.maxDataRows + 1 }), catalog), "utf8");
    expect(await parse(bytes, "plan.json")).toMatchObject({ ok: false, kind: "too-large", problem: { code: "tooManyRows" } });
  });

  it("names one bad row at row 4,999 and reads nothing else into lines to apply", async () => {
    const result = await parse(Buffer.from(csv(IMPORT_LIMITS.maxDataRows, 4_999)), "plan.csv");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hasErrors).toBe(true);
    expect(result.problems.filter((p) => p.severity === "error")).toMatchObject([{ row: 4_999, column: "placement", code: "unknownPlacementDidYouMean" }]);
    expect(result.invalidRows).toEqual([{ row: 4_999, lineId: null }]);
  });
});

describe("the worker's limits", () => {
  it("answers “took too long” when the deadline passes, and the worker that was parsing is terminated", async () => {
    const bytes = await exportPlanXlsx(buildFixturePlan(), catalog, "en");
    // No spare: the parse gets a worker started now (the first announced), and a new spare follows it.
    await stopImportWorkers();
    const { value: result, workers } = await watchWorkers(() => parse(bytes, "plan.xlsx", { deadlineMs: 1 }));
    // seconds: the deadline in tenths of a second, as the message shows it (1 ms → 0).
    expect(result).toMatchObject({ ok: false, kind: "invalid", problem: { code: "parseTimeout", params: { seconds: 0 } } });
    expect(workers.length).toBeGreaterThanOrEqual(1);
    // worker.terminate() ends a thread with exit code 1; a worker that finished on its own would still be waiting for work.
    expect(await workers[0]!.exited).toBe(1);
  });

  it("answers “too big to read” when the parse runs out of its memory, and the server stays up", async () => {
    const bytes = await exportPlanXlsx(buildFixturePlan({ lineCount: 2_000 }), catalog, "en");
    expect(await parse(bytes, "plan.xlsx", { workerHeapMb: 16 })).toMatchObject({ ok: false, kind: "too-large", problem: { code: "parseOutOfMemory", params: { maxMb: 16 } } });
    expect(await parse(bytes, "plan.xlsx")).toMatchObject({ ok: true, hasErrors: false });
  });

  it("refuses an upload over 10 MB before reading it: no parse worker is started", async () => {
    await stopImportWorkers();
    const { value: result, workers } = await watchWorkers(() => parse(new Uint8Array(IMPORT_LIMITS.maxUploadBytes + 1), "big.xlsx"));
    expect(result).toMatchObject({ ok: false, kind: "too-large", problem: { code: "fileTooLarge", params: { maxMb: 10 } } });
    // Wait a turn of the event loop: a parse would start its spare on setImmediate.
    await new Promise((resolve) => setImmediate(resolve));
    expect(workers).toHaveLength(0);
    prewarmImportWorker();
  });
});
