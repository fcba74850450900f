// Safe to act (issue 12): the people who can approve hear that a plan awaits them (org owners and
// admins act as lead planners and were never told), a one-person workspace is told nobody else can
// approve, and submitting a plan over its budget asks first.
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { addLines, createCampaign } from "~/services/planner.server";
import { transitionCampaign } from "~/services/workflow.server";
import { makePlannerOnClient, sampleLine } from "./factories";
import { accessFor } from "./access";
import { call } from "./http";

const notificationsOf = async (userId: string) =>
  (await queryRows<{ kind: string }>(getDatabase().db, sql`select kind from notifications where user_id = ${userId}`)).map((r) => r.kind);

describe(`approvers (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("a plan submitted on a team without a lead planner reaches the org owner, who approves for the agency; the page names who approves", async () => {
    const { org, client, planner, access } = await makePlannerOnClient("APR");
    const campaign = await createCampaign(access, { name: "Over budget", objective: "conversion", startDate: "2027-03-01", endDate: "2027-04-30", budgetFen: 1_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
    await addLines(access, campaign.id, [sampleLine({ budgetFen: 1_500_000 })]);
    const path = `/o/${org.slug}/clients/${client.id}/campaigns/${campaign.id}`;

    const page = await (await call(path, { cookie: planner.cookie })).text();
    expect(page).toContain(`Approves for the agency: ${org.owner.name}`);
    // The lines are ¥5,000 over the ¥10,000 budget: the panel carries the amount for its warning.
    expect(page).toContain("¥5,000.00");

    const row = (await queryRows<{ plan_version: number }>(getDatabase().db, sql`select plan_version from campaigns where id = ${campaign.id}`))[0]!;
    expect(await transitionCampaign(access, campaign.id, "submit", row.plan_version)).toMatchObject({ ok: true });
    expect(await notificationsOf(org.owner.id)).toEqual(["review-requested"]);
  });

  it("the owner alone is told that nobody else can approve their submission", async () => {
    const { org, client } = await makePlannerOnClient("SOLO");
    const owner = await accessFor(org.owner, org.slug, client.id, "client.plan.edit");
    const campaign = await createCampaign(owner, { name: "Solo", objective: "conversion", startDate: "2027-03-01", endDate: "2027-04-30", budgetFen: 1_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
    const page = await (await call(`/o/${org.slug}/clients/${client.id}/campaigns/${campaign.id}`, { cookie: org.owner.cookie })).text();
    expect(page).toContain('data-testid="no-approver"');
    expect(page).toContain("Nobody else on this client");
  });
});
