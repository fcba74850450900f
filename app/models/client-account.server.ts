import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { clientAccounts, clientMembers, memberships, users, type ClientAccountRow } from "@db/schema";
import type { ClientRole } from "~/domain/permissions";
import type { Scope } from "~/models/scope.server";

export async function insertClientAccount(scope: Scope, input: { name: string; namingTemplate?: string | null }): Promise<ClientAccountRow> {
  const [row] = await scope.tx
    .insert(clientAccounts)
    .values({ organizationId: scope.organizationId, name: input.name.trim(), namingTemplate: input.namingTemplate ?? null })
    .returning();
  if (!row) throw new Error("Client account insert returned no row.");
  return row;
}

/** A client account and the acting person's role on its team (null when not on it): the access check's lookup. */
export async function findClientWithOwnRole(scope: Scope & { userId: string }, clientAccountId: string) {
  const [row] = await scope.tx
    .select({ id: clientAccounts.id, name: clientAccounts.name, namingTemplate: clientAccounts.namingTemplate, role: clientMembers.role })
    .from(clientAccounts)
    .leftJoin(
      clientMembers,
      and(
        eq(clientMembers.organizationId, clientAccounts.organizationId),
        eq(clientMembers.clientAccountId, clientAccounts.id),
        eq(clientMembers.userId, scope.userId),
      ),
    )
    .where(and(eq(clientAccounts.organizationId, scope.organizationId), eq(clientAccounts.id, clientAccountId)));
  return row;
}

export async function findClientAccount(scope: Scope, clientAccountId: string): Promise<ClientAccountRow | undefined> {
  const [row] = await scope.tx
    .select()
    .from(clientAccounts)
    .where(and(eq(clientAccounts.organizationId, scope.organizationId), eq(clientAccounts.id, clientAccountId)));
  return row;
}

export type ClientAccountSummary = { id: string; name: string; createdAt: Date; myRole: ClientRole | null; teamSize: number };

/** Client accounts the acting user may see: all of them for org admins, else the ones they are on. */
export async function listVisibleClientAccounts(scope: Scope, options: { all: boolean }): Promise<ClientAccountSummary[]> {
  // Qualified by hand: drizzle prints a single table's columns unqualified, which inside a subquery would bind to client_members.
  const myRole = sql<ClientRole | null>`(select cm.role from client_members cm where cm.organization_id = "client_accounts"."organization_id" and cm.client_account_id = "client_accounts"."id" and cm.user_id = ${scope.userId})`;
  const teamSize = sql<number>`(select count(*)::int from client_members cm where cm.organization_id = "client_accounts"."organization_id" and cm.client_account_id = "client_accounts"."id")`;
  const rows = await scope.tx
    .select({ id: clientAccounts.id, name: clientAccounts.name, createdAt: clientAccounts.createdAt, myRole, teamSize })
    .from(clientAccounts)
    .where(and(eq(clientAccounts.organizationId, scope.organizationId), isNull(clientAccounts.archivedAt)))
    .orderBy(asc(clientAccounts.name));
  return options.all ? rows : rows.filter((row) => row.myRole !== null);
}

export async function upsertClientMember(scope: Scope, clientAccountId: string, userId: string, role: ClientRole): Promise<void> {
  await scope.tx
    .insert(clientMembers)
    .values({ organizationId: scope.organizationId, clientAccountId, userId, role })
    .onConflictDoUpdate({ target: [clientMembers.organizationId, clientMembers.clientAccountId, clientMembers.userId], set: { role } });
}

export async function findClientMemberRole(scope: Scope, clientAccountId: string, userId: string): Promise<ClientRole | null> {
  const [row] = await scope.tx
    .select({ role: clientMembers.role })
    .from(clientMembers)
    .where(and(eq(clientMembers.organizationId, scope.organizationId), eq(clientMembers.clientAccountId, clientAccountId), eq(clientMembers.userId, userId)));
  return row?.role ?? null;
}

export async function deleteClientMember(scope: Scope, clientAccountId: string, userId: string): Promise<number> {
  const rows = await scope.tx
    .delete(clientMembers)
    .where(and(eq(clientMembers.organizationId, scope.organizationId), eq(clientMembers.clientAccountId, clientAccountId), eq(clientMembers.userId, userId)))
    .returning({ userId: clientMembers.userId });
  return rows.length;
}

export type ClientTeamMember = { id: string; name: string; email: string; role: ClientRole };

export async function listClientTeam(scope: Scope, clientAccountId: string): Promise<ClientTeamMember[]> {
  return scope.tx
    .select({ id: users.id, name: users.name, email: users.email, role: clientMembers.role })
    .from(clientMembers)
    .innerJoin(users, eq(users.id, clientMembers.userId))
    .where(and(eq(clientMembers.organizationId, scope.organizationId), eq(clientMembers.clientAccountId, clientAccountId)))
    .orderBy(asc(users.name));
}

export async function countLeadPlanners(scope: Scope, clientAccountId: string): Promise<number> {
  const rows = await scope.tx
    .select({ userId: clientMembers.userId })
    .from(clientMembers)
    .where(and(eq(clientMembers.organizationId, scope.organizationId), eq(clientMembers.clientAccountId, clientAccountId), eq(clientMembers.role, "lead_planner")));
  return rows.length;
}

export async function updateNamingTemplate(scope: Scope, clientAccountId: string, namingTemplate: string | null): Promise<ClientAccountRow | undefined> {
  const [row] = await scope.tx
    .update(clientAccounts)
    .set({ namingTemplate })
    .where(and(eq(clientAccounts.organizationId, scope.organizationId), eq(clientAccounts.id, clientAccountId)))
    .returning();
  return row;
}

/**
 * Who may approve a client's plans, by side: the team's lead planners and the organization's owners
 * and admins who are not on the team with another role (they act as lead planners) approve for the
 * agency; the team's viewers approve for the client.
 */
export async function listApprovers(scope: Scope, clientAccountId: string): Promise<{ agency: { id: string; name: string }[]; client: { id: string; name: string }[] }> {
  // One statement: the team with its roles, and the organization's owners and admins (role null).
  const rows = await unionAll(
    scope.tx
      .select({ id: users.id, name: users.name, teamRole: sql<ClientRole | null>`${clientMembers.role}` })
      .from(clientMembers)
      .innerJoin(users, eq(users.id, clientMembers.userId))
      .where(and(eq(clientMembers.organizationId, scope.organizationId), eq(clientMembers.clientAccountId, clientAccountId))),
    scope.tx
      .select({ id: users.id, name: users.name, teamRole: sql<ClientRole | null>`null` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, scope.organizationId), inArray(memberships.role, ["owner", "admin"]))),
  ).orderBy(asc(users.name));
  const team = rows.filter((row) => row.teamRole !== null);
  const onTeam = new Set(team.map((member) => member.id));
  const admins = rows.filter((row) => row.teamRole === null && !onTeam.has(row.id));
  const person = ({ id, name }: { id: string; name: string }) => ({ id, name });
  return {
    agency: [...team.filter((m) => m.teamRole === "lead_planner").map(person), ...admins.map(person)],
    client: team.filter((m) => m.teamRole === "viewer").map(person),
  };
}
