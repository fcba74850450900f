// Work done once per HTTP request, shared by the loaders of that request (root, organization and
// campaign loaders each begin with their access check; the session and the membership behind those
// checks are looked up once). Remix hands every loader its own Request object, so the memo is keyed
// by the request's load context (one object per request, in the server and in the tests' handler).
// An action's changes come before the loaders that follow it: the memo starts afresh after an action.
import { AsyncLocalStorage } from "node:async_hooks";

type Memo = Map<string, Promise<unknown>>;

const storage = new AsyncLocalStorage<Memo>();
const byContext = new WeakMap<object, Memo>();

function memoFor(context: object): Memo {
  let memo = byContext.get(context);
  if (!memo) {
    memo = new Map();
    byContext.set(context, memo);
  }
  return memo;
}

/** Runs a loader inside its request's memo. */
export function runLoaderInRequest<T>(context: unknown, work: () => T): T {
  return context && typeof context === "object" ? storage.run(memoFor(context), work) : work();
}

/** Runs an action with a memo of its own; the loaders after it start afresh (what the action changed is seen). */
export async function runActionInRequest<T>(context: unknown, work: () => Promise<T>): Promise<T> {
  if (!context || typeof context !== "object") return work();
  byContext.delete(context);
  try {
    return await storage.run(new Map(), work);
  } finally {
    byContext.delete(context);
  }
}

/** The value for `key` computed once in this request (outside a request: every time). A failure is not kept. */
export function oncePerRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = storage.getStore();
  if (!memo) return compute();
  let pending = memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = compute();
    memo.set(key, pending);
    pending.catch(() => memo.delete(key));
  }
  return pending;
}
