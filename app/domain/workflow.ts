// The campaign status workflow (issue 8, "Status workflow") as a pure state machine: the caller
// loads the state, asks nextState, and persists the new state and its events in one transaction.
//
//   draft ──submit──▶ in_review ──approve-agency──▶ in_review (agency ✓) ──approve-client──▶ approved
//     ▲                   │                               │                                    │
//     └──────reject───────┴───────────reject──────────────┘                                 go-live
//     ▲                                                                                        ▼
//     └──────────────open-revision (new version) ◀── approved / live ──complete──▶ completed
//   archive: from every status but archived; archived is final.
//
// Rules chosen here (issue 8 leaves them open):
// - Approval order: agency first, then client (the anchors' "agency-then-client" chain); a client
//   approval before the agency's is refused with "agency-approval-pending". Both are needed.
// - Own submission: whoever submitted a version may not approve it, at either stage (strict; four eyes).
// - Rejection needs a reason; it returns the plan to draft and clears both approvals.
// - Only a draft is editable; changing an approved or live plan goes through open-revision, which
//   starts a new draft version while the approved one stays readable (approvedVersion).
//   A re-approved revision of a live plan comes back as "approved" and goes live again explicitly.
// - Archive: by a lead planner from any non-archived status. Restoring is outside this machine:
//   restoreCampaign (services/planner.server.ts) puts the campaign back at the status it had.
// - Every action carries the version the person saw; any other current version is "stale-version".
import type { ErrorKind } from "./errors";
import type { CampaignStatus } from "./plan";
import type { Permission } from "./permissions";

