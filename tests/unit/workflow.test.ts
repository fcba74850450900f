import { describe, expect, it } from "vitest";
import { CAMPAIGN_STATUSES, type CampaignStatus } from "~/domain/plan";
import {
  availableActions,
  canEditPlan,
  initialWorkflowState,
  nextState,
  WORKFLOW_ACTIONS,
  type WorkflowAction,
  type WorkflowActor,
  type WorkflowState,
} from "~/domain/workflow";
import { CLIENT_PERMISSIONS, ORG_PERMISSIONS, permissionsFor, type Permission } from "~/domain/permissions";

const ROLES = {
  lead_planner: permissionsFor("member", "lead_planner"),
  planner: permissionsFor("member", "planner"),
  viewer: permissionsFor("member", "viewer"),
  org_admin: permissionsFor("admin", null),
  outsider: permissionsFor("member", null),
} as const;
type RoleName = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];

function actor(role: RoleName, userId = `${role}-user`): WorkflowActor {
  return { userId, permissions: ROLES[role] };
}

/** Holds every permission: isolates the transition rules from the permission map. */
const EVERYONE: WorkflowActor = { userId: "root-user", permissions: new Set<Permission>([...ORG_PERMISSIONS, ...CLIENT_PERMISSIONS]) };

const VERSION = 7;

function state(overrides: Partial<WorkflowState> = {}): WorkflowState {
  return { ...initialWorkflowState(VERSION), ...overrides };
}

/** One representative state per situation a transition starts from. */
const STATES = {
  draft: state(),
  awaitingAgency: state({ status: "in_review", submittedBy: "submitter-user" }),
  awaitingClient: state({ status: "in_review", submittedBy: "submitter-user", agencyApprovedBy: "other-lead" }),
  approved: state({ status: "approved", submittedBy: "submitter-user", agencyApprovedBy: "other-lead", clientApprovedBy: "client-user", approvedVersion: VERSION }),
  live: state({ status: "live", submittedBy: "submitter-user", agencyApprovedBy: "other-lead", clientApprovedBy: "client-user", approvedVersion: VERSION }),
  completed: state({ status: "completed", submittedBy: "submitter-user", agencyApprovedBy: "other-lead", clientApprovedBy: "client-user", approvedVersion: VERSION }),
  archived: state({ status: "archived" }),
} satisfies Record<string, WorkflowState>;
type StateName = keyof typeof STATES;

const AGENCY_LEADS: RoleName[] = ["lead_planner", "org_admin"];
const EDITORS: RoleName[] = ["lead_planner", "planner", "org_admin"];

type Transition = { action: WorkflowAction; from: StateName; to: CampaignStatus; allowed: RoleName[] };

// Every transition of the workflow, and who may take it (issue 8 "every workflow transition and its permission").
const TRANSITIONS: Transition[] = [
  { action: "submit", from: "draft", to: "in_review", allowed: EDITORS },
  { action: "approve-agency", from: "awaitingAgency", to: "in_review", allowed: AGENCY_LEADS },
  { action: "approve-client", from: "awaitingClient", to: "approved", allowed: ["viewer"] },
  { action: "reject", from: "awaitingAgency", to: "draft", allowed: AGENCY_LEADS },
  { action: "reject", from: "awaitingClient", to: "draft", allowed: ["viewer", ...AGENCY_LEADS] },
  { action: "open-revision", from: "approved", to: "draft", allowed: EDITORS },
  { action: "open-revision", from: "live", to: "draft", allowed: EDITORS },
  { action: "go-live", from: "approved", to: "live", allowed: AGENCY_LEADS },
  { action: "complete", from: "live", to: "completed", allowed: AGENCY_LEADS },
  { action: "archive", from: "draft", to: "archived", allowed: AGENCY_LEADS },
  { action: "archive", from: "awaitingAgency", to: "archived", allowed: AGENCY_LEADS },
  { action: "archive", from: "awaitingClient", to: "archived", allowed: AGENCY_LEADS },
  { action: "archive", from: "approved", to: "archived", allowed: AGENCY_LEADS },
  { action: "archive", from: "live", to: "archived", allowed: AGENCY_LEADS },
  { action: "archive", from: "completed", to: "archived", allowed: AGENCY_LEADS },
];

