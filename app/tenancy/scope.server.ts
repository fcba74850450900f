import type { Transaction } from "@db/client";
import { withAppTransaction } from "~/db.server";

/**
 * What every model function receives first: the transaction (already switched to the app role
 * with the tenant set for row-level security) and who is acting.
 */
export type Scope = {
  tx: Transaction;
  organizationId: string;
  userId: string | null;
};

export async function withTenant<T>(
  context: { organizationId: string; userId: string | null },
  work: (scope: Scope) => Promise<T>,
): Promise<T> {
  return withAppTransaction(context, (tx) => work({ tx, ...context }));
}
