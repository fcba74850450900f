import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase, withAppTransaction } from "~/db.server";
import { addLines, createCampaign, getPlan, updateLine } from "~/services/planner.server";
import { postComment } from "~/services/comments.server";
import { transitionCampaign } from "~/services/workflow.server";
import { accessFor } from "./access";
import { databaseError } from "./helpers";
import { makeClientTeam, sampleLine } from "./factories";

const line = (budgetFen: number) => sampleLine({ budgetFen, kpiId: null });

async function setup() {
  const { org, client, planner, lead, viewer } = await makeClientTeam("W");
  const [p, l, v] = await Promise.all([
    accessFor(planner, org.slug, client.id, "client.view"),
    accessFor(lead, org.slug, client.id, "client.view"),
    accessFor(viewer, org.slug, client.id, "client.view"),
  ]);
  const campaign = await createCampaign(p, { name: "W", objective: "conversion", startDate: "2027-03-01", endDate: "2027-03-31", budgetFen: 10_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
  const added = await addLines(p, campaign.id, [line(1_000_000)]);
  const row = added && added.ok ? added.value[0]! : null;
  return { planner: p, lead: l, viewer: v, campaignId: campaign.id, lineId: row!.id, orgId: org.id };
}

const planVersion = async (access: Parameters<typeof getPlan>[0], campaignId: string) => (await getPlan(access, campaignId))!.campaign.planVersion;

describe(`workflow (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("submit → agency → client approval freezes three snapshots; the approved plan is locked", async () => {
    const w = await setup();
    const v = await planVersion(w.planner, w.campaignId);
    expect(await transitionCampaign(w.viewer, w.campaignId, "submit", v)).toMatchObject({ ok: false, reason: "forbidden", kind: "forbidden" });
    expect((await transitionCampaign(w.planner, w.campaignId, "submit", v)).ok).toBe(true);
    expect(await transitionCampaign(w.viewer, w.campaignId, "approve-client", v)).toMatchObject({ ok: false, kind: "conflict" });
    expect((await transitionCampaign(w.lead, w.campaignId, "approve-agency", v)).ok).toBe(true);
    expect((await transitionCampaign(w.viewer, w.campaignId, "approve-client", v)).ok).toBe(true);
    const plan = await getPlan(w.planner, w.campaignId);
    expect(plan!.campaign.status).toBe("approved");
    const snapshots = await queryRows<{ trigger: string }>(getDatabase().db, sql`select trigger from plan_versions where campaign_id = ${w.campaignId} order by created_at`);
    expect(snapshots.map((s) => s.trigger)).toEqual(["submit", "approve-agency", "approve-client"]);
    await expect(updateLine(w.planner, w.campaignId, w.lineId, plan!.snapshot.lines[0]!.version, line(2_000_000))).rejects.toMatchObject({ kind: "locked", messageKey: "planner.locked" });
  });

  it("approving a stale version is refused and changes nothing", async () => {
    const w = await setup();
    const v = await planVersion(w.planner, w.campaignId);
    await transitionCampaign(w.planner, w.campaignId, "submit", v);
    expect(await transitionCampaign(w.lead, w.campaignId, "approve-agency", v - 1)).toMatchObject({ ok: false, reason: "stale-version", kind: "conflict" });
    expect((await getPlan(w.lead, w.campaignId))!.campaign.agencyApprovedBy).toBeNull();
  });

  it("the submitter may not approve their own submission", async () => {
    const w = await setup();
    const v = await planVersion(w.lead, w.campaignId);
    await transitionCampaign(w.lead, w.campaignId, "submit", v);
    expect(await transitionCampaign(w.lead, w.campaignId, "approve-agency", v)).toMatchObject({ ok: false, reason: "own-submission", kind: "forbidden" });
  });

  it("frozen snapshots are immutable for the app role", async () => {
    const w = await setup();
    await transitionCampaign(w.planner, w.campaignId, "submit", await planVersion(w.planner, w.campaignId));
    const attempt = withAppTransaction({ organizationId: w.orgId, userId: null }, (tx) => tx.execute(sql`update plan_versions set trigger = 'tampered'`));
    expect(await databaseError(attempt)).toMatch(/permission denied/);
    const remove = withAppTransaction({ organizationId: w.orgId, userId: null }, (tx) => tx.execute(sql`delete from plan_versions`));
    expect(await databaseError(remove)).toMatch(/permission denied/);
    const rows = await queryRows<{ trigger: string }>(getDatabase().db, sql`select trigger from plan_versions where campaign_id = ${w.campaignId}`);
    expect(rows).toEqual([{ trigger: "submit" }]);
  });
});

describe(`comments (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("a comment on another tenant's line is refused with 404 and nothing is written", async () => {
    const mine = await setup();
    const theirs = await setup();
    await expect(postComment(mine.viewer, mine.campaignId, { body: "Hello", lineId: theirs.lineId, parentId: null })).rejects.toMatchObject({ kind: "not-found" });
    const count = await queryRows<{ n: number }>(getDatabase().db, sql`select count(*)::int as n from comments`);
    expect(count[0]!.n).toBe(0);
    expect(await postComment(mine.viewer, mine.campaignId, { body: "Looks right, @lead", lineId: mine.lineId, parentId: null })).toEqual({ ok: true });
  });
});
