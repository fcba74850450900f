import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema/index";

/** One typed handle, whichever driver runs underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  driver: "pglite" | "postgres";
  /** Where the data lives, without credentials (for log lines). */
  location: string;
  migrate(): Promise<void>;
  /**
   * LISTEN on a channel: onNotice gets each payload; onListen runs each time the listen is (re)established
   * (after a reconnect, notices sent meanwhile are lost: the caller resynchronises). Returns unlisten.
   */
  listen(channel: string, onNotice: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  /** Runs start-up work (migrations, catalog sync, demo seed) one instance at a time across every app process. */
  withStartupLock<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

// Any fixed number: the advisory lock that serializes start-up work between app instances.
const STARTUP_LOCK_KEY = 727_175_001;

export type DatabaseOptions = {
  /** postgres:// URL: use PostgreSQL through postgres.js. */
  url?: string;
  /** PGlite data directory, or "memory://" (used when no url is given). */
  dataDir?: string;
  /** postgres.js pool size. */
  maxConnections?: number;
};

/**
 * Every SQL statement the app sends through drizzle, counted (benchmarks and tests check that counts
 * stay flat). One counter per process, on globalThis like the handle itself (app/db.server.ts): the
 * server build bundles its own copy of this module, and a handle opened by either copy counts here.
 */
const counterHolder = globalThis as typeof globalThis & { __qiaoQueryCounter?: QueryCounter };
/** `recorded`, when a test sets it to an array, receives the text of each statement (to tell which ones a count is made of). */
export type QueryCounter = { count: number; recorded?: string[] };
export const queryCounter = (counterHolder.__qiaoQueryCounter ??= { count: 0 });
const logger = {
  logQuery(query: string) {
    queryCounter.count++;
    queryCounter.recorded?.push(query);
  },
};

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../drizzle");

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
  return openPglite(options.dataDir ?? "./data");
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, {
    max,
    // A connection attempt to a database that is down fails within 2 s (the app answers 503).
    connect_timeout: 2,
    // postgres.js waits up to 20 s between reconnects by default: after an outage the pool would stay
    // away that long. At most 0.5 s here, and the app's breaker keeps requests off a dead pool.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    idle_timeout: 30,
    onnotice: () => {},
  });
  const db = drizzle(client, { schema, casing: "snake_case", logger }) as unknown as Database;
  const parsed = new URL(url);
  return {
    db,
    driver: "postgres",
    location: `postgres://${parsed.host}${parsed.pathname}`,
    migrate: () => migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    async listen(channel, onNotice, onListen) {
      // postgres.js keeps one connection of its own for LISTEN and re-listens after it reconnects.
      const meta = await client.listen(channel, onNotice, onListen);
      return () => meta.unlisten();
    },
    async withStartupLock(work) {
      // A session lock on a connection of its own; the work itself runs on the pool.
      const reserved = await client.reserve();
      try {
        await reserved`select pg_advisory_lock(${STARTUP_LOCK_KEY})`;
        return await work();
      } finally {
        await reserved`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`.catch(() => {});
        reserved.release();
      }
    },
    close: () => client.end({ timeout: 3 }),
  };
}

/**
 * PostgreSQL settings of the embedded database. PGlite runs PostgreSQL in this process's WebAssembly
 * memory, which grows and never shrinks: PostgreSQL's defaults (128 MB shared buffers, 64 MB
 * maintenance_work_mem for the migrations' indexes) grew it from its initial 128 MB to ~200 MB. With
 * these it stays at 128 MB (~30 MB of it touched): one embedded connection needs no more, and the
 * files stay in the OS page cache. (A later -c wins: these override PGlite's and postgresql.conf.)
 */
const PGLITE_SETTINGS = {
  shared_buffers: "16MB",
  maintenance_work_mem: "16MB",
} as const;

/**
 * A new data directory is made by a second, temporary PostgreSQL inside PGlite (initdb). Done in this
 * process it leaves ~650 MB of garbage that an idle server may never collect: the first `npm start`
 * held 461–875 MB at rest against 323–332 MB on a restart. A short-lived child process makes it instead
 * (1–2 s, once), and this process opens a directory that exists.
 */
async function createPgliteDirectory(dataDir: string): Promise<void> {
  const script = "const { PGlite } = await import(process.argv[1]); const db = await PGlite.create(process.argv[2]); await db.close();";
  const pgliteUrl = import.meta.resolve("@electric-sql/pglite");
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ["--input-type=module", "-e", script, pgliteUrl, dataDir], { timeout: 120_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`Could not create the embedded database in ${dataDir}: ${stderr || error.message}`)) : resolve(),
    );
  });
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const isMemory = dataDir.startsWith("memory://");
  // PGlite fails with ENOENT when the parent of its data directory is missing.
  if (!isMemory) await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  if (!isMemory && !existsSync(path.join(path.resolve(dataDir), "PG_VERSION"))) await createPgliteDirectory(path.resolve(dataDir));
  const startParams = [...PGlite.defaultStartParams, ...Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ["-c", `${name}=${value}`])];
  const client = await PGlite.create(isMemory ? dataDir : path.resolve(dataDir), { startParams });
  const db = drizzle(client, { schema, casing: "snake_case", logger }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    location: isMemory ? dataDir : path.resolve(dataDir),
    migrate: () => migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    async listen(channel, onNotice, onListen) {
      const unlisten = await client.listen(channel, onNotice);
      onListen?.();
      return unlisten;
    },
    // One process owns an embedded database: nothing to serialize with.
    withStartupLock: (work) => work(),
    close: () => client.close(),
  };
}

/** Raw SQL rows on either driver: PGlite returns { rows }, postgres.js an array. */
export async function queryRows<T extends Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export { sql };
