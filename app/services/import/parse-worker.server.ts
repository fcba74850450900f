// The import worker (worker_threads): loaded at run time from this file — never bundled into the
// server build — with a heap limit; parseImportFile (parse-import.server.ts) starts it ahead of
// time, sends it exactly one upload and terminates it after the result or at the deadline.
// Nothing here touches the database.
import { parentPort } from "node:worker_threads";
import { fileProblem } from "./result.server";
import { runParseJob, type ParseJob } from "./run-import.server";

export type WorkerMessage = { type: "ready" } | { type: "result"; result: Awaited<ReturnType<typeof runParseJob>> };

const port = parentPort;
if (!port) throw new Error("parse-worker.server.ts must run in a worker thread");

port.once("message", async (job: ParseJob) => {
  let message: WorkerMessage;
  try {
    message = { type: "result", result: await runParseJob(job) };
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
    message = { type: "result", result: fileProblem("parseFailed", { detail }) };
  }
  port.postMessage(message);
});
// Everything is loaded (exceljs, Ajv, the catalog): the job's deadline can start now.
port.postMessage({ type: "ready" } satisfies WorkerMessage);