const MATRIX = TRANSITIONS.flatMap((transition) => ROLE_NAMES.map((role) => ({ ...transition, role, isAllowed: transition.allowed.includes(role) })));

describe("nextState: every transition × every role", () => {
  it.each(MATRIX)("$action from $from by $role → allowed: $isAllowed", ({ action, from, to, role, isAllowed }) => {
    const before = STATES[from];
    const untouched = structuredClone(before);
    const result = nextState(before, action, actor(role), { seenVersion: before.version, reason: "Budget split needs rework" });
    // Pure: the caller's state is never mutated, allowed or not.
    expect(before).toEqual(untouched);
    if (isAllowed) {
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.state.status).toBe(to);
    } else {
      expect(result).toEqual({ ok: false, reason: "forbidden", kind: "forbidden" });
    }
    expect(availableActions(before, actor(role)).includes(action)).toBe(isAllowed);
  });

  it("covers every action", () => {
    expect(new Set(TRANSITIONS.map((t) => t.action))).toEqual(new Set(WORKFLOW_ACTIONS));
  });
});

describe("nextState: transitions that do not exist", () => {
  const valid = new Set(TRANSITIONS.map((t) => `${t.action}|${t.from}`));
  const cases = WORKFLOW_ACTIONS.flatMap((action) =>
    (Object.keys(STATES) as StateName[]).filter((from) => !valid.has(`${action}|${from}`)).map((from) => ({ action, from })),
  );

  it.each(cases)("$action from $from is refused with 409", ({ action, from }) => {
    const before = STATES[from];
    const result = nextState(before, action, EVERYONE, { seenVersion: before.version, reason: "why" });
    // The one wrong-order case gets its own reason, so the client viewer learns what is missing.
    const expected = action === "approve-client" && from === "awaitingAgency" ? "agency-approval-pending" : "invalid-transition";
    expect(result).toEqual({ ok: false, reason: expected, kind: "conflict" });
    expect(availableActions(before, EVERYONE)).not.toContain(action);
  });

  it("has nothing to offer on an archived plan, whoever asks", () => {
    for (const role of ROLE_NAMES) expect(availableActions(STATES.archived, actor(role))).toEqual([]);
  });
});

describe("canEditPlan: locked statuses", () => {
  it.each(CAMPAIGN_STATUSES.map((status) => ({ status, isEditable: status === "draft" })))("$status → editable: $isEditable", ({ status, isEditable }) => {
    expect(canEditPlan(status)).toBe(isEditable);
  });

  it("stays locked after the agency approval, while the client's is pending", () => {
    const result = nextState(STATES.awaitingAgency, "approve-agency", actor("lead_planner"), { seenVersion: VERSION });
    expect(result.ok && canEditPlan(result.state.status)).toBe(false);
  });

  it("unlocks an approved plan only through a revision: a new draft version, the approved one kept", () => {
    const result = nextState(STATES.approved, "open-revision", actor("planner"), { seenVersion: VERSION });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state).toMatchObject({ status: "draft", version: VERSION + 1, approvedVersion: VERSION, submittedBy: null, agencyApprovedBy: null, clientApprovedBy: null });
    expect(canEditPlan(result.state.status)).toBe(true);
    expect(result.events).toContainEqual({ type: "revision-opened", fromVersion: VERSION, version: VERSION + 1, by: "planner-user" });
  });
});

