import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { clientAccounts, invitations, organizations, type InvitationRow } from "@db/schema";
import type { UserScope, Scope } from "~/models/scope.server";

export type InvitationTarget =
  | { kind: "organization"; orgRole: "admin" | "member" }
  | { kind: "client"; clientAccountId: string; clientRole: "lead_planner" | "planner" | "viewer" };

export async function insertInvitation(
  scope: Scope,
  input: { email: string; tokenHash: string; target: InvitationTarget; expiresAt: Date },
): Promise<InvitationRow> {
  const [row] = await scope.tx
    .insert(invitations)
    .values({
      organizationId: scope.organizationId,
      email: input.email,
      tokenHash: input.tokenHash,
      orgRole: input.target.kind === "organization" ? input.target.orgRole : null,
      clientAccountId: input.target.kind === "client" ? input.target.clientAccountId : null,
      clientRole: input.target.kind === "client" ? input.target.clientRole : null,
      invitedBy: scope.userId,
      expiresAt: input.expiresAt,
    })
    .returning();
  if (!row) throw new Error("Invitation insert returned no row.");
  return row;
}

/** Open invitations of the organization, or of one client account. */
export async function listOpenInvitations(scope: Scope, options: { clientAccountId: string | null; now?: Date }): Promise<InvitationRow[]> {
  const now = options.now ?? new Date();
  return scope.tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, scope.organizationId),
        options.clientAccountId ? eq(invitations.clientAccountId, options.clientAccountId) : isNull(invitations.clientAccountId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export async function findInvitation(scope: Scope, invitationId: string): Promise<InvitationRow | undefined> {
  const [row] = await scope.tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, scope.organizationId), eq(invitations.id, invitationId)));
  return row;
}

/** Revokes an open invitation of the organization (clientAccountId null) or of that one client account. */
export async function revokeInvitation(scope: Scope, invitationId: string, clientAccountId: string | null): Promise<number> {
  const rows = await scope.tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.organizationId, scope.organizationId),
        eq(invitations.id, invitationId),
        clientAccountId ? eq(invitations.clientAccountId, clientAccountId) : isNull(invitations.clientAccountId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}

/** The invitation behind a link token (auth scope: the person may not be signed in yet). */
export async function findInvitationByTokenHash(scope: UserScope, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await scope.tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
  return row;
}

/** Marks an invitation used, once: the conditional update makes a second (or concurrent) acceptance a no-op. */
export async function markInvitationAccepted(scope: Scope, invitationId: string, userId: string, now = new Date()): Promise<boolean> {
  const rows = await scope.tx
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(
      and(
        eq(invitations.organizationId, scope.organizationId),
        eq(invitations.id, invitationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length === 1;
}

/** Names an invitation shows: its organization and, for a client invitation, the client account. */
export async function findInvitationTargetNames(
  scope: Scope,
  clientAccountId: string | null,
): Promise<{ organizationName: string; organizationSlug: string; clientAccountName: string | null } | undefined> {
  const [org] = await scope.tx.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, scope.organizationId));
  if (!org) return undefined;
  let clientAccountName: string | null = null;
  if (clientAccountId) {
    const [client] = await scope.tx
      .select({ name: clientAccounts.name })
      .from(clientAccounts)
      .where(and(eq(clientAccounts.organizationId, scope.organizationId), eq(clientAccounts.id, clientAccountId)));
    clientAccountName = client?.name ?? null;
  }
  return { organizationName: org.name, organizationSlug: org.slug, clientAccountName };
}
