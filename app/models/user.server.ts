import { and, asc, eq, sql } from "drizzle-orm";
import { memberships, users, type UserRow } from "@db/schema";
import type { UserScope, Scope } from "~/models/scope.server";

export type PublicUser = Pick<UserRow, "id" | "email" | "name">;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(scope: UserScope, email: string): Promise<UserRow | undefined> {
  const [row] = await scope.tx.select().from(users).where(eq(users.email, normalizeEmail(email)));
  return row;
}

export async function insertUser(scope: UserScope, input: { email: string; name: string; passwordHash: string; locale?: string | null }): Promise<UserRow> {
  const [row] = await scope.tx
    .insert(users)
    .values({ email: normalizeEmail(input.email), name: input.name.trim(), passwordHash: input.passwordHash, locale: input.locale ?? null })
    .returning();
  if (!row) throw new Error("User insert returned no row.");
  return row;
}

/** The acting user's own row (RLS admits it in any tenant transaction). */
export async function findSelf(scope: Scope | UserScope): Promise<UserRow | undefined> {
  if (!scope.userId) return undefined;
  const [row] = await scope.tx.select().from(users).where(eq(users.id, scope.userId));
  return row;
}

export async function updateOwnPassword(scope: Scope | UserScope, passwordHash: string): Promise<void> {
  if (!scope.userId) throw new Error("No acting user.");
  await scope.tx.update(users).set({ passwordHash, passwordChangedAt: sql`now()` }).where(eq(users.id, scope.userId));
}

export async function updateOwnProfile(scope: Scope | UserScope, input: { name?: string; locale?: string | null }): Promise<void> {
  if (!scope.userId) throw new Error("No acting user.");
  await scope.tx.update(users).set(input).where(eq(users.id, scope.userId));
}

export type OrgMember = PublicUser & { role: (typeof memberships.$inferSelect)["role"]; joinedAt: Date };

export async function listOrganizationMembers(scope: Scope): Promise<OrgMember[]> {
  return scope.tx
    .select({ id: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, scope.organizationId))
    .orderBy(asc(users.name));
}

export async function findOrganizationMember(scope: Scope, userId: string): Promise<OrgMember | undefined> {
  const [row] = await scope.tx
    .select({ id: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, scope.organizationId), eq(memberships.userId, userId)));
  return row;
}
