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

/**
 * The same without a tenant, for the two transactions that have none: a person's own rows across
 * organizations (memberships, notifications: `withUserScope`), and app/auth and sign-up with app.auth
 * on (sessions, users by e-mail, invitation links: `withAuthScope`).
 */
export type UserScope = Omit<Scope, "organizationId">;

export async function withTenant<T>(
  context: { organizationId: string; userId: string | null },
  work: (scope: Scope) => Promise<T>,
): Promise<T> {
  return withAppTransaction(context, (tx) => work({ tx, ...context }));
}

export async function withUserScope<T>(userId: string, work: (scope: UserScope) => Promise<T>): Promise<T> {
  return withAppTransaction({ organizationId: null, userId }, (tx) => work({ tx, userId }));
}

export async function withAuthScope<T>(userId: string | null, work: (scope: UserScope) => Promise<T>): Promise<T> {
  return withAppTransaction({ organizationId: null, userId, auth: true }, (tx) => work({ tx, userId }));
}
