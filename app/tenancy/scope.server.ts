import type { Transaction } from "@db/client";
import { withAppTransaction } from "~/db.server";

/**
 * What every tenant model function receives first: the transaction (already switched to the app
 * role with the tenant set for row-level security) and who is acting.
 */
export type Scope = {
  tx: Transaction;
  organizationId: string;
  userId: string | null;
};

/** For app/auth and sign-up only: the transaction runs with app.auth on (sessions, users by e-mail, invitation links). */
export type AuthScope = { tx: Transaction; userId: string | null };

export async function withTenant<T>(
  context: { organizationId: string; userId: string | null },
  work: (scope: Scope) => Promise<T>,
): Promise<T> {
  return withAppTransaction(context, (tx) => work({ tx, ...context }));
}

export async function withAuthScope<T>(userId: string | null, work: (scope: AuthScope) => Promise<T>): Promise<T> {
  return withAppTransaction({ organizationId: null, userId, auth: true }, (tx) => work({ tx, userId }));
}
