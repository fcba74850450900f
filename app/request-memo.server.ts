// Work done once per HTTP request, shared by the loaders of that request (root, organization and
// campaign loaders each begin with their access check; the session and the membership behind those
// checks are looked up once). Remix hands every loader its own Request object, so the memo is keyed
// by the request's load context (one object per request, in the server and in the tests' handler).
// An action's changes come before the loaders that follow it: the memo starts afresh after an action.
import { AsyncLocalStorage } from "node:async_hooks";

type Memo = Map<string, Promise<unknown>>;
type RequestScope = { memo: Memo; context: object | null };

const storage = new AsyncLocalStorage<RequestScope>();
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
  return context && typeof context === "object" ? storage.run({ memo: memoFor(context), context }, work) : work();
}

/** Runs an action with a memo of its own; the loaders after it start afresh (what the action changed is seen). */
export async function runActionInRequest<T>(context: unknown, work: () => Promise<T>): Promise<T> {
  if (!context || typeof context !== "object") return work();
  byContext.delete(context);
  try {
    return await storage.run({ memo: new Map(), context }, work);
  } finally {
    byContext.delete(context);
  }
}

/** The value for `key` computed once in this request (outside a request: every time). A failure is not kept. */
export function oncePerRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = storage.getStore()?.memo;
  if (!memo) return compute();
  let pending = memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = compute();
    memo.set(key, pending);
    pending.catch(() => memo.delete(key));
  }
  return pending;
}

/**
 * True while a loader runs for a document request (the server says so in the load context; a `.data`
 * request of a client-side navigation, a test's call or anything unknown is not one). Route strings are
 * sent by reference on a document request only (i18n/resources.server.ts).
 */
export function isDocumentRequest(): boolean {
  const context = storage.getStore()?.context as { documentRequest?: boolean } | null | undefined;
  return context?.documentRequest === true;
}
