import { eq } from "drizzle-orm";
import { organizations, type OrganizationRow } from "@db/schema";
import type { Scope } from "~/tenancy/scope.server";

export type OrganizationKind = OrganizationRow["kind"];

/** Inserts the scope's own organization (its id is chosen before the transaction opens). */
export async function insertOrganization(
  scope: Scope,
  input: { slug: string; name: string; kind: OrganizationKind },
): Promise<OrganizationRow> {
  const [row] = await scope.tx
    .insert(organizations)
    .values({ id: scope.organizationId, ...input })
    .returning();
  if (!row) throw new Error("Organization insert returned no row.");
  return row;
}

export async function findOrganization(scope: Scope): Promise<OrganizationRow | undefined> {
  const [row] = await scope.tx.select().from(organizations).where(eq(organizations.id, scope.organizationId));
  return row;
}
