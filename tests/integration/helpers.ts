import { getDatabase } from "~/db.server";

export function currentDriver(): "pglite" | "postgres" {
  return getDatabase().driver;
}

/** The database's own message behind drizzle's "Failed query" wrapper. */
export async function databaseError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  throw new Error("Expected the database to refuse, but it accepted.");
}
