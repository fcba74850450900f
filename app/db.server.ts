import { openDatabase, queryRows, sql, type DatabaseHandle, type DatabaseOptions, type Transaction } from "@db/client";
import {
  DatabaseUnavailableError,
  isBreakerOpen,
  recordDatabaseFailure,
  recordDatabaseSuccess,
  remainingDeadlineMs,
  requestRefusal,
  unavailabilityReason,
  unavailableResponse,
} from "~/db-availability.server";

/** The role every app query runs as; created NOSUPERUSER NOBYPASSRLS by drizzle/0001. */
export const APP_ROLE = "qiao_app";

// One handle per process; kept on globalThis so a dev rebuild does not open a second PGlite.
const holder = globalThis as typeof globalThis & { __qiaoDatabase?: DatabaseHandle; __qiaoDbTimeoutMs?: number };

export function setDatabase(handle: DatabaseHandle | undefined, options: { timeoutMs?: number } = {}): void {
  holder.__qiaoDatabase = handle;
  holder.__qiaoDbTimeoutMs = options.timeoutMs ?? 5_000;
}

export function getDatabase(): DatabaseHandle {
  const handle = holder.__qiaoDatabase;
  if (!handle) throw new DatabaseUnavailableError("the database is not open");
  return handle;
}

/** True on the embedded PGlite database (no DATABASE_URL): a one-person local install, never a shared server. */
export function isEmbeddedDatabase(): boolean {
  return holder.__qiaoDatabase?.driver === "pglite";
}

export type TenantContext = {
  organizationId: string | null;
  userId: string | null;
  /** Only app/auth sets this: sessions, login limits, sign-up and invitation links. */
  auth?: boolean;
};

/**
 * The one way app code reaches the database: a transaction that switches to the app role and sets
 * the tenant (and user) for row-level security. Outside it, the same query sees nothing.
 *
 * It shares the request's database deadline, and while the database is unreachable it throws a
 * 503 response (Retry-After, JSON reason) at once instead of waiting: no request hangs, none gets a 500.
 */
export async function withAppTransaction<T>(context: TenantContext, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const refusal = requestRefusal();
  if (refusal) throw unavailableResponse(refusal);
  if (isBreakerOpen()) throw unavailableResponse("database unreachable");
  const remaining = Math.min(remainingDeadlineMs(Number.POSITIVE_INFINITY), holder.__qiaoDbTimeoutMs ?? 5_000);
  if (remaining <= 0) throw unavailableResponse("request deadline passed");
  let timer: NodeJS.Timeout | undefined;
  // Set when the deadline passed: the transaction then rolls back at its next step instead of committing late.
  let abandoned = false;
  const late = () => new DatabaseUnavailableError("request deadline passed");
  try {
    const { db } = getDatabase();
    const run = db.transaction(async (tx) => {
      if (abandoned) throw late();
      await tx.execute(
        sql`select set_config('role', ${APP_ROLE}, true), set_config('app.organization_id', ${context.organizationId ?? ""}, true), set_config('app.user_id', ${context.userId ?? ""}, true), set_config('app.auth', ${context.auth ? "on" : ""}, true), set_config('statement_timeout', ${String(Math.ceil(remaining))}, true)`,
      );
      const result = await work(tx);
      if (abandoned) throw late();
      return result;
    });
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandoned = true;
        reject(late());
      }, remaining);
    });
    // The abandoned transaction still settles later; its outcome no longer reaches anyone.
    run.catch(() => {});
    const result = await Promise.race([run, deadline]);
    recordDatabaseSuccess();
    return result;
  } catch (error) {
    const reason = unavailabilityReason(error);
    if (reason === null) throw error;
    recordDatabaseFailure(reason);
    throw unavailableResponse(reason);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Moves an open app transaction to another context: the request's identity step reads the session in
 * auth mode, then the person's own memberships, then the client account inside the tenant, in one
 * transaction. The role stays the app role; each setting is local to the transaction.
 */
export async function switchTransactionContext(tx: Transaction, context: TenantContext): Promise<void> {
  await tx.execute(
    sql`select set_config('app.organization_id', ${context.organizationId ?? ""}, true), set_config('app.user_id', ${context.userId ?? ""}, true), set_config('app.auth', ${context.auth ? "on" : ""}, true)`,
  );
}

/** Start-up check: the app role must not be able to bypass row-level security. */
export async function assertAppRoleIsRestricted(handle: DatabaseHandle): Promise<void> {
  const rows = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean }>(
    handle.db,
    sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`,
  );
  const role = rows[0];
  if (!role) throw new Error(`Role ${APP_ROLE} is missing: run the migrations.`);
  if (role.rolsuper || role.rolbypassrls) {
    throw new Error(`Role ${APP_ROLE} can bypass row-level security (rolsuper=${role.rolsuper}, rolbypassrls=${role.rolbypassrls}).`);
  }
}

/** True when the database answers within the deadline. */
export async function pingDatabase(timeoutMs: number): Promise<boolean> {
  const handle = holder.__qiaoDatabase;
  if (!handle) return false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = queryRows(handle.db, sql`select 1 as ok`).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function openAndMigrate(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = await openDatabase(options);
  try {
    await handle.withStartupLock(() => handle.migrate());
    await assertAppRoleIsRestricted(handle);
    return handle;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}

/** A unique-constraint violation (optionally of one named constraint), through drizzle's wrapper, on either driver. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current: unknown = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const candidate = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; message?: unknown };
    if (candidate.code === "23505") {
      if (!constraint) return true;
      const name = candidate.constraint_name ?? candidate.constraint;
      return name === constraint || String(candidate.message ?? "").includes(constraint);
    }
  }
  return false;
}
