import { queryRows, sql, type DatabaseHandle } from "@db/client";
import { breakerStatus, setAvailabilityProbe, unavailabilityReason } from "~/db-availability.server";
import { getDatabase, openAndMigrate, pingDatabase, setDatabase } from "~/db.server";
import type { Env } from "~/env.server";
import { syncCatalog } from "~/services/catalog-sync.server";
import { stopImportWorkers } from "~/services/import/parse-import.server";
import { seedDemoWorkspace } from "~/services/demo.server";
import { startLiveHub, stopLiveHub } from "~/services/live-hub.server";

export type BootResult = {
  driver: DatabaseHandle["driver"];
  location: string;
  demoSeeded: boolean;
  demoPath: string | null;
  /** Printed by the server when the demo was seeded: e-mail and role of each demo user, and the shared password. */
  demoLogins: { email: string; role: string }[];
  demoPassword: string | null;
};

type Log = (line: string) => void;

// Why the app is not ready yet (the last error while opening the database), for /healthz.
let startupProblem: string | null = null;

export function getStartupProblem(): string | null {
  return startupProblem;
}

/** Opens and migrates the database (retrying while a server database is unreachable), then seeds the demo. */
export async function startApp(env: Env, log: Log = console.log, signal?: AbortSignal): Promise<BootResult> {
  const options = { url: env.DATABASE_URL, dataDir: env.QIAO_DATA_DIR };
  let handle: DatabaseHandle | undefined;
  startupProblem = null;
  for (let attempt = 1; !handle; attempt++) {
    try {
      handle = await openAndMigrate(options);
    } catch (error) {
      // An embedded database that fails to open will not heal by waiting; a server may come up.
      if (!env.DATABASE_URL || signal?.aborted) throw error;
      // /healthz is public: the reason says what, not where (no host or port).
      startupProblem = `database unreachable (${unavailabilityReason(error) ?? "cannot open"})`;
      if (attempt === 1 || attempt % 20 === 0) log(`Database not reachable (attempt ${attempt}): ${(error as Error).message}; retrying every 0.5 s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  // No import worker is started here: the first upload starts one (it takes most of a second), and
  // keeps a spare for the next. An idle spare from boot on held memory for nothing (issue 14).
  setDatabase(handle, { timeoutMs: env.QIAO_DB_TIMEOUT_MS });
  setAvailabilityProbe(pingDatabase);
  await startLiveHub(handle);
  const shouldSeed = env.QIAO_SEED_DEMO === "always" || (env.QIAO_SEED_DEMO === "auto" && handle.driver === "pglite");
  let demoSeeded = false;
  let demoPath: string | null = null;
  let demoLogins: BootResult["demoLogins"] = [];
  let demoPassword: string | null = null;
  // Several instances starting at once: one syncs the catalog and seeds, the others then find it done.
  await handle.withStartupLock(async () => {
    await syncCatalog(handle);
    if (shouldSeed && (await isEmpty(handle))) {
      const demo = await seedDemoWorkspace();
      demoSeeded = true;
      demoPath = "/login";
      demoLogins = demo.users.map((user) => ({ email: user.email, role: user.label }));
      demoPassword = demo.password;
    }
  });
  return { driver: handle.driver, location: handle.location, demoSeeded, demoPath, demoLogins, demoPassword };
}

// Runs as the connecting (owner) login: an emptiness check must not be filtered by tenant.
async function isEmpty(handle: DatabaseHandle): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(handle.db, sql`select exists(select 1 from organizations) as found`);
  return !rows[0]?.found;
}

export async function stopApp(): Promise<void> {
  setAvailabilityProbe(null);
  await stopLiveHub();
  await stopImportWorkers();
  const handle = getDatabaseOrNull();
  setDatabase(undefined);
  await handle?.close();
}

function getDatabaseOrNull(): DatabaseHandle | null {
  try {
    return getDatabase();
  } catch {
    return null;
  }
}

export type Health = { ok: boolean; reason: string | null };

/** Ready when the breaker is closed and the database answers within the deadline; else why not. */
export async function checkHealth(timeoutMs = 1_500): Promise<Health> {
  const breaker = breakerStatus();
  if (breaker.open) return { ok: false, reason: `database unreachable for ${((breaker.openForMs ?? 0) / 1000).toFixed(1)} s (${breaker.reason})` };
  if (await pingDatabase(timeoutMs)) return { ok: true, reason: null };
  return { ok: false, reason: `database did not answer within ${timeoutMs} ms` };
}
