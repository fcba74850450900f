import { notFound } from "~/domain/errors";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Access, ClientAccess } from "~/tenancy/access.server";
import { getEnv } from "~/env.server";
import { statusOf } from "~/route-edge.server";
import { redirectWithToast } from "~/toast.server";
import {
  ChangeClientRoleSchema,
  ChangeOrgRoleSchema,
  InviteToClientSchema,
  InviteToOrgSchema,
  RemoveMemberSchema,
  RevokeInvitationSchema,
} from "~/services/forms/team.server";
import { createInvitation, revokeInvitation } from "~/services/invitations.server";
import { changeClientRole, changeOrganizationRole, removeClientMember, removeOrganizationMember, type MemberChangeResult } from "~/services/members.server";

/** The route side of the members page and the client team page (both import it): they share these intents: invite, change-role, remove, revoke. */
export async function handleTeamAction(request: Request, team: { level: "organization"; access: Access } | { level: "client"; access: ClientAccess }) {
  const { level, access } = team;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = new URL(request.url).pathname;
  const baseUrl = getEnv().PUBLIC_URL ?? new URL(request.url).origin;

  if (intent === "invite") {
    const submission = parseWithZod(formData, { schema: level === "client" ? InviteToClientSchema : InviteToOrgSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), created: null, memberError: null }, { status: 400 });
    const value = submission.value;
    const target =
      level === "client"
        ? { kind: "client" as const, clientAccountId: access.client.id, clientRole: value.role as "lead_planner" | "planner" | "viewer" }
        : { kind: "organization" as const, orgRole: value.role as "admin" | "member" };
    const created = await createInvitation(access, { email: value.email, target, baseUrl });
    return data({ intent, result: submission.reply({ resetForm: true }), created: { email: created.email, link: created.link }, memberError: null });
  }

  if (intent === "change-role" || intent === "remove") {
    const schema = intent === "remove" ? RemoveMemberSchema : level === "client" ? ChangeClientRoleSchema : ChangeOrgRoleSchema;
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data({ intent, result: null, created: null, memberError: null }, { status: 400 });
    const value = submission.value as { userId: string; role?: string };
    let outcome: MemberChangeResult;
    if (intent === "remove") {
      outcome = level === "client" ? await removeClientMember(access, value.userId) : await removeOrganizationMember(access, value.userId);
    } else {
      outcome =
        level === "client"
          ? await changeClientRole(access, value.userId, value.role as "lead_planner" | "planner" | "viewer")
          : await changeOrganizationRole(access, value.userId, value.role as "owner" | "admin" | "member");
    }
    if (!outcome.ok) {
      if (outcome.kind === "not-found") throw notFound();
      return data({ intent, result: null, created: null, memberError: { userId: value.userId, message: outcome.error } }, { status: statusOf(outcome.kind) });
    }
    return redirectWithToast(back, { kind: "success", key: intent === "remove" ? "members.removed" : "members.roleChanged" });
  }

  if (intent === "revoke") {
    const submission = parseWithZod(formData, { schema: RevokeInvitationSchema });
    if (submission.status !== "success") return data({ intent, result: null, created: null, memberError: null }, { status: 400 });
    const revoked = await revokeInvitation(access, submission.value.invitationId, team.level === "client" ? team.access.client.id : null);
    if (!revoked) throw notFound();
    return redirectWithToast(back, { kind: "success", key: "members.revoked" });
  }

  return data({ intent: null, result: null, created: null, memberError: null }, { status: 400 });
}