export const WORKFLOW_ACTIONS = ["submit", "approve-agency", "approve-client", "reject", "open-revision", "go-live", "complete", "archive"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export type WorkflowRejection = { by: string; reason: string; version: number; stage: ApprovalStage };

export type WorkflowState = {
  status: CampaignStatus;
  /** The plan's current version (campaign.version). */
  version: number;
  /** Who submitted the version under review (or last approved); null in a draft never submitted. */
  submittedBy: string | null;
  agencyApprovedBy: string | null;
  clientApprovedBy: string | null;
  /** The last fully approved version: stays readable while a revision is drafted. */
  approvedVersion: number | null;
  /** Why the plan was last sent back to draft; cleared on the next submission. */
  lastRejection: WorkflowRejection | null;
};

export type WorkflowActor = { userId: string; permissions: ReadonlySet<Permission> };

export type WorkflowContext = {
  /** The plan version the person was looking at when they acted. */
  seenVersion: number;
  /** Required for "reject". */
  reason?: string;
};

/** Which approval an in-review plan is waiting for. */
export type ApprovalStage = "agency" | "client";

/** What happened, for the activity feed, notifications and version snapshots. */
export type WorkflowEvent =
  | { type: "status-changed"; from: CampaignStatus; to: CampaignStatus; version: number; by: string }
  | { type: "review-requested"; version: number; by: string }
  | { type: "agency-approved"; version: number; by: string }
  | { type: "client-approved"; version: number; by: string }
  | { type: "rejected"; version: number; by: string; reason: string; stage: ApprovalStage }
  | { type: "revision-opened"; fromVersion: number; version: number; by: string }
  // Issue 8: every submission and approval freezes an immutable snapshot of the whole plan.
  | { type: "snapshot-frozen"; version: number; trigger: "submit" | "approve-agency" | "approve-client" };

export type WorkflowRefusalReason = "forbidden" | "invalid-transition" | "stale-version" | "own-submission" | "reason-required" | "agency-approval-pending";

export type WorkflowRefusal = { ok: false; reason: WorkflowRefusalReason; kind: RefusalKind };

type RefusalKind = Extract<ErrorKind, "bad-request" | "forbidden" | "conflict">;

export type WorkflowResult = { ok: true; state: WorkflowState; events: WorkflowEvent[] } | WorkflowRefusal;

const REFUSAL_KIND: Record<WorkflowRefusalReason, RefusalKind> = {
  forbidden: "forbidden",
  "own-submission": "forbidden",
  "invalid-transition": "conflict",
  "stale-version": "conflict",
  "agency-approval-pending": "conflict",
  "reason-required": "bad-request",
};

/**
 * Who may act, as data (house rule 2): any one of the listed permissions suffices. There is no
 * separate go-live / complete / archive permission, so those are the lead planner's, i.e. whoever
 * holds the agency approval.
 */
export const WORKFLOW_ACTION_PERMISSIONS: Record<Exclude<WorkflowAction, "reject">, readonly Permission[]> = {
  submit: ["client.plan.submit"],
  "approve-agency": ["client.plan.approve_agency"],
  "approve-client": ["client.plan.approve_client"],
  "open-revision": ["client.plan.edit"],
  "go-live": ["client.plan.approve_agency"],
  complete: ["client.plan.approve_agency"],
  archive: ["client.plan.approve_agency"],
};

/** Rejecting is the pending approver's call; the agency may also withdraw its approval before the client acts. */
export const REJECT_PERMISSIONS: Record<ApprovalStage, readonly Permission[]> = {
  agency: ["client.plan.approve_agency"],
  client: ["client.plan.approve_client", "client.plan.approve_agency"],
};

/** Statuses an action starts from. */
const FROM_STATUSES: Record<WorkflowAction, readonly CampaignStatus[]> = {
  submit: ["draft"],
  "approve-agency": ["in_review"],
  "approve-client": ["in_review"],
  reject: ["in_review"],
  "open-revision": ["approved", "live"],
  "go-live": ["approved"],
  complete: ["live"],
  archive: ["draft", "in_review", "approved", "live", "completed"],
};

/** A new campaign's workflow state. */
export function initialWorkflowState(version: number): WorkflowState {
  return { status: "draft", version, submittedBy: null, agencyApprovedBy: null, clientApprovedBy: null, approvedVersion: null, lastRejection: null };
}

/** Only a draft is edited in place; anything else is locked (issue 8: approved plans are locked). */
export function canEditPlan(status: CampaignStatus): boolean {
  return status === "draft";
}

/** The approval an in-review plan waits for; null in any other status. */
export function pendingApprovalStage(state: WorkflowState): ApprovalStage | null {
  if (state.status !== "in_review") return null;
  return state.agencyApprovedBy === null ? "agency" : "client";
}

function hasAny(actor: WorkflowActor, permissions: readonly Permission[]): boolean {
  return permissions.some((permission) => actor.permissions.has(permission));
}

/** The permission check alone, for the state the plan is in (reject depends on the pending stage). */
export function hasWorkflowPermission(state: WorkflowState, action: WorkflowAction, actor: WorkflowActor): boolean {
  if (action !== "reject") return hasAny(actor, WORKFLOW_ACTION_PERMISSIONS[action]);
  const stage = pendingApprovalStage(state) ?? "agency";
  return hasAny(actor, REJECT_PERMISSIONS[stage]);
}

function refuse(reason: WorkflowRefusalReason): WorkflowRefusal {
  return { ok: false, reason, kind: REFUSAL_KIND[reason] };
}

/** Every check but the version and the reason: what the UI needs to offer a button. */
function checkAction(state: WorkflowState, action: WorkflowAction, actor: WorkflowActor): WorkflowRefusal | null {
  if (!hasWorkflowPermission(state, action, actor)) return refuse("forbidden");
  if (!FROM_STATUSES[action].includes(state.status)) return refuse("invalid-transition");
  const stage = pendingApprovalStage(state);
  if (action === "approve-agency" && stage !== "agency") return refuse("invalid-transition");
  if (action === "approve-client" && stage !== "client") return refuse(stage === "agency" ? "agency-approval-pending" : "invalid-transition");
  const isApproval = action === "approve-agency" || action === "approve-client";
  if (isApproval && state.submittedBy === actor.userId) return refuse("own-submission");
  return null;
}

/**
 * Applies one action. Checks run in this order so the answer never leaks more than the person may
 * know: permission (403), then the version they saw (409), then the transition itself.
 */
export function nextState(state: WorkflowState, action: WorkflowAction, actor: WorkflowActor, context: WorkflowContext): WorkflowResult {
  if (!hasWorkflowPermission(state, action, actor)) return refuse("forbidden");
  if (context.seenVersion !== state.version) return refuse("stale-version");
  const refusal = checkAction(state, action, actor);
  if (refusal) return refusal;
  const by = actor.userId;
  const { version } = state;
  const statusChange = (to: CampaignStatus, atVersion = version): WorkflowEvent => ({ type: "status-changed", from: state.status, to, version: atVersion, by });

  switch (action) {
    case "submit":
      return {
        ok: true,
        state: { ...state, status: "in_review", submittedBy: by, agencyApprovedBy: null, clientApprovedBy: null, lastRejection: null },
        events: [statusChange("in_review"), { type: "review-requested", version, by }, { type: "snapshot-frozen", version, trigger: "submit" }],
      };
    case "approve-agency":
      // The status stays in_review: the client's approval is still needed.
      return {
        ok: true,
        state: { ...state, agencyApprovedBy: by },
        events: [{ type: "agency-approved", version, by }, { type: "snapshot-frozen", version, trigger: "approve-agency" }],
      };
    case "approve-client":
      return {
        ok: true,
        state: { ...state, status: "approved", clientApprovedBy: by, approvedVersion: version },
        events: [statusChange("approved"), { type: "client-approved", version, by }, { type: "snapshot-frozen", version, trigger: "approve-client" }],
      };
    case "reject": {
      const reason = context.reason?.trim() ?? "";
      if (reason === "") return refuse("reason-required");
      const stage = pendingApprovalStage(state) ?? "agency";
      return {
        ok: true,
        state: { ...state, status: "draft", agencyApprovedBy: null, clientApprovedBy: null, lastRejection: { by, reason, version, stage } },
        events: [statusChange("draft"), { type: "rejected", version, by, reason, stage }],
      };
    }
    case "open-revision": {
      // A revision is a new version; the approved one stays readable as its frozen snapshot.
      const revisionVersion = version + 1;
      return {
        ok: true,
        state: {
          ...state,
          status: "draft",
          version: revisionVersion,
          submittedBy: null,
          agencyApprovedBy: null,
          clientApprovedBy: null,
          approvedVersion: state.approvedVersion ?? version,
          lastRejection: null,
        },
        events: [statusChange("draft", revisionVersion), { type: "revision-opened", fromVersion: version, version: revisionVersion, by }],
      };
    }
    case "go-live":
      return { ok: true, state: { ...state, status: "live" }, events: [statusChange("live")] };
    case "complete":
      return { ok: true, state: { ...state, status: "completed" }, events: [statusChange("completed")] };
    case "archive":
      return { ok: true, state: { ...state, status: "archived" }, events: [statusChange("archived")] };
  }
}

/** The actions to offer this person now (the reject form still has to ask for a reason). */
export function availableActions(state: WorkflowState, actor: WorkflowActor): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => checkAction(state, action, actor) === null);
}
