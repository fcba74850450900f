// Whether the database can be reached, per process: which errors mean "unreachable", a circuit
// breaker that answers 503 at once while it is away, and each request's database deadline.
import { AsyncLocalStorage } from "node:async_hooks";

/** Seconds a client is asked to wait (Retry-After) while the database is away. */
export const RETRY_AFTER_SECONDS = 2;
/** Consecutive unreachable errors that open the breaker. */
const OPEN_AFTER_FAILURES = 3;
/** While open, how often the probe tries the database, and how long one probe may take. */
const PROBE_INTERVAL_MS = 250;
const PROBE_TIMEOUT_MS = 1_000;

// Node's socket errors and postgres.js's own codes for a connection that failed or went away.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);
// SQLSTATE: class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now),
// 53300 (too many connections), 57014 (statement cancelled: the request's deadline passed).
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300|57014)$/;
// PGlite's own fatal states: the instance closed, or its WebAssembly runtime aborted.
const PGLITE_FATAL = /^(PGlite is closed|PGlite is closing|PGlite failed to initialize properly)/;

/** Why a request could not use the database: carried by the 503 and shown by /healthz. */
export class DatabaseUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`Database unavailable: ${reason}`);
    this.name = "DatabaseUnavailableError";
  }
}

/** A short reason when the error means the database is unreachable (not a bad query), else null. */
export function unavailabilityReason(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 8; depth++) {
    if (current instanceof DatabaseUnavailableError) return current.reason;
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    const code = typeof candidate.code === "string" ? candidate.code : "";
    if (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return code;
    const message = typeof candidate.message === "string" ? candidate.message : "";
    if (PGLITE_FATAL.test(message)) return message;
    if (current instanceof WebAssembly.RuntimeError) return `embedded database aborted (${message})`;
    current = candidate.cause;
  }
  return null;
}

type RequestBudget = { deadline: number; refusal: string | null };

type BreakerState = {
  open: boolean;
  failures: number;
  reason: string | null;
  since: number | null;
  probe: NodeJS.Timeout | null;
  ping: ((timeoutMs: number) => Promise<boolean>) | null;
};

// On globalThis: the custom server and the Remix build are two module graphs in one process.
const holder = globalThis as typeof globalThis & { __qiaoBreaker?: BreakerState; __qiaoDeadline?: AsyncLocalStorage<RequestBudget> };
const breaker: BreakerState = (holder.__qiaoBreaker ??= { open: false, failures: 0, reason: null, since: null, probe: null, ping: null });
const deadlines: AsyncLocalStorage<RequestBudget> = (holder.__qiaoDeadline ??= new AsyncLocalStorage());

/** The probe used while the breaker is open (the same ping /healthz uses). */
export function setAvailabilityProbe(ping: ((timeoutMs: number) => Promise<boolean>) | null): void {
  breaker.ping = ping;
  if (!ping) stopProbe();
  else if (breaker.open) scheduleProbe();
}

export function isBreakerOpen(): boolean {
  return breaker.open;
}

export function breakerStatus(): { open: boolean; reason: string | null; openForMs: number | null; failures: number } {
  return { open: breaker.open, reason: breaker.reason, openForMs: breaker.since === null ? null : Date.now() - breaker.since, failures: breaker.failures };
}

export function recordDatabaseSuccess(): void {
  breaker.failures = 0;
  if (breaker.open) closeBreaker();
}

export function recordDatabaseFailure(reason: string): void {
  breaker.failures++;
  breaker.reason = reason;
  if (!breaker.open && breaker.failures >= OPEN_AFTER_FAILURES) {
    breaker.open = true;
    breaker.since = Date.now();
    console.warn(`Database unreachable (${reason}) after ${breaker.failures} failures: answering 503 until a probe succeeds`);
    scheduleProbe();
  }
}

function closeBreaker(): void {
  const openMs = breaker.since === null ? 0 : Date.now() - breaker.since;
  breaker.open = false;
  breaker.failures = 0;
  breaker.since = null;
  stopProbe();
  console.log(`Database reachable again after ${(openMs / 1000).toFixed(1)} s`);
}

function scheduleProbe(): void {
  if (breaker.probe || !breaker.ping) return;
  breaker.probe = setTimeout(async () => {
    breaker.probe = null;
    if (!breaker.open || !breaker.ping) return;
    const ok = await breaker.ping(PROBE_TIMEOUT_MS).catch(() => false);
    if (ok) closeBreaker();
    else scheduleProbe();
  }, PROBE_INTERVAL_MS);
  breaker.probe.unref();
}

function stopProbe(): void {
  if (breaker.probe) clearTimeout(breaker.probe);
  breaker.probe = null;
}

/**
 * Runs one request with a database deadline: every transaction it opens shares what is left. With a
 * refusal (the app is still starting) its transactions fail at once with that reason, as a 503.
 */
export function runWithDatabaseDeadline<T>(timeoutMs: number, work: () => T, refusal: string | null = null): T {
  return deadlines.run({ deadline: Date.now() + timeoutMs, refusal }, work);
}

/** Milliseconds left of the current request's deadline (the fallback outside a request). */
export function remainingDeadlineMs(fallbackMs: number): number {
  const store = deadlines.getStore();
  return store ? store.deadline - Date.now() : fallbackMs;
}

/** Why the current request may not use the database at all (null: it may). */
export function requestRefusal(): string | null {
  return deadlines.getStore()?.refusal ?? null;
}

/** The answer to any caller while the database is away: 503, Retry-After, JSON naming the reason. */
export function unavailableResponse(reason: string): Response {
  return new Response(JSON.stringify({ status: "unavailable", reason, messageKey: "errors.unavailableBody" }), {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "Content-Type": "application/json; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
  });
}

export function isUnavailableResponse(value: unknown): value is Response {
  return value instanceof Response && value.status === 503;
}
