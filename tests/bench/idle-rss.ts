// Memory at rest (issue 14, goal 7): the built server's RSS 15 s (and 5 s) after /healthz first
// answers, once on the embedded database (PGlite in a temporary data directory, as `npm start` runs
// it) and once on PostgreSQL (a fresh database, as tests/bench/server.ts makes it), both with the
// demo seeded. Worker threads are part of the process's RSS; child processes, if any, are added
// from /proc. Figures for the issue notes, never asserted.
// Run alone: node --import tsx tests/bench/idle-rss.ts   (uses the current build/, does not build)
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startAppProcess } from "../support/app-process";
import { freePort } from "../support/pg-cluster";
import { startBenchServer } from "./server";

export type ProcessMemory = {
  pid: number;
  /** Resident set (VmRSS), worker threads included. */
  rssMb: number;
  /** Of which anonymous memory (heaps, PGlite's WebAssembly memory) and mapped files (code, libraries). */
  anonMb: number;
  fileMb: number;
  /** The highest RSS since the process started (VmHWM): start-up, migrations and the seed. */
  peakMb: number;
  threads: number;
};

export type IdleRss = {
  /** pglite-restart: the second start on the same data directory (no initdb, migrations or seed left to do). */
  database: "pglite" | "pglite-restart" | "postgres";
  /** Server RSS plus its child processes' RSS, at the end of the idle wait. */
  totalMb: number;
  /** The highest total seen while idle (sampled every 500 ms). */
  idleMaxMb: number;
  /** The total 5 s into the idle wait (the server collects its start-up garbage once ready; the heap shrinks over the next seconds). */
  at5sMb: number;
  server: ProcessMemory;
  children: ProcessMemory[];
  /** From the server's start to its first healthy /healthz. */
  startMs: number;
};

/** How long the server stays idle before its figures are read (the at-rest figure). */
const IDLE_MS = 15_000;

export type IdleRssOptions = {
  /** How long to stay idle after /healthz answers before reading the figures. */
  idleMs?: number;
  /** PostgreSQL server for the second run (a database is created and dropped on it). */
  adminUrl?: string;
  /** Extra environment for both runs. */
  env?: Record<string, string>;
};

const MB = 1024 * 1024;

/** A /proc/<pid>/status field in MB (the kernel reports kB); 0 when absent. */
function statusMb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? (Number(match[1]) * 1024) / MB : 0;
}

async function processMemory(pid: number): Promise<ProcessMemory | null> {
  let status: string;
  try {
    status = await readFile(`/proc/${pid}/status`, "utf8");
  } catch {
    return null; // gone meanwhile
  }
  return {
    pid,
    rssMb: statusMb(status, "VmRSS"),
    anonMb: statusMb(status, "RssAnon"),
    fileMb: statusMb(status, "RssFile"),
    peakMb: statusMb(status, "VmHWM"),
    threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0),
  };
}

/** Every descendant process of `pid` (children, their children …), from each process's parent in /proc. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // exited while listing
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

async function sample(pid: number): Promise<{ server: ProcessMemory; children: ProcessMemory[]; totalMb: number }> {
  const server = await processMemory(pid);
  if (!server) throw new Error(`Server process ${pid} is gone`);
  const children = (await Promise.all((await descendants(pid)).map(processMemory))).filter((m): m is ProcessMemory => m !== null);
  return { server, children, totalMb: server.rssMb + children.reduce((sum, child) => sum + child.rssMb, 0) };
}

async function idleFigures(database: IdleRss["database"], pid: number, startMs: number, idleMs: number): Promise<IdleRss> {
  let idleMaxMb = 0;
  let at5sMb = 0;
  const from = Date.now();
  const until = from + idleMs;
  for (;;) {
    const now = await sample(pid);
    idleMaxMb = Math.max(idleMaxMb, now.totalMb);
    if (Date.now() - from <= 5_000) at5sMb = now.totalMb;
    if (Date.now() >= until) return { database, ...now, idleMaxMb, at5sMb, startMs };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The built server on the embedded database, in a temporary data directory (removed afterwards):
 * its first start, which creates the database (initdb), migrates and seeds it, or with `restart` the
 * start after that one on the same directory.
 */
export async function measurePgliteIdleRss(options: IdleRssOptions & { restart?: boolean } = {}): Promise<IdleRss> {
  const dir = await mkdtemp(path.join(tmpdir(), "qiao-idle-rss-"));
  // DATABASE_URL "" so a URL in the caller's environment does not switch the driver.
  const env = { DATABASE_URL: "", QIAO_DATA_DIR: path.join(dir, "data"), QIAO_SEED_DEMO: "always", ...options.env };
  try {
    if (options.restart) await (await startAppProcess({ port: await freePort(), env })).stop();
    const started = performance.now();
    const app = await startAppProcess({ port: await freePort(), env });
    try {
      return await idleFigures(options.restart ? "pglite-restart" : "pglite", app.child.pid!, performance.now() - started, options.idleMs ?? IDLE_MS);
    } finally {
      await app.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The built server on PostgreSQL: a fresh database on `adminUrl`, dropped afterwards. */
export async function measurePostgresIdleRss(options: IdleRssOptions = {}): Promise<IdleRss> {
  const adminUrl = options.adminUrl ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const started = performance.now();
  const server = await startBenchServer({ port: await freePort(), adminUrl, env: { QIAO_SEED_DEMO: "always", ...options.env } });
  try {
    return await idleFigures("postgres", server.child.pid!, performance.now() - started, options.idleMs ?? IDLE_MS);
  } finally {
    await server.stop();
  }
}

/**
 * Idle RSS of the built server on PGlite (first start on a new data directory, and the start after
 * it), then on PostgreSQL: one server at a time, never two at once.
 */
export async function measureIdleRss(options: IdleRssOptions = {}): Promise<{ pglite: IdleRss; pgliteRestart: IdleRss; postgres: IdleRss }> {
  const pglite = await measurePgliteIdleRss(options);
  const pgliteRestart = await measurePgliteIdleRss({ ...options, restart: true });
  const postgres = await measurePostgresIdleRss(options);
  return { pglite, pgliteRestart, postgres };
}

export function printIdleRss(results: IdleRss[]): void {
  const mb = (n: number) => n.toFixed(0);
  console.table(
    Object.fromEntries(
      results.map((r) => [
        r.database,
        {
          "idle RSS MB (server + children)": mb(r.totalMb),
          "at 5 s": mb(r.at5sMb),
          "max while idle": mb(r.idleMaxMb),
          "anon / file MB": `${mb(r.server.anonMb)} / ${mb(r.server.fileMb)}`,
          "peak since start (VmHWM)": mb(r.server.peakMb),
          threads: r.server.threads,
          "child processes": r.children.length ? r.children.map((c) => `${c.pid}: ${mb(c.rssMb)} MB`).join(", ") : "none",
          "start to healthy ms": mb(r.startMs),
        },
      ]),
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const idleMs = Number(process.env.BENCH_IDLE_SECONDS ?? 15) * 1000;
  const { pglite, pgliteRestart, postgres } = await measureIdleRss({ idleMs });
  console.log(`\nIdle RSS of the built server, ${idleMs / 1000} s after /healthz first answered (demo seeded; aim on PGlite ≤ 350 MB)`);
  printIdleRss([pglite, pgliteRestart, postgres]);
}
