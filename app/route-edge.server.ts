// The route edge: the one map from an AppError's kind to an HTTP status. Every loader and action of
// the build is wrapped once (`withErrorMap`, applied by the server and by the integration tests'
// request handler), so services raise domain errors and routes never turn them into responses by hand.
import { data, type ServerBuild } from "@remix-run/node";
import { isAppError, type AppError, type ErrorKind } from "~/domain/errors";
import { runActionInRequest, runLoaderInRequest } from "~/request-memo.server";

const STATUS: Record<ErrorKind, number> = {
  "bad-request": 400,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  locked: 409,
  "too-large": 413,
  invalid: 422,
};

const STATUS_TEXT: Partial<Record<number, string>> = { 403: "Forbidden", 404: "Not Found" };

export function statusOf(kind: ErrorKind): number {
  return STATUS[kind];
}

/** What the person gets: the status, and the message key the error boundary shows. */
export function errorResponse(error: AppError) {
  const status = statusOf(error.kind);
  if (!error.messageKey) return new Response(null, { status, statusText: STATUS_TEXT[status] });
  return data({ messageKey: error.messageKey, params: error.params }, { status });
}

type Handler = (args: never) => unknown;

function mapped<T extends Handler>(handler: T, kind: "loader" | "action"): T {
  return (async (args: never) => {
    const context = (args as { context?: unknown }).context;
    const run = () => Promise.resolve(handler(args));
    try {
      // The loaders of one request share their access checks' lookups (request-memo.server.ts).
      return await (kind === "loader" ? runLoaderInRequest(context, run) : runActionInRequest(context, run));
    } catch (error) {
      if (isAppError(error)) throw errorResponse(error);
      throw error;
    }
  }) as T;
}

/** Every route module's loader and action with AppErrors mapped to their statuses (and the request's memo around them). Idempotent. */
export function withErrorMap(build: ServerBuild): ServerBuild {
  if ((build as { errorsMapped?: true }).errorsMapped) return build;
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { loader, action } = route.module;
      const module = { ...route.module, ...(loader ? { loader: mapped(loader, "loader") } : {}), ...(action ? { action: mapped(action, "action") } : {}) };
      return [id, { ...route, module }];
    }),
  );
  return Object.assign({ ...build, routes }, { errorsMapped: true as const });
}
