import { notFound } from "~/domain/errors";
import { generateSecureRandomString, hashSecret } from "~/auth/tokens.server";
import { createSession } from "~/auth/session.server";
import { recordActivity } from "~/models/activity.server";
import { findClientAccount, upsertClientMember } from "~/models/client-account.server";
import {
  findInvitationByTokenHash,
  findInvitationTargetNames,
  insertInvitation,
  markInvitationAccepted,
  revokeInvitation as revokeInvitationRow,
  type InvitationTarget,
} from "~/models/invitation.server";
import { findMembership, insertMembership } from "~/models/organization.server";
import { normalizeEmail } from "~/models/user.server";
import type { InvitationRow } from "@db/schema";
import { inScope, type Access } from "~/tenancy/access.server";
import { withAuthScope, withTenant } from "~/models/scope.server";
import { sendMail } from "./mailer.server";
import { createUser } from "./signup.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type CreatedInvitation = { id: string; link: string; email: string; expiresAt: Date };

/** A single-use link valid 7 days; only its hash is stored. The link is shown to copy and mailed (logged). */
export async function createInvitation(access: Access, input: { email: string; target: InvitationTarget; baseUrl: string }): Promise<CreatedInvitation> {
  const token = generateSecureRandomString() + generateSecureRandomString();
  const email = normalizeEmail(input.email);
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const invitation = await inScope(access, async (scope) => {
    if (input.target.kind === "client" && !(await findClientAccount(scope, input.target.clientAccountId))) throw notFound();
    const row = await insertInvitation(scope, { email, tokenHash: hashSecret(token), target: input.target, expiresAt });
    await recordActivity(scope, {
      clientAccountId: input.target.kind === "client" ? input.target.clientAccountId : null,
      subjectType: "invitation",
      subjectId: row.id,
      action: "created",
      changes: { email, role: input.target.kind === "client" ? input.target.clientRole : input.target.orgRole },
    });
    return row;
  });
  const link = `${input.baseUrl.replace(/\/$/, "")}/invite/${token}`;
  await sendMail({
    to: email,
    subject: `${access.user.name} invited you to ${access.client?.name ?? access.organization.name} on Qiao`,
    text: `Open this link within 7 days to join: ${link}`,
  });
  return { id: invitation.id, link, email, expiresAt };
}

export async function revokeInvitation(access: Access, invitationId: string, clientAccountId: string | null): Promise<boolean> {
  return inScope(access, async (scope) => {
    const revoked = (await revokeInvitationRow(scope, invitationId, clientAccountId)) === 1;
    if (revoked) await recordActivity(scope, { clientAccountId, subjectType: "invitation", subjectId: invitationId, action: "revoked" });
    return revoked;
  });
}

export type InvitationState = "open" | "expired" | "used" | "revoked";

export type InvitationView = InvitationRow & {
  state: InvitationState;
  organizationName: string;
  organizationSlug: string;
  clientAccountName: string | null;
};

/** What a link points at, whoever opens it (the token is the credential). */
export async function getInvitationByToken(token: string, now = new Date()): Promise<InvitationView | null> {
  if (!/^[a-z2-7]{20,80}$/.test(token)) return null;
  const invitation = await withAuthScope(null, (scope) => findInvitationByTokenHash(scope, hashSecret(token)));
  if (!invitation) return null;
  // The names come from inside the invitation's own tenant.
  const names = await withTenant({ organizationId: invitation.organizationId, userId: null }, (scope) =>
    findInvitationTargetNames(scope, invitation.clientAccountId),
  );
  if (!names) return null;
  const state: InvitationState = invitation.acceptedAt ? "used" : invitation.revokedAt ? "revoked" : invitation.expiresAt <= now ? "expired" : "open";
  return { ...invitation, ...names, state };
}

export type AcceptResult = { ok: true; redirectTo: string; target: string } | { ok: false; reason: "invalid" | "wrong-account" };

/** Joins the organization (and client team) the invitation names; a used, revoked or expired link does nothing. */
export async function acceptInvitation(token: string, user: { id: string; email: string }): Promise<AcceptResult> {
  const invitation = await getInvitationByToken(token);
  if (!invitation || invitation.state !== "open") return { ok: false, reason: "invalid" };
  if (normalizeEmail(user.email) !== invitation.email) return { ok: false, reason: "wrong-account" };
  const accepted = await withTenant({ organizationId: invitation.organizationId, userId: user.id }, async (scope) => {
    if (!(await markInvitationAccepted(scope, invitation.id, user.id))) return false;
    const existing = await findMembership(scope, user.id);
    if (!existing) await insertMembership(scope, user.id, invitation.orgRole ?? "member");
    if (invitation.clientAccountId && invitation.clientRole) await upsertClientMember(scope, invitation.clientAccountId, user.id, invitation.clientRole);
    await recordActivity(scope, {
      clientAccountId: invitation.clientAccountId,
      subjectType: "invitation",
      subjectId: invitation.id,
      action: "accepted",
      changes: { email: invitation.email, role: invitation.clientRole ?? invitation.orgRole },
    });
    return true;
  });
  if (!accepted) return { ok: false, reason: "invalid" };
  const base = `/o/${invitation.organizationSlug}`;
  return {
    ok: true,
    redirectTo: invitation.clientAccountId ? `${base}/clients/${invitation.clientAccountId}` : base,
    target: invitation.clientAccountName ?? invitation.organizationName,
  };
}

export type SignUpByInvitationResult =
  | { ok: true; token: string; redirectTo: string }
  | { ok: false; fieldErrors: Partial<Record<"email" | "password" | "form", string>> };

/** A newcomer: creates the account for the invited e-mail, accepts, and signs in. */
export async function signUpWithInvitation(token: string, input: { name: string; password: string; locale: string | null }): Promise<SignUpByInvitationResult> {
  const invitation = await getInvitationByToken(token);
  if (!invitation || invitation.state !== "open") return { ok: false, fieldErrors: { form: "invite.invalid" } };
  const created = await createUser({ email: invitation.email, name: input.name, password: input.password, locale: input.locale });
  if (!created.ok) return created;
  const accepted = await acceptInvitation(token, { id: created.userId, email: invitation.email });
  if (!accepted.ok) return { ok: false, fieldErrors: { form: "invite.invalid" } };
  const session = await createSession(created.userId);
  return { ok: true, token: session.token, redirectTo: accepted.redirectTo };
}
