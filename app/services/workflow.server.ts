import { notFound, type ErrorKind } from "~/domain/errors";
import type { CampaignRow } from "@db/schema";
import { CATALOG_VERSION } from "~/domain/catalog";
import { availableActions, nextState, type WorkflowAction, type WorkflowEvent, type WorkflowRefusalReason, type WorkflowState } from "~/domain/workflow";
import { recordActivity } from "~/models/activity.server";
import { lockCampaign, updateWorkflowIfPlanVersion } from "~/models/campaign.server";
import { listApprovers } from "~/models/client-account.server";
import { insertNotifications, insertPlanVersion, type NewNotification } from "~/models/collaboration.server";
import { listLines } from "~/models/line-item.server";
import { inScope, type Access, type ClientAccess } from "~/tenancy/access.server";
import type { Scope } from "~/models/scope.server";
import { toCampaignPlan, toPlanLine } from "./planner.server";

export function workflowStateOf(campaign: CampaignRow): WorkflowState {
  return {
    status: campaign.status,
    version: campaign.planVersion,
    submittedBy: campaign.submittedBy,
    agencyApprovedBy: campaign.agencyApprovedBy,
    clientApprovedBy: campaign.clientApprovedBy,
    approvedVersion: campaign.approvedVersion,
    lastRejection: campaign.lastRejection ?? null,
  };
}

export function actionsFor(access: Access, campaign: CampaignRow): WorkflowAction[] {
  return availableActions(workflowStateOf(campaign), { userId: access.user.id, permissions: access.permissions });
}

export type TransitionResult = { ok: true; campaign: CampaignRow } | { ok: false; reason: WorkflowRefusalReason; kind: ErrorKind };

async function notify(scope: Scope, access: Access, campaign: CampaignRow, events: WorkflowEvent[], reason: string | undefined): Promise<void> {
  // Everyone who can take the next step hears of it, org admins acting as lead planners included.
  const approvers = await listApprovers(scope, campaign.clientAccountId);
  const base = { campaignId: campaign.id, clientAccountId: campaign.clientAccountId, actorName: access.user.name, payload: { campaignName: campaign.name, reason: reason ?? null } };
  const rows: NewNotification[] = [];
  const to = (userIds: (string | null)[], kind: NewNotification["kind"]) => {
    for (const userId of new Set(userIds.filter((id): id is string => Boolean(id) && id !== access.user.id))) rows.push({ ...base, userId, kind });
  };
  for (const event of events) {
    if (event.type === "review-requested") to(approvers.agency.map((m) => m.id), "review-requested");
    if (event.type === "agency-approved") to(approvers.client.map((m) => m.id), "review-requested");
    if (event.type === "client-approved") to([campaign.submittedBy, campaign.agencyApprovedBy], "approved");
    if (event.type === "rejected") to([campaign.submittedBy], "rejected");
  }
  await insertNotifications(scope, rows);
}

/**
 * One workflow step, all or nothing: the state machine decides; the campaign row moves only if the
 * plan is still at the version the person saw; each submission and approval freezes a snapshot.
 */
export async function transitionCampaign(access: ClientAccess, campaignId: string, action: WorkflowAction, seenVersion: number, reason?: string): Promise<TransitionResult> {
  return inScope(access, async (scope) => {
    const campaign = await lockCampaign(scope, access.client.id, campaignId);
    if (!campaign) throw notFound();
    const result = nextState(workflowStateOf(campaign), action, { userId: access.user.id, permissions: access.permissions }, { seenVersion, reason });
    if (!result.ok) return { ok: false, reason: result.reason, kind: result.kind };
    const next = result.state;
    const saved = await updateWorkflowIfPlanVersion(scope, access.client.id, campaignId, campaign.planVersion, {
      status: next.status,
      planVersion: next.version,
      submittedBy: next.submittedBy,
      agencyApprovedBy: next.agencyApprovedBy,
      clientApprovedBy: next.clientApprovedBy,
      approvedVersion: next.approvedVersion,
      lastRejection: next.lastRejection,
    });
    if (!saved) return { ok: false, reason: "stale-version", kind: "conflict" };
    const frozen = result.events.filter((e) => e.type === "snapshot-frozen");
    if (frozen.length > 0) {
      const lines = await listLines(scope, campaignId);
      const snapshot = { campaign: toCampaignPlan(saved, access.client.name), lines: lines.map(toPlanLine), catalogVersion: CATALOG_VERSION };
      for (const event of frozen) {
        await insertPlanVersion(scope, { campaignId, planVersion: saved.planVersion, trigger: event.type === "snapshot-frozen" ? event.trigger : action, snapshot, createdByName: access.user.name });
      }
    }
    await recordActivity(scope, {
      clientAccountId: access.client.id,
      campaignId,
      subjectType: "campaign",
      subjectId: campaignId,
      action: `workflow:${action}`,
      changes: { status: { from: campaign.status, to: saved.status }, planVersion: saved.planVersion, ...(reason ? { reason } : {}) },
    });
    await notify(scope, access, saved, result.events, reason);
    return { ok: true, campaign: saved };
  });
}

