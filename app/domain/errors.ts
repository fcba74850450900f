// The one error type. Services and rules raise an AppError with what went wrong in words a planner
// understands (an i18n key); they never know about HTTP. app/route-edge.server.ts is the one map from
// a kind to a status, applied to every loader and action of the build, so a route never translates
// errors itself. Expected outcomes a page shows inline (a conflict view, a field error) stay results;
// where such a result names a failure, it names it with the same kinds (`statusOf` gives its status).

export const ERROR_KINDS = ["bad-request", "forbidden", "not-found", "conflict", "locked", "too-large", "invalid"] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** An i18n key for the person ("planner.locked"); none: the status's own words. */
    readonly messageKey: string | null = null,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey ?? kind);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Not there, or not yours (another tenant's data is indistinguishable from missing data). */
export const notFound = () => new AppError("not-found");
/** Yours, but your role may not do this. */
export const forbidden = () => new AppError("forbidden");
