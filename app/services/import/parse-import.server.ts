// parseImportFile: the one entry point for reading an uploaded plan (XLSX, CSV, ODS JSON).
// Cheap checks run here (size, magic bytes, zip central directory, text encoding); the parse runs
// off the request thread in a worker_threads Worker with a heap limit and a deadline, so a hostile
// file costs at most one terminated thread (reliability-security.md, "Spreadsheet and document import").
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Locale } from "../../domain/catalog";
import type { PlanCatalog } from "../../domain/plan-derive";
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import { precheckUpload, type UploadInput } from "./precheck.server";
import { fileProblem, type ImportParseResult } from "./result.server";
import type { ParseJob } from "./run-import.server";

export type { UploadInput };
export type ImportContext = { catalog: PlanCatalog; locale: Locale };
export type ParseOptions = { limits?: Partial<ImportLimits> };

/** The worker is a TypeScript file loaded at run time; the app always runs from the repository root. */
const WORKER_FILE = "app/services/import/parse-worker.server.ts";
/** Parses run at most this many at a time; more wait their turn (each may use up to the heap limit). */
const MAX_CONCURRENT_PARSES = 2;

let bootstrapUrl: URL | null = null;

/**
 * A tiny ES module that registers tsx's loader inside the worker and then imports the worker file.
 * (`execArgv: ["--import", "tsx"]` does not reach a worker's own module loader on Node 20: the
 * worker then fails with ERR_UNKNOWN_FILE_EXTENSION, so the hooks are registered from within.)
 */
function workerBootstrap(): URL {
  if (bootstrapUrl) return bootstrapUrl;
  const root = process.cwd();
  const require = createRequire(path.join(root, "package.json"));
  const tsxPackagePath = require.resolve("tsx/package.json");
  const tsxPackage = JSON.parse(readFileSync(tsxPackagePath, "utf8")) as { exports: Record<string, { import?: { default?: string } }> };
  const apiEntry = tsxPackage.exports["./esm/api"]?.import?.default ?? "./dist/esm/api/index.mjs";
  const apiUrl = pathToFileURL(path.join(path.dirname(tsxPackagePath), apiEntry)).href;
  const workerUrl = pathToFileURL(path.resolve(root, WORKER_FILE)).href;
  const code = `const { register } = await import(${JSON.stringify(apiUrl)}); register(); await import(${JSON.stringify(workerUrl)});`;
  bootstrapUrl = new URL(`data:text/javascript,${encodeURIComponent(code)}`);
  return bootstrapUrl;
}

let running = 0;
const waiting: (() => void)[] = [];

/** Runs the task when a parse slot is free; a finishing parse hands its slot straight to the next in line. */
async function withParseSlot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_PARSES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

type WorkerEvent = { kind: "ready" } | { kind: "result"; result: ImportParseResult } | { kind: "failed"; result: ImportParseResult };

/** A started worker and what it has said so far (it may be ready before anyone listens). */
type StartedWorker = { worker: Worker; heapMb: number; isReady: boolean; events: ((event: WorkerEvent) => void)[]; failure: ImportParseResult | null };

function startWorker(heapMb: number): StartedWorker {
  const worker = new Worker(workerBootstrap(), {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    stdout: false,
    stderr: false,
  });
  const started: StartedWorker = { worker, heapMb, isReady: false, events: [], failure: null };
  const emit = (event: WorkerEvent) => started.events.forEach((listener) => listener(event));
  worker.on("message", (message: { type: string; result?: ImportParseResult }) => {
    if (message.type === "ready") {
      started.isReady = true;
      emit({ kind: "ready" });
    } else if (message.type === "result" && message.result) emit({ kind: "result", result: message.result });
  });
  const fail = (result: ImportParseResult) => {
    started.failure ??= result;
    emit({ kind: "failed", result });
  };
  worker.on("error", (error: Error & { code?: string }) => {
    fail(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? fileProblem("parseOutOfMemory", { maxMb: heapMb }) : fileProblem("parseFailed", { detail: error.message.slice(0, 200) }));
  });
  worker.on("exit", () => fail(fileProblem("parseFailed", { detail: "worker exited" })));
  // An idle spare must not keep the process alive.
  worker.unref();
  return started;
}

/**
 * One spare worker, started after an upload so the next one does not wait for TypeScript and exceljs
 * to load. None at boot (the first upload starts its own), and a spare nobody takes is stopped after
 * SPARE_IDLE_MS: a server at rest holds no worker.
 */
let spare: StartedWorker | null = null;
let spareTimer: NodeJS.Timeout | undefined;
const SPARE_IDLE_MS = 10 * 60_000;

function keepSpare(started: StartedWorker): void {
  spare = started;
  clearTimeout(spareTimer);
  spareTimer = setTimeout(() => {
    if (spare !== started) return;
    spare = null;
    void started.worker.terminate();
  }, SPARE_IDLE_MS).unref();
}

function takeWorker(heapMb: number): StartedWorker {
  let taken = spare && spare.heapMb === heapMb && !spare.failure ? spare : null;
  if (spare && spare !== taken) void spare.worker.terminate();
  spare = null;
  taken ??= startWorker(heapMb);
  // The next upload's worker starts loading now, off this one's critical path.
  setImmediate(() => {
    if (!spare) keepSpare(startWorker(IMPORT_LIMITS.workerHeapMb));
  });
  return taken;
}

/** Starts the spare import worker ahead of the next upload (tests and benchmarks that time warm parses). */
export function prewarmImportWorker(): void {
  if (!spare) keepSpare(startWorker(IMPORT_LIMITS.workerHeapMb));
}

/** Stops the spare worker (tests, shutdown). */
export async function stopImportWorkers(): Promise<void> {
  const current = spare;
  spare = null;
  clearTimeout(spareTimer);
  if (current) await current.worker.terminate();
}

function runInWorker(job: ParseJob, limits: ImportLimits): Promise<ImportParseResult> {
  const started = takeWorker(limits.workerHeapMb);
  started.worker.ref();
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (result: ImportParseResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void started.worker.terminate();
      resolve(result);
    };
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => settle(fileProblem("parseTimeout", { seconds: Math.round(limits.deadlineMs / 100) / 10 })), ms);
    };
    const send = () => {
      arm(limits.deadlineMs);
      started.worker.postMessage(job);
    };
    started.events.push((event) => {
      if (event.kind === "ready") send();
      else settle(event.result);
    });
    if (started.failure) settle(started.failure);
    else if (started.isReady) send();
    else arm(limits.startupTimeoutMs);
  });
}

/**
 * Reads an uploaded plan. Whole-file problems come back as { ok: false, status, problem };
 * otherwise the campaign fields and lines the file carries, with every problem by row and column.
 * A result with hasErrors must not be applied (answer 422 with the preview).
 */
export async function parseImportFile(input: UploadInput, context: ImportContext, options: ParseOptions = {}): Promise<ImportParseResult> {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...options.limits };
  const checked = precheckUpload(input, limits);
  if (!checked.ok) return checked;
  const common = { catalog: context.catalog, locale: context.locale, limits };
  const job: ParseJob =
    checked.format === "xlsx"
      ? { format: "xlsx", bytes: input.bytes, namedAs: checked.namedAs, ...common }
      : { format: checked.format, text: checked.text, encoding: checked.encoding, ...common };
  return withParseSlot(() => runInWorker(job, limits));
}
