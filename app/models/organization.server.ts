import { and, asc, count, eq, ne } from "drizzle-orm";
import { memberships, organizations, type OrganizationRow } from "@db/schema";
import type { OrgRole } from "~/domain/permissions";
import type { Scope, UserScope } from "~/models/scope.server";

export type OrganizationKind = OrganizationRow["kind"];

/** Inserts the scope's own organization (its id is chosen before the transaction opens). */
export async function insertOrganization(scope: Scope, input: { slug: string; name: string; kind: OrganizationKind }): Promise<OrganizationRow> {
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

/** Slugs are global: is this one free? (Only existence leaks, and only to someone naming an organization.) */
export async function isSlugTaken(scope: Scope, slug: string): Promise<boolean> {
  const [row] = await scope.tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  return Boolean(row);
}

export async function insertMembership(scope: Scope, userId: string, role: OrgRole): Promise<void> {
  await scope.tx.insert(memberships).values({ organizationId: scope.organizationId, userId, role }).onConflictDoNothing();
}

export async function findMembership(scope: Scope, userId: string) {
  const [row] = await scope.tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.organizationId, scope.organizationId), eq(memberships.userId, userId)));
  return row;
}

export async function updateMembershipRole(scope: Scope, userId: string, role: OrgRole): Promise<void> {
  await scope.tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.organizationId, scope.organizationId), eq(memberships.userId, userId)));
}

export async function deleteMembership(scope: Scope, userId: string): Promise<void> {
  await scope.tx.delete(memberships).where(and(eq(memberships.organizationId, scope.organizationId), eq(memberships.userId, userId)));
}

/** Owners other than this user, counted under a row lock so two removals cannot both pass. */
export async function countOtherOwners(scope: Scope, userId: string): Promise<number> {
  const rows = await scope.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, scope.organizationId), eq(memberships.role, "owner"), ne(memberships.userId, userId)))
    .for("update");
  return rows.length;
}

export type UserOrganization = { id: string; slug: string; name: string; kind: OrganizationKind; role: OrgRole };

/** Every organization the acting user belongs to (RLS admits their own memberships). */
export async function listOrganizationsOfUser(scope: UserScope): Promise<UserOrganization[]> {
  if (!scope.userId) return [];
  return scope.tx
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, kind: organizations.kind, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, scope.userId))
    .orderBy(asc(organizations.name));
}

export async function countMembers(scope: Scope): Promise<number> {
  const [row] = await scope.tx.select({ n: count() }).from(memberships).where(eq(memberships.organizationId, scope.organizationId));
  return row?.n ?? 0;
}
