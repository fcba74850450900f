// Spreadsheet benchmarks (issue 7). Not part of `npm test`: timings belong here, not in assertions.
// Run: node --import tsx tests/bench/spreadsheets.ts   (add --expose-gc for steadier memory figures)
//
// 1. XLSX export of 10,000 lines: time, peak RSS and heap, and the ratio to writing the very same
//    rows (read back from Qiao's file) with bare exceljs streaming — no derivation, styles,
//    validations or formulas.
// 2. Import of 5,000 rows through parseImportFile (prechecks + worker), cold and warm.
import { Writable } from "node:stream";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { derivePlan } from "../../app/domain/plan-derive";
import { exportPlanCsv, exportPlanOdsJson, exportPlanXlsx } from "../../app/services/export/index.server";
import { parseImportFile } from "../../app/services/import/index.server";
import { prewarmImportWorker, stopImportWorkers } from "../../app/services/import/parse-import.server";
import { buildFixtureCatalog, buildFixturePlan } from "../fixtures/plan-fixture";

const MB = 1024 * 1024;
const catalog = buildFixtureCatalog();

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Peak RSS and heap while `task` runs (sampled every 5 ms; the export yields to the event loop). */
async function measure<T>(task: () => Promise<T>): Promise<{ value: T; ms: number; peakRssMb: number; peakHeapMb: number; baseRssMb: number; baseHeapMb: number }> {
  gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  const value = await task();
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  return { value, ms, peakRssMb: peakRss / MB, peakHeapMb: peakHeap / MB, baseRssMb: base.rss / MB, baseHeapMb: base.heapUsed / MB };
}

/** A sink that only counts bytes, so the output file is never held in memory. */
function countingSink(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      sink.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

type SheetRows = { name: string; state: string; rows: unknown[][] };

/** Every row of every sheet of a workbook, as plain values (formula results instead of formulas). */
async function readRows(bytes: Buffer): Promise<SheetRows[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: "cache", styles: "cache", worksheets: "emit", hyperlinks: "ignore", entries: "ignore" });
  const sheets: SheetRows[] = [];
  for await (const worksheet of reader) {
    const sheetReader = worksheet as unknown as { name: string; state?: string } & AsyncIterable<ExcelJS.Row>;
    const sheet: SheetRows = { name: sheetReader.name, state: sheetReader.state ?? "visible", rows: [] };
    for await (const row of sheetReader) {
      sheet.rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "formula" in v ? (v as { result?: unknown }).result : v)));
    }
    sheets.push(sheet);
  }
  return sheets;
}

async function bareWrite(sheets: readonly SheetRows[], onlyFirst?: string): Promise<number> {
  const sink = countingSink();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: false });
  for (const sheet of sheets) {
    if (onlyFirst && sheet.name !== onlyFirst) continue;
    const ws = workbook.addWorksheet(sheet.name);
    for (const [i, values] of sheet.rows.entries()) {
      ws.addRow(values).commit();
      if (i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
    }
    ws.commit();
  }
  await workbook.commit();
  return sink.bytes;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function benchExport() {
  const snapshot = buildFixturePlan({ lineCount: 10_000 });
  console.log(`\nXLSX export of ${fmt(snapshot.lines.length)} lines`);
  // Warm up module loading and JIT on a small plan first.
  await exportPlanXlsx(buildFixturePlan(), catalog, "en");

  const derive = await measure(async () => derivePlan(snapshot, catalog, "en"));
  console.log(`  derivePlan alone:                 ${fmt(derive.ms)} ms`);

  const runs: Awaited<ReturnType<typeof measure<number>>>[] = [];
  for (let i = 0; i < 3; i++) {
    runs.push(
      await measure(async () => {
        const sink = countingSink();
        await exportPlanXlsx(snapshot, catalog, "en", { stream: sink });
        return sink.bytes;
      }),
    );
  }
  const best = runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
  console.log(`  Qiao export (best of 3):          ${fmt(best.ms)} ms, ${fmt(best.value / MB, 1)} MB file`);
  console.log(`  peak RSS / heap during export:    ${fmt(Math.max(...runs.map((r) => r.peakRssMb)))} MB / ${fmt(Math.max(...runs.map((r) => r.peakHeapMb)))} MB (before: ${fmt(best.baseRssMb)} MB / ${fmt(best.baseHeapMb)} MB)`);

  const bytes = await exportPlanXlsx(snapshot, catalog, "en");
  const sheets = await readRows(bytes);
  console.log(`  rows written: ${sheets.map((s) => `${s.name} ${fmt(s.rows.length)}`).join(", ")}`);
  const bare = [];
  for (let i = 0; i < 3; i++) bare.push(await measure(() => bareWrite(sheets)));
  const bareBest = bare.reduce((a, b) => (a.ms <= b.ms ? a : b));
  const bareLines = [];
  for (let i = 0; i < 3; i++) bareLines.push(await measure(() => bareWrite(sheets, "Line items")));
  const bareLinesBest = bareLines.reduce((a, b) => (a.ms <= b.ms ? a : b));
  console.log(`  bare exceljs, same rows (all sheets): ${fmt(bareBest.ms)} ms, peak RSS ${fmt(bareBest.peakRssMb)} MB / heap ${fmt(bareBest.peakHeapMb)} MB`);
  console.log(`  bare exceljs, Line items sheet only:  ${fmt(bareLinesBest.ms)} ms`);
  console.log(`  ratio Qiao / bare (same rows):    ${fmt(best.ms / bareBest.ms, 2)}  (aim ≤ 1.5)`);
  console.log(`  ratio Qiao / bare (Line items):   ${fmt(best.ms / bareLinesBest.ms, 2)}  (all five sheets vs one)`);
}

async function benchImport() {
  const snapshot = buildFixturePlan({ lineCount: 5_000 });
  const files: [string, Uint8Array][] = [
    ["plan.xlsx", await exportPlanXlsx(snapshot, catalog, "en")],
    ["plan.csv", Buffer.from(exportPlanCsv(snapshot, catalog, "en"), "utf8")],
    ["plan.json", Buffer.from(exportPlanOdsJson(snapshot, catalog), "utf8")],
  ];
  console.log(`\nImport of ${fmt(snapshot.lines.length)} rows (parseImportFile: prechecks + worker, deadline ${"4.5"} s)`);
  const context = { catalog, locale: "en" as const };
  const cold = await measure(() => parseImportFile({ bytes: files[0]![1], filename: "plan.xlsx", contentType: "" }, context));
  console.log(`  XLSX, cold worker:  ${fmt(cold.ms)} ms (${cold.value.ok ? `${cold.value.lines.length} lines` : cold.value.problem.code})`);
  prewarmImportWorker();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  for (const [name, bytes] of files) {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      runs.push(await measure(() => parseImportFile({ bytes, filename: name, contentType: "" }, context)));
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // let the next spare worker load
    }
    const best = runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
    const result = best.value;
    console.log(
      `  ${name.padEnd(10)} warm worker: ${fmt(best.ms)} ms (best of 3; ${fmt(bytes.length / MB, 2)} MB; ${result.ok ? `${result.lines.length} lines, ${result.problems.length} problems` : result.problem.code})  (aim < 5,000 ms)`,
    );
  }
  await stopImportWorkers();
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
await benchExport();
await benchImport();