describe("nextState: stale version", () => {
  it.each(TRANSITIONS.filter((t) => t.allowed.includes("lead_planner")))("$action from $from with an older version → 409", ({ action, from }) => {
    const result = nextState(STATES[from], action, actor("lead_planner"), { seenVersion: VERSION - 1, reason: "why" });
    expect(result).toEqual({ ok: false, reason: "stale-version", kind: "conflict" });
  });

  it("refuses approving a version other than the one under review", () => {
    // The lead saw version 6; the planner has since been rejected, edited and resubmitted version 7.
    const result = nextState(STATES.awaitingAgency, "approve-agency", actor("lead_planner"), { seenVersion: 6 });
    expect(result).toEqual({ ok: false, reason: "stale-version", kind: "conflict" });
    const newer = nextState(STATES.awaitingAgency, "approve-agency", actor("lead_planner"), { seenVersion: 8 });
    expect(newer).toEqual({ ok: false, reason: "stale-version", kind: "conflict" });
  });

  it("answers 403 before 409: someone without the permission learns nothing about versions", () => {
    expect(nextState(STATES.draft, "submit", actor("viewer"), { seenVersion: 1 })).toEqual({ ok: false, reason: "forbidden", kind: "forbidden" });
  });

  it("lets only the first of two people open a revision of the same version", () => {
    const first = nextState(STATES.approved, "open-revision", actor("planner"), { seenVersion: VERSION });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    // The second person still sees the approved version; the plan has moved on.
    expect(nextState(first.state, "open-revision", actor("lead_planner"), { seenVersion: VERSION })).toEqual({ ok: false, reason: "stale-version", kind: "conflict" });
  });
});

describe("nextState: own submission", () => {
  const submittedByLead = state({ status: "in_review", submittedBy: "lead-a" });

  it("refuses the agency approval to the lead who submitted", () => {
    expect(nextState(submittedByLead, "approve-agency", actor("lead_planner", "lead-a"), { seenVersion: VERSION })).toEqual({
      ok: false,
      reason: "own-submission",
      kind: "forbidden",
    });
    expect(availableActions(submittedByLead, actor("lead_planner", "lead-a"))).not.toContain("approve-agency");
  });

  it("lets another lead approve it", () => {
    const result = nextState(submittedByLead, "approve-agency", actor("lead_planner", "lead-b"), { seenVersion: VERSION });
    expect(result.ok && result.state.agencyApprovedBy).toBe("lead-b");
  });

  it("refuses the client approval to the submitter too, whatever permissions they hold", () => {
    const both = { ...submittedByLead, agencyApprovedBy: "lead-b" };
    expect(nextState(both, "approve-client", { userId: "lead-a", permissions: EVERYONE.permissions }, { seenVersion: VERSION })).toEqual({
      ok: false,
      reason: "own-submission",
      kind: "forbidden",
    });
  });

  it("still lets the submitting lead pull the plan back with a reason", () => {
    const result = nextState(submittedByLead, "reject", actor("lead_planner", "lead-a"), { seenVersion: VERSION, reason: "Forgot the Tmall lines" });
    expect(result.ok && result.state.status).toBe("draft");
  });
});

describe("nextState: rejection", () => {
  it.each(["", "   ", undefined])("needs a reason (%j) → 400, nothing changes", (reason) => {
    const before = structuredClone(STATES.awaitingClient);
    const result = nextState(STATES.awaitingClient, "reject", actor("viewer"), { seenVersion: VERSION, reason });
    expect(result).toEqual({ ok: false, reason: "reason-required", kind: "bad-request" });
    expect(STATES.awaitingClient).toEqual(before);
  });

  it("returns to draft, clears both approvals and keeps the trimmed reason for the planner", () => {
    const result = nextState(STATES.awaitingClient, "reject", actor("viewer", "client-1"), { seenVersion: VERSION, reason: "  预算太集中在抖音  " });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state).toMatchObject({ status: "draft", version: VERSION, agencyApprovedBy: null, clientApprovedBy: null });
    expect(result.state.lastRejection).toEqual({ by: "client-1", reason: "预算太集中在抖音", version: VERSION, stage: "client" });
    expect(result.events).toContainEqual({ type: "rejected", version: VERSION, by: "client-1", reason: "预算太集中在抖音", stage: "client" });
  });

  it("does not let a client viewer reject before the agency has approved", () => {
    expect(nextState(STATES.awaitingAgency, "reject", actor("viewer"), { seenVersion: VERSION, reason: "no" })).toEqual({
      ok: false,
      reason: "forbidden",
      kind: "forbidden",
    });
  });
});

