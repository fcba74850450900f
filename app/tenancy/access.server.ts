import type { Params } from "@remix-run/react";
import type { Transaction } from "@db/client";
import { loginRedirect, parseSessionToken, readSessionToken, validateSessionIn, type SessionTokenParts, type SessionUser, type ValidSession } from "~/auth/session.server";
import { switchTransactionContext, withAppTransaction } from "~/db.server";
import { findClientWithOwnRole } from "~/models/client-account.server";
import { countOwnUnread } from "~/models/collaboration.server";
import { listOrganizationsOfUser, type UserOrganization } from "~/models/organization.server";
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

type ScopeLookup = {
  slug: string | undefined;
  clientId: string | undefined;
  member: UserOrganization | null;
  client: { id: string; name: string; namingTemplate: string | null } | null;
  clientRole: ClientRole | null;
};

/** Who is asking, resolved once per request: the session, the person's organizations, their unread count and the scope of the URL. */
export type RequestContext = { session: ValidSession; organizations: UserOrganization[]; unread: number; scope: ScopeLookup };

/** The organization with that slug among the person's, and the client account with the person's role on it, inside `tx` (user mode on entry). */
async function lookUpScope(tx: Transaction, userId: string, organizations: UserOrganization[], slug: string | undefined, clientId: string | undefined): Promise<ScopeLookup> {
  const member = (slug && organizations.find((o) => o.slug === slug)) || null;
  if (!member || clientId === undefined) return { slug, clientId, member, client: null, clientRole: null };
  // Same transaction, now inside the tenant.
  await switchTransactionContext(tx, { organizationId: member.id, userId });
  const client = await findClientWithOwnRole({ tx, organizationId: member.id, userId }, clientId);
  return { slug, clientId, member, client: client ? { id: client.id, name: client.name, namingTemplate: client.namingTemplate } : null, clientRole: client?.role ?? null };
}

/**
 * One transaction for the identity behind a request: the session (auth mode), then the person's
 * organizations and unread notifications (their own rows), then the URL's client account (the tenant).
 * The root, organization and page loaders all read it; each still makes its own check of it.
 */
async function resolveRequestContext(token: SessionTokenParts, slug: string | undefined, clientId: string | undefined): Promise<RequestContext | null> {
  return withAppTransaction({ organizationId: null, userId: null, auth: true }, async (tx) => {
    const session = await validateSessionIn(tx, token);
    if (!session) return null;
    const userId = session.user.id;
    await switchTransactionContext(tx, { organizationId: null, userId });
    const own = { tx, userId };
    // Sent together: postgres.js pipelines a transaction's concurrent statements (PGlite runs them in turn).
    const [organizations, unread] = await Promise.all([listOrganizationsOfUser(own), countOwnUnread(own)]);
    return { session, organizations, unread, scope: await lookUpScope(tx, userId, organizations, slug, clientId) };
  });
}

/**
 * The request's identity (null when signed out), computed by the first loader that asks and shared by
 * the others (request-memo.server.ts). Pass the route's params so the organization and client account
 * of the URL are looked up in the same transaction.
 */
export function getRequestContext(request: Request, params: Params = {}): Promise<RequestContext | null> {
  const cookie = readSessionToken(request);
  const token = cookie ? parseSessionToken(cookie) : null;
  if (!token) return Promise.resolve(null);
  const clientId = params.clientId !== undefined && isUuid(params.clientId) ? params.clientId : undefined;
  return oncePerRequest(`request:${cookie}`, () => resolveRequestContext(token, params.orgSlug, clientId));
}

/** The request's session, validated once for all the loaders of one request. */
export async function getSession(request: Request): Promise<ValidSession | null> {
  return (await getRequestContext(request))?.session ?? null;
}

/** The signed-in person, or a redirect to the login page (thrown). */
export async function requireSession(request: Request): Promise<ValidSession> {
  const session = await getSession(request);
  if (!session) throw loginRedirect(request);
  return session;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireSession(request)).user;
}

/** The scope for other params than the ones the request's context was resolved with (rare: one per request and scope). */
function lookUpScopeAgain(userId: string, sessionId: string, slug: string, clientId: string | undefined): Promise<ScopeLookup> {
  return oncePerRequest(`scope:${sessionId}:${slug}:${clientId ?? ""}`, () =>
    withAppTransaction({ organizationId: null, userId }, async (tx) => lookUpScope(tx, userId, await listOrganizationsOfUser({ tx, userId }), slug, clientId)),
  );
}

/**
 * The one access check, first line of every tenant loader and action. Signed out: redirect to login.
 * Another organization, or a client account the person is not on: 404. Too weak a role: 403.
 */
export async function requireScope(request: Request, params: Params, permission: ClientPermission): Promise<ClientAccess>;
export async function requireScope(request: Request, params: Params, permission: Permission): Promise<Access>;
export async function requireScope(request: Request, params: Params, permission: Permission): Promise<Access> {
  const context = await getRequestContext(request, params);
  if (!context) throw loginRedirect(request);
  const { session } = context;
  const slug = params.orgSlug;
  const clientId = params.clientId;
  if (!slug) throw notFound();
  if (clientId !== undefined && !isUuid(clientId)) throw notFound();
  if (isClientPermission(permission) && clientId === undefined) throw new Error(`Permission ${permission} needs a :clientId route.`);

  // The organization, client and roles behind the check come with the request's context (the
  // permission is checked for every caller below).
  const found = context.scope.slug === slug && context.scope.clientId === clientId ? context.scope : await lookUpScopeAgain(session.user.id, session.id, slug, clientId);
  const { member, client } = found;
  if (!member) throw notFound();
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
