// Issue 12, "Validation and words", through the real request handler: an over-long comment (or
// rejection reason) is refused with the limit and its length and nothing is cut; the comment box
// can ask whom to suggest after "@"; a frozen version is numbered the same on the versions page,
// in the toast and in its export's file name.
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { decodeMessage } from "~/i18n/message";
import { exportPlanOdsJson } from "~/services/export/index.server";
import { createCampaignFromFile } from "~/services/plan-import.server";
import { addLines, createCampaign, getCampaignList, getPlan, updateLine } from "~/services/planner.server";
import { accessFor } from "./access";
import { addMember, makeClientTeam, makeOrganization, makeUser, sampleLine } from "./factories";
import { call } from "./http";

async function setup() {
  const { org, client, planner, lead, viewer } = await makeClientTeam("Words");
  const access = await accessFor(planner, org.slug, client.id, "client.plan.edit");
  const campaign = await createCampaign(access, { name: "Words", objective: "conversion", startDate: "2027-03-01", endDate: "2027-03-31", budgetFen: 10_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
  const added = await addLines(access, campaign.id, [sampleLine({ budgetFen: 1_000_000, kpiId: null })]);
  if (!added?.ok) throw new Error("line not added");
  const path = `/o/${org.slug}/clients/${client.id}/campaigns/${campaign.id}`;
  return { org, client, planner, lead, viewer, access, campaign, line: added.value[0]!, path };
}

async function commentRows(campaignId: string) {
  return queryRows<{ body: string }>(getDatabase().db, sql`select body from comments where campaign_id = ${campaignId}`);
}

/** The toast a response sets (a signed cookie: base64 JSON, then the signature). */
function toastOf(response: Response): { key: string; params?: Record<string, unknown> } {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("qiao_toast="));
  expect(cookie, "a toast cookie").toBeDefined();
  const value = decodeURIComponent(cookie!.split(";")[0]!.slice("qiao_toast=".length));
  const payload = value.slice(0, value.lastIndexOf("."));
  return JSON.parse(decodeURIComponent(escape(atob(payload)))) as { key: string; params?: Record<string, unknown> };
}

/** The field errors a page shows (ErrorList items), not the strings it carries for the browser. */
/** The first error a conform reply puts next to a field. */
async function fieldError(response: Response, field: string): Promise<string> {
  const { result } = (await response.json()) as { result: { error?: Record<string, string[]> } };
  return result.error?.[field]?.[0] ?? "";
}

function shownErrors(page: string): string[] {
  return [...page.matchAll(/<ul id="[^"]*" class="mt-1 space-y-0.5 text-sm text-red-700[^"]*" aria-live="polite">(.*?)<\/ul>/g)].flatMap((list) => [...list[1]!.matchAll(/<li>(.*?)<\/li>/g)].map((item) => item[1]!));
}

describe(`comments over the limit (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("refuse one character too many with the limit and the length, and save nothing", async () => {
    const w = await setup();
    const response = await call(`${w.path}/comments`, { cookie: w.viewer.cookie, form: { intent: "post", body: "x".repeat(4001) } });
    expect(response.status).toBe(400);
    expect(decodeMessage(await fieldError(response, "body"))).toEqual({ key: "validation.tooLong", params: { max: 4000, length: 4001 } });
    expect(await commentRows(w.campaign.id)).toEqual([]);
  });

  it("refuse a 10 MB comment the same way instead of cutting it to 4,000 characters", async () => {
    const w = await setup();
    const response = await call(`${w.path}/comments`, { cookie: w.planner.cookie, form: { intent: "post", body: "长".repeat(10 * 1024 * 1024) } });
    expect(response.status).toBe(400);
    expect(decodeMessage(await fieldError(response, "body")).params).toEqual({ max: 4000, length: 10 * 1024 * 1024 });
    expect(await commentRows(w.campaign.id)).toEqual([]);
  });

  it("keep a comment at the limit whole, and mark the activity excerpt as cut", async () => {
    const w = await setup();
    const body = `${"😀".repeat(2000)}${"a".repeat(2000)}`;
    const response = await call(`${w.path}/comments`, { cookie: w.planner.cookie, form: { intent: "post", body } });
    expect(response.status).toBe(200);
    expect(await commentRows(w.campaign.id)).toEqual([{ body }]);
    const [activity] = await queryRows<{ changes: { body: string } }>(getDatabase().db, sql`select changes from activity_events where campaign_id = ${w.campaign.id} and subject_type = 'comment'`);
    expect(activity!.changes.body.endsWith("…")).toBe(true);
  });

  it("refuse a rejection reason over 1,000 characters instead of cutting it, and leave the plan in review", async () => {
    const w = await setup();
    const planVersion = (await getPlan(w.access, w.campaign.id))!.campaign.planVersion;
    expect((await call(`${w.path}/workflow`, { cookie: w.planner.cookie, form: { intent: "submit", seenVersion: String(planVersion) } })).status).toBe(302);
    const response = await call(`${w.path}/workflow`, { cookie: w.lead.cookie, form: { intent: "reject", seenVersion: String(planVersion), reason: "r".repeat(1001) } });
    expect(response.status).toBe(400);
    expect(decodeMessage(await fieldError(response, "reason"))).toEqual({ key: "validation.tooLong", params: { max: 1000, length: 1001 } });
    expect((await getPlan(w.access, w.campaign.id))!.campaign.status).toBe("in_review");
  });
});

describe(`a campaign name from a file (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("over the form's 160 characters is refused with both numbers, not cut", async () => {
    const w = await setup();
    const plan = (await getPlan(w.access, w.campaign.id))!;
    const name = "春".repeat(170);
    const json = exportPlanOdsJson({ ...plan.snapshot, campaign: { ...plan.snapshot.campaign, name } }, plan.catalog);
    const before = (await getCampaignList(w.access)).length;
    const result = await createCampaignFromFile(w.access, { bytes: new TextEncoder().encode(json), filename: "plan.json", contentType: "application/json" }, "en");
    expect(result).toMatchObject({ ok: false, kind: "invalid", problems: [{ column: "campaign.name", messageKey: "import.textTooLong", params: { max: 160, length: 170 }, severity: "error" }] });
    expect((await getCampaignList(w.access)).length).toBe(before);
  });
});

describe(`account forms answer with every error at once (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("changing the password: a wrong current password and a weak new one, together", async () => {
    const user = await makeUser("both-wrong");
    const response = await call("/account", { cookie: user.cookie, form: { currentPassword: "not my password at all", newPassword: "short" } });
    expect(response.status).toBe(400);
    expect(shownErrors(await response.text()).sort()).toEqual(["That is not your current password.", "Use at least 8 characters."]);
  });

  it("changing the password: a missing current password does not hide a weak new one", async () => {
    const user = await makeUser("missing-current");
    const page = await (await call("/account", { cookie: user.cookie, form: { currentPassword: "", newPassword: "password" } })).text();
    expect(shownErrors(page).sort()).toEqual(["Please fill this in.", "This password is among the most common ones; choose one that is harder to guess."]);
  });

  it("signing up: a taken e-mail is said with the other errors", async () => {
    const taken = await makeUser("taken");
    const response = await call("/signup", { form: { email: taken.email, name: "", password: "a long passphrase 2026", organizationName: "x".repeat(121), kind: "agency" } });
    expect(response.status).toBe(400);
    expect(shownErrors(await response.text()).sort()).toEqual([
      "An account with this e-mail already exists. Sign in instead, or use another address.",
      "Please fill this in.",
      "This is too long: 121 characters, at most 120. Nothing was cut; shorten it and try again.",
    ]);
  });
});

describe(`whom "@" suggests (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("the client team, without the person typing; nothing for someone outside it", async () => {
    const w = await setup();
    const response = await call(`${w.path}/comments`, { cookie: w.viewer.cookie });
    expect(response.status).toBe(200);
    const { members } = (await response.json()) as { members: { id: string; name: string; email: string; role: string }[] };
    expect(members.map((m) => [m.id, m.role]).sort()).toEqual(
      [
        [w.planner.id, "planner"],
        [w.lead.id, "lead_planner"],
      ].sort(),
    );
    const outsider = await makeUser("outsider");
    const other = await makeOrganization("Elsewhere");
    await addMember(other, outsider, "member");
    expect((await call(`${w.path}/comments`, { cookie: outsider.cookie })).status).toBe(404);
  });
});

describe(`version numbers (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("a frozen version has the same number on the versions page, in the toast and in its export's file name", async () => {
    const w = await setup();
    // Line edits move the plan version but not the campaign row's own edit counter.
    for (const budgetFen of [2_000_000, 3_000_000]) {
      const plan = (await getPlan(w.access, w.campaign.id))!;
      const saved = await updateLine(w.access, w.campaign.id, w.line.id, plan.snapshot.lines[0]!.version, sampleLine({ budgetFen, kpiId: null }));
      expect(saved?.ok).toBe(true);
    }
    const plan = (await getPlan(w.access, w.campaign.id))!;
    const number = plan.campaign.planVersion;
    expect(number, "the two counters differ, so the test tells them apart").not.toBe(plan.campaign.version);

    const submitted = await call(`${w.path}/workflow`, { cookie: w.planner.cookie, form: { intent: "submit", seenVersion: String(number) } });
    expect(submitted.status).toBe(302);
    expect(toastOf(submitted)).toEqual({ kind: "success", key: "collab.done.submit", params: { version: number } });

    const page = await (await call(`${w.path}/versions`, { cookie: w.viewer.cookie })).text();
    expect(page).toContain(`Version ${number} · submitted`);
    const activity = await (await call(`${w.path}/activity`, { cookie: w.viewer.cookie })).text();
    expect(activity).toMatch(new RegExp(`submit(<!-- -->)? · (<!-- -->)?Version ${number}`));
    const [frozen] = await queryRows<{ id: string }>(getDatabase().db, sql`select id from plan_versions where campaign_id = ${w.campaign.id}`);
    const exported = await call(`${w.path}/export.xlsx?version=${frozen!.id}`, { cookie: w.viewer.cookie });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("Content-Disposition")).toContain(`Words-v${number}.xlsx`);
    await exported.arrayBuffer();
    const current = await call(`${w.path}/export.csv`, { cookie: w.viewer.cookie });
    expect(current.headers.get("Content-Disposition")).toContain(`Words-v${number}.csv`);
    await current.text();
  });
});