describe("nextState: both approvals are needed, agency first", () => {
  it("refuses the client approval before the agency's", () => {
    expect(nextState(STATES.awaitingAgency, "approve-client", actor("viewer"), { seenVersion: VERSION })).toEqual({
      ok: false,
      reason: "agency-approval-pending",
      kind: "conflict",
    });
  });

  it("refuses a second agency approval", () => {
    expect(nextState(STATES.awaitingClient, "approve-agency", actor("lead_planner"), { seenVersion: VERSION })).toEqual({
      ok: false,
      reason: "invalid-transition",
      kind: "conflict",
    });
  });

  it("runs the whole journey: submit → agency → client → locked → revision → re-approval", () => {
    const planner = actor("planner", "p1");
    const lead = actor("lead_planner", "l1");
    const client = actor("viewer", "c1");
    const step = (from: WorkflowState, action: WorkflowAction, who: WorkflowActor, reason?: string) => {
      const result = nextState(from, action, who, { seenVersion: from.version, reason });
      if (!result.ok) throw new Error(`${action} refused: ${result.reason}`);
      return result;
    };

    const submitted = step(initialWorkflowState(1), "submit", planner);
    expect(submitted.state).toMatchObject({ status: "in_review", submittedBy: "p1" });
    expect(submitted.events).toEqual([
      { type: "status-changed", from: "draft", to: "in_review", version: 1, by: "p1" },
      { type: "review-requested", version: 1, by: "p1" },
      { type: "snapshot-frozen", version: 1, trigger: "submit" },
    ]);
    expect(availableActions(submitted.state, client)).toEqual([]);

    const agency = step(submitted.state, "approve-agency", lead);
    expect(agency.state.status).toBe("in_review");
    expect(agency.events).toContainEqual({ type: "snapshot-frozen", version: 1, trigger: "approve-agency" });
    expect(availableActions(agency.state, client)).toEqual(["approve-client", "reject"]);

    const approved = step(agency.state, "approve-client", client);
    expect(approved.state).toMatchObject({ status: "approved", agencyApprovedBy: "l1", clientApprovedBy: "c1", approvedVersion: 1 });
    expect(approved.events).toContainEqual({ type: "snapshot-frozen", version: 1, trigger: "approve-client" });
    expect(canEditPlan(approved.state.status)).toBe(false);
    expect(availableActions(approved.state, planner)).toEqual(["open-revision"]);
    expect(availableActions(approved.state, lead)).toEqual(["open-revision", "go-live", "archive"]);

    const revision = step(approved.state, "open-revision", planner);
    expect(revision.state).toMatchObject({ status: "draft", version: 2, approvedVersion: 1 });
    // Editing the draft bumps the plan version (the models do that), then it goes round again.
    const edited: WorkflowState = { ...revision.state, version: 3 };
    const resubmitted = step(edited, "submit", planner);
    const reAgency = step(resubmitted.state, "approve-agency", lead);
    const reApproved = step(reAgency.state, "approve-client", client);
    expect(reApproved.state).toMatchObject({ status: "approved", version: 3, approvedVersion: 3 });

    const live = step(reApproved.state, "go-live", lead);
    const completed = step(live.state, "complete", lead);
    expect(completed.state.status).toBe("completed");
    expect(step(completed.state, "archive", lead).state.status).toBe("archived");
  });
});
