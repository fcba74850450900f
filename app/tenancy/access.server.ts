import type { Params } from "@remix-run/react";
import { and, eq, sql } from "drizzle-orm";
import { clientAccounts, clientMembers, memberships, organizations } from "@db/schema";
import { requireSession, type SessionUser } from "~/auth/session.server";
import { withAppTransaction } from "~/db.server";
import { oncePerRequest } from "~/request-memo.server";
import { forbidden, notFound } from "~/domain/errors";
import { effectiveClientRole, isClientPermission, isOrgAdmin, permissionsFor, type ClientPermission, type ClientRole, type OrgRole, type Permission } from "~/domain/permissions";
import { withTenant, type Scope } from "~/models/scope.server";

export type Access = {
  user: SessionUser;
  sessionId: string;
  organization: { id: string; slug: string; name: string; kind: "agency" | "brand" };
  orgRole: OrgRole;
  client: { id: string; name: string; namingTemplate: string | null } | null;
  /** The client role in force (explicit, or lead planner for org admins); null outside a client account. */
  clientRole: ClientRole | null;
  permissions: ReadonlySet<Permission>;
};

/** The access inside a client account: what requireScope returns for a client permission (the account is known). */
export type ClientAccess = Access & { client: NonNullable<Access["client"]>; clientRole: ClientRole };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The person's membership of the organization with that slug and, when asked, the client account and their role on it: one transaction. */
async function findMembership(userId: string, slug: string, clientId: string | undefined) {
  return withAppTransaction({ organizationId: null, userId }, async (tx) => {
    const [member] = await tx
      .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, kind: organizations.kind, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(and(eq(memberships.userId, userId), eq(organizations.slug, slug)));
    if (!member) return null;
    if (clientId === undefined) return { member, client: null, clientRole: null };
    // Same transaction, now inside the tenant.
    await tx.execute(sql`select set_config('app.organization_id', ${member.id}, true)`);
    const [client] = await tx
      .select({ id: clientAccounts.id, name: clientAccounts.name, namingTemplate: clientAccounts.namingTemplate, role: clientMembers.role })
      .from(clientAccounts)
      .leftJoin(
        clientMembers,
        and(
          eq(clientMembers.organizationId, clientAccounts.organizationId),
          eq(clientMembers.clientAccountId, clientAccounts.id),
          eq(clientMembers.userId, userId),
        ),
      )
      .where(and(eq(clientAccounts.organizationId, member.id), eq(clientAccounts.id, clientId)));
    return { member, client: client ?? null, clientRole: client?.role ?? null };
  });
}

/**
 * The one access check, first line of every tenant loader and action. Signed out: redirect to login.
 * Another organization, or a client account the person is not on: 404. Too weak a role: 403.
 */
export async function requireScope(request: Request, params: Params, permission: ClientPermission): Promise<ClientAccess>;
export async function requireScope(request: Request, params: Params, permission: Permission): Promise<Access>;
export async function requireScope(request: Request, params: Params, permission: Permission): Promise<Access> {
  const session = await requireSession(request);
  const slug = params.orgSlug;
  const clientId = params.clientId;
  if (!slug) throw notFound();
  if (clientId !== undefined && !isUuid(clientId)) throw notFound();
  if (isClientPermission(permission) && clientId === undefined) throw new Error(`Permission ${permission} needs a :clientId route.`);

  // The organization, client and roles behind the check, looked up once per request and scope (the
  // permission is checked for every caller below).
  const found = await oncePerRequest(`scope:${session.id}:${slug}:${clientId ?? ""}`, () => findMembership(session.user.id, slug, clientId));


  if (!found) throw notFound();
  const { member, client } = found;
  if (clientId !== undefined) {
    if (!client) throw notFound();
    // Agency members see only the client accounts they are on.
    if (!found.clientRole && !isOrgAdmin(member.role)) throw notFound();
  }
  const clientRole = client ? effectiveClientRole(member.role, found.clientRole) : null;
  const permissions = permissionsFor(member.role, client ? found.clientRole : null);
  if (!client) for (const p of [...permissions]) if (isClientPermission(p)) permissions.delete(p);
  if (!permissions.has(permission)) throw forbidden();
  return {
    user: session.user,
    sessionId: session.id,
    organization: { id: member.id, slug: member.slug, name: member.name, kind: member.kind },
    orgRole: member.role,
    client: client ? { id: client.id, name: client.name, namingTemplate: client.namingTemplate } : null,
    clientRole,
    permissions,
  };
}

export function can(access: Access, permission: Permission): boolean {
  return access.permissions.has(permission);
}

/** Runs model functions inside the access's tenant transaction. */
export function inScope<T>(access: Access, work: (scope: Scope) => Promise<T>): Promise<T> {
  return withTenant({ organizationId: access.organization.id, userId: access.user.id }, work);
}

/** What the browser needs to show or hide controls (never trusted on the way back). */
export function accessView<A extends Access>(access: A): Pick<A, "organization" | "orgRole" | "client" | "clientRole"> & { permissions: Permission[] } {
  return {
    organization: access.organization,
    orgRole: access.orgRole,
    client: access.client,
    clientRole: access.clientRole,
    permissions: [...access.permissions],
  };
}
