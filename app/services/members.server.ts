import type { ErrorKind } from "~/domain/errors";
import { recordActivity } from "~/models/activity.server";
import { countLeadPlanners, deleteClientMember, findClientMemberRole, upsertClientMember } from "~/models/client-account.server";
import { countOtherOwners, deleteMembership, findMembership, updateMembershipRole } from "~/models/organization.server";
import { inScope, type Access, type ClientAccess } from "~/tenancy/access.server";
import { assignableOrgRoles, type ClientRole, type OrgRole } from "~/domain/permissions";

export type MemberChangeResult = { ok: true } | { ok: false; kind: Extract<ErrorKind, "not-found" | "forbidden" | "conflict">; error: string };

/** Changes an org role; only owners make owners, and the last owner stays an owner. */
export async function changeOrganizationRole(access: Access, userId: string, role: OrgRole): Promise<MemberChangeResult> {
  if (!assignableOrgRoles(access.orgRole).includes(role)) return { ok: false, kind: "forbidden", error: "members.cannotAssignRole" };
  return inScope(access, async (scope) => {
    const member = await findMembership(scope, userId);
    if (!member) return { ok: false, kind: "not-found", error: "members.notFound" };
    if (member.role === "owner" && access.orgRole !== "owner") return { ok: false, kind: "forbidden", error: "members.onlyOwnersChangeOwners" };
    if (member.role === "owner" && role !== "owner" && (await countOtherOwners(scope, userId)) === 0) {
      return { ok: false, kind: "conflict", error: "members.lastOwner" };
    }
    await updateMembershipRole(scope, userId, role);
    await recordActivity(scope, { subjectType: "membership", subjectId: userId, action: "role_changed", changes: { role: { from: member.role, to: role } } });
    return { ok: true };
  });
}

export async function removeOrganizationMember(access: Access, userId: string): Promise<MemberChangeResult> {
  return inScope(access, async (scope) => {
    const member = await findMembership(scope, userId);
    if (!member) return { ok: false, kind: "not-found", error: "members.notFound" };
    if (member.role === "owner" && access.orgRole !== "owner") return { ok: false, kind: "forbidden", error: "members.onlyOwnersChangeOwners" };
    if (member.role === "owner" && (await countOtherOwners(scope, userId)) === 0) return { ok: false, kind: "conflict", error: "members.lastOwner" };
    await deleteMembership(scope, userId);
    await recordActivity(scope, { subjectType: "membership", subjectId: userId, action: "removed", changes: { role: member.role } });
    return { ok: true };
  });
}

export async function changeClientRole(access: ClientAccess, userId: string, role: ClientRole): Promise<MemberChangeResult> {
  const clientAccountId = access.client.id;
  return inScope(access, async (scope) => {
    const current = await findClientMemberRole(scope, clientAccountId, userId);
    if (!current) return { ok: false, kind: "not-found", error: "members.notFound" };
    if (current === "lead_planner" && role !== "lead_planner" && (await countLeadPlanners(scope, clientAccountId)) <= 1) {
      return { ok: false, kind: "conflict", error: "team.lastLead" };
    }
    await upsertClientMember(scope, clientAccountId, userId, role);
    await recordActivity(scope, { clientAccountId, subjectType: "client_member", subjectId: userId, action: "role_changed", changes: { role: { from: current, to: role } } });
    return { ok: true };
  });
}

export async function removeClientMember(access: ClientAccess, userId: string): Promise<MemberChangeResult> {
  const clientAccountId = access.client.id;
  return inScope(access, async (scope) => {
    const current = await findClientMemberRole(scope, clientAccountId, userId);
    if (!current) return { ok: false, kind: "not-found", error: "members.notFound" };
    if (current === "lead_planner" && (await countLeadPlanners(scope, clientAccountId)) <= 1) return { ok: false, kind: "conflict", error: "team.lastLead" };
    await deleteClientMember(scope, clientAccountId, userId);
    await recordActivity(scope, { clientAccountId, subjectType: "client_member", subjectId: userId, action: "removed", changes: { role: current } });
    return { ok: true };
  });
}
