// Every workflow step × every actor through the real route (POST …/workflow): the status each
// gets is the one the workflow's permission map and state machine say, and refused steps change nothing.
import { describe, expect, it } from "vitest";
import { WORKFLOW_ACTIONS, nextState, type WorkflowAction } from "~/domain/workflow";
import { addLines, createCampaign, getPlan } from "~/services/planner.server";
import { transitionCampaign, workflowStateOf } from "~/services/workflow.server";
import { permissionsFor } from "~/domain/permissions";
import { accessFor } from "./access";
import { addMember, makeClientAccount, makeOrganization, makeUser, sampleLine, type UserFixture } from "./factories";
import { call } from "./http";

async function world() {
  const org = await makeOrganization("Agency M");
  const client = await makeClientAccount(org, "Brand M");
  const planner = await makeUser("planner");
  const lead = await makeUser("lead");
  const viewer = await makeUser("viewer");
  const outsider = await makeUser("outsider");
  await addMember(org, planner, "member", { id: client.id, role: "planner" });
  await addMember(org, lead, "member", { id: client.id, role: "lead_planner" });
  await addMember(org, viewer, "member", { id: client.id, role: "viewer" });
  await addMember(org, outsider, "member");
  const other = await makeOrganization("Other Agency");
  return { org, client, planner, lead, viewer, outsider, otherAdmin: other.owner };
}

type World = Awaited<ReturnType<typeof world>>;

/** A fresh campaign in the state each step starts from. */
async function campaignFor(w: World, action: WorkflowAction): Promise<string> {
  const [p, l, v] = await Promise.all([
    accessFor(w.planner, w.org.slug, w.client.id, "client.view"),
    accessFor(w.lead, w.org.slug, w.client.id, "client.view"),
    accessFor(w.viewer, w.org.slug, w.client.id, "client.view"),
  ]);
  const campaign = await createCampaign(p, { name: `M ${action}`, objective: "conversion", startDate: "2027-03-01", endDate: "2027-03-31", budgetFen: 10_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
  await addLines(p, campaign.id, [sampleLine()]);
  const step = async (access: typeof p, a: WorkflowAction) => {
    const version = (await getPlan(access, campaign.id))!.campaign.planVersion;
    const result = await transitionCampaign(access, campaign.id, a, version);
    if (!result.ok) throw new Error(`setup ${a}: ${result.reason}`);
  };
  const needs: Record<WorkflowAction, [typeof p, WorkflowAction][]> = {
    submit: [],
    archive: [],
    "approve-agency": [[p, "submit"]],
    reject: [[p, "submit"]],
    "approve-client": [[p, "submit"], [l, "approve-agency"]],
    "open-revision": [[p, "submit"], [l, "approve-agency"], [v, "approve-client"]],
    "go-live": [[p, "submit"], [l, "approve-agency"], [v, "approve-client"]],
    complete: [[p, "submit"], [l, "approve-agency"], [v, "approve-client"], [l, "go-live"]],
  };
  for (const [access, a] of needs[action]) await step(access, a);
  return campaign.id;
}

describe(`workflow steps × actors through the route (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("answers each actor as the permission map and the state machine say", async () => {
    const w = await world();
    const actors: { name: string; user: UserFixture | null; clientRole: "planner" | "lead_planner" | "viewer" | null; orgRole: "owner" | "member" | null }[] = [
      { name: "planner", user: w.planner, clientRole: "planner", orgRole: "member" },
      { name: "lead planner", user: w.lead, clientRole: "lead_planner", orgRole: "member" },
      { name: "client viewer", user: w.viewer, clientRole: "viewer", orgRole: "member" },
      { name: "org owner", user: w.org.owner, clientRole: null, orgRole: "owner" },
      { name: "member not on the client", user: w.outsider, clientRole: null, orgRole: "member" },
      { name: "admin of another organization", user: w.otherAdmin, clientRole: null, orgRole: null },
      { name: "anonymous", user: null, clientRole: null, orgRole: null },
    ];
    const mismatches: string[] = [];
    let cases = 0;
    for (const action of WORKFLOW_ACTIONS) {
      for (const actor of actors) {
        const campaignId = await campaignFor(w, action);
        const owner = await accessFor(w.org.owner, w.org.slug, w.client.id, "client.view");
        const before = (await getPlan(owner, campaignId))!.campaign;
        const response = await call(`/o/${w.org.slug}/clients/${w.client.id}/campaigns/${campaignId}/workflow`, {
          form: { intent: action, seenVersion: String(before.planVersion), reason: "Budget split does not match the brief" },
          cookie: actor.user?.cookie ?? null,
        });
        let expected: number;
        if (!actor.user) expected = 302;
        else if (!actor.orgRole || (!actor.clientRole && actor.orgRole === "member")) expected = 404;
        else {
          const verdict = nextState(workflowStateOf(before), action, { userId: actor.user.id, permissions: permissionsFor(actor.orgRole, actor.clientRole) }, { seenVersion: before.planVersion, reason: "Budget split does not match the brief" });
          // A refusal is answered 400 (a reason is missing), 403 (not your step) or 409 (not now).
          expected = verdict.ok ? 302 : { "bad-request": 400, forbidden: 403, conflict: 409 }[verdict.kind];
        }
        cases++;
        if (response.status !== expected) mismatches.push(`${action} as ${actor.name}: expected ${expected}, got ${response.status}`);
        const after = (await getPlan(owner, campaignId))!.campaign;
        if (expected !== 302 || !actor.user) {
          if (after.status !== before.status || after.planVersion !== before.planVersion) mismatches.push(`${action} as ${actor.name}: refused but the campaign changed`);
        }
      }
    }
    console.log(`workflow route matrix: ${cases} cases, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
  });
});
