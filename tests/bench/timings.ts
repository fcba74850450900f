// Timings the test suite used to assert (issue 13, "Tests that can mislead"): reported here, never
// asserted. The tests now say what each bound meant without a clock:
//   - tests/integration/import-malformed.test.ts: each malformed file's answer, the worker terminated at
//     its deadline, no worker started for an oversized upload, the CSV reader stopping at the row cap;
//   - tests/unit/login-dummy-hash.test.ts: an unknown e-mail runs one argon2id verification at the cost
//     of a real one, like a wrong password;
//   - tests/e2e/server.spec.ts: SIGTERM ends the process by itself with code 0 (not the forced exit).
// Run alone: node --import tsx tests/bench/timings.ts   (also the last part of `npm run bench`).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { exportPlanXlsx } from "../../app/services/export/index.server";
import { IMPORT_LIMITS, parseImportFile, type ImportLimits } from "../../app/services/import/index.server";
import { prewarmImportWorker, stopImportWorkers } from "../../app/services/import/parse-import.server";
import { buildFixtureCatalog, buildFixturePlan } from "../fixtures/plan-fixture";
import { startAppProcess } from "../support/app-process";
import { freePort } from "../support/pg-cluster";

const catalog = buildFixtureCatalog();
const MALFORMED = path.resolve(import.meta.dirname, "../fixtures/malformed");

const round = (ms: number) => Math.round(ms * 10) / 10;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function timedParse(bytes: Uint8Array, filename: string, limits?: Partial<ImportLimits>) {
  const started = performance.now();
  const result = await parseImportFile({ bytes, filename, contentType: "application/octet-stream" }, { catalog, locale: "en" }, limits ? { limits } : {});
  return { ms: performance.now() - started, answer: result.ok ? (result.hasErrors ? "preview with errors" : "ok") : `${result.kind} ${result.problem.code}` };
}

/** Each malformed file and each limit: how long until the answer (the tests used to require < 5 s, < 100 ms). */
export async function benchImportLimits(): Promise<Record<string, { answer: string; ms: number }>> {
  prewarmImportWorker();
  const rows: Record<string, { answer: string; ms: number }> = {};
  try {
    for (const file of readdirSync(MALFORMED).filter((name) => name !== "expected.json").sort()) {
      const { ms, answer } = await timedParse(readFileSync(path.join(MALFORMED, file)), file);
      rows[`malformed/${file}`] = { answer, ms: round(ms) };
    }
    const header = "name,placement,destination,budget_cny,start_date,end_date\r\n";
    const csv = header + Array.from({ length: IMPORT_LIMITS.maxDataRows + 1 }, (_, i) => `Line ${i},wechat-moments,wechat-mini-program,${1_000 + i},2026-03-02,2026-03-29\r\n`).join("");
    const cases: [string, () => Promise<{ ms: number; answer: string }>][] = [
      ["CSV of 5,001 rows", () => timedParse(Buffer.from(csv), "plan.csv")],
      ["XLSX of 5,001 lines", async () => timedParse(await exportPlanXlsx(buildFixturePlan({ lineCount: IMPORT_LIMITS.maxDataRows + 1 }), catalog, "en"), "plan.xlsx")],
      ["XLSX past a 1 ms deadline", async () => timedParse(await exportPlanXlsx(buildFixturePlan(), catalog, "en"), "plan.xlsx", { deadlineMs: 1 })],
      ["upload of 10 MB + 1 byte", () => timedParse(new Uint8Array(IMPORT_LIMITS.maxUploadBytes + 1), "big.xlsx")],
    ];
    for (const [name, run] of cases) {
      const { ms, answer } = await run();
      rows[name] = { answer, ms: round(ms) };
    }
  } finally {
    await stopImportWorkers();
  }
  return rows;
}

/**
 * The app as a process on its embedded database (demo seeded): login medians for an unknown e-mail
 * and a wrong password (interleaved, a fresh client address each, so no limit is reached), then how
 * long SIGTERM takes to end the process.
 */
export async function benchLoginAndShutdown(rounds = 15) {
  const app = await startAppProcess({ port: await freePort(), env: { QIAO_DATA_DIR: "memory://", QIAO_SEED_DEMO: "always", DATABASE_URL: "" } });
  let address = 0;
  const login = async (email: string) => {
    address++;
    const started = performance.now();
    const response = await fetch(`${app.baseUrl}/login`, {
      method: "POST",
      body: new URLSearchParams({ email, password: "definitely wrong" }),
      // The server trusts the loopback proxy: each attempt comes from its own address (TEST-NET-2).
      headers: { Origin: app.baseUrl, "X-Forwarded-For": `198.18.${Math.floor(address / 250)}.${(address % 250) + 1}` },
      redirect: "manual",
    });
    await response.arrayBuffer();
    if (response.status !== 400) throw new Error(`login of ${email} answered ${response.status}`);
    return performance.now() - started;
  };
  try {
    await login("warm-up@example.com");
    await login("lead@qiao-demo.example");
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < rounds; i++) {
      unknown.push(await login(`unknown-${i}@example.com`));
      wrong.push(await login("lead@qiao-demo.example"));
    }
    const started = performance.now();
    const code = await app.stop();
    const shutdownMs = performance.now() - started;
    return { rounds, unknownMedianMs: round(median(unknown)), wrongMedianMs: round(median(wrong)), ratio: Math.round((median(unknown) / median(wrong)) * 100) / 100, shutdownMs: round(shutdownMs), exitCode: code };
  } finally {
    await app.stop();
  }
}

export async function runTimings(): Promise<void> {
  console.log("\nImport answers (ms until the answer; the tests assert the answer, not the time):");
  console.table(await benchImportLimits());
  const server = await benchLoginAndShutdown();
  console.log("\nLogin: unknown e-mail vs wrong password (interleaved, medians), and SIGTERM to exit:");
  console.table({
    rounds: server.rounds,
    "unknown e-mail median ms": server.unknownMedianMs,
    "wrong password median ms": server.wrongMedianMs,
    "unknown / wrong": server.ratio,
    "SIGTERM → exit ms": server.shutdownMs,
    "exit code": server.exitCode,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runTimings();
