// Safe to act (issue 12): a deleted line comes back with "Undo" in the toast, where it was and as it
// was; an archived campaign is kept under "Archived" on the client page and can be restored to the
// status it had. Nothing is asked twice, nothing is lost.
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { addLines, createCampaign, getPlan } from "~/services/planner.server";
import { addMember, makePlannerOnClient, makeUser, sampleLine } from "./factories";
import { call } from "./http";

async function setup() {
  const who = await makePlannerOnClient("UNDO");
  const campaign = await createCampaign(who.access, { name: "Undo me", objective: "conversion", startDate: "2027-03-01", endDate: "2027-04-30", budgetFen: 100_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
  const saved = await addLines(who.access, campaign.id, [sampleLine({ name: "First" }), sampleLine({ name: "Second", audienceNotes: "Women 25-40", budgetFen: 7_654_321 }), sampleLine({ name: "Third" })]);
  if (!saved?.ok) throw new Error("lines not added");
  const clientPath = `/o/${who.org.slug}/clients/${who.client.id}`;
  return { ...who, campaign, lines: saved.value, clientPath, planPath: `${clientPath}/campaigns/${campaign.id}` };
}

/** The toast a redirect sets, decoded from its signed cookie value. */
function toastOf(response: Response): { key: string; undo?: { action: string; fields: Record<string, string> } } {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("qiao_toast="))!;
  const value = decodeURIComponent(cookie.split(";")[0]!.slice("qiao_toast=".length));
  const [payload] = value.split(".");
  return JSON.parse(Buffer.from(payload!, "base64").toString("utf8")) as never;
}

const names = async (campaignId: string) =>
  (await queryRows<{ id: string; name: string }>(getDatabase().db, sql`select id, name from line_items where campaign_id = ${campaignId} order by position`)).map((r) => r.name);

describe(`undo (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("a deleted line comes back with the toast's Undo: same id, same place, same fields; the page stays on its page", async () => {
    const { planner, campaign, lines, planPath, access } = await setup();
    const second = lines[1]!;
    const deleted = await call(`${planPath}?index&page=1`, { cookie: planner.cookie, form: { intent: "delete-line", lineId: second.id, version: String(second.version) } });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe(`${planPath}?page=1`);
    expect(await names(campaign.id)).toEqual(["First", "Third"]);
    const toast = toastOf(deleted);
    expect(toast.key).toBe("planner.lineDeleted");
    expect(toast.undo).toEqual({ action: `${planPath}?index`, fields: { intent: "restore-line", lineId: second.id } });

    const undone = await call(toast.undo!.action, { cookie: planner.cookie, form: toast.undo!.fields });
    expect(undone.status).toBe(302);
    expect(await names(campaign.id)).toEqual(["First", "Second", "Third"]);
    const back = (await getPlan(access, campaign.id))!.snapshot.lines[1]!;
    expect(back).toMatchObject({ id: second.id, name: "Second", audienceNotes: "Women 25-40", budgetFen: 7_654_321, position: 1 });
    // Undo twice is harmless; the activity feed does not show the kept copy.
    expect((await call(toast.undo!.action, { cookie: planner.cookie, form: toast.undo!.fields })).status).toBe(302);
    expect(await names(campaign.id)).toEqual(["First", "Second", "Third"]);
    const feed = await (await call(`${planPath}/activity`, { cookie: planner.cookie })).text();
    expect(feed).toContain("restored");
    expect(feed).not.toContain("Women 25-40");
  });

  it("after a delete the lines are numbered without a gap, in the plan and in the exported \"#\" column", async () => {
    const { planner, campaign, lines, planPath } = await setup();
    const first = lines[0]!;
    expect((await call(`${planPath}?index`, { cookie: planner.cookie, form: { intent: "delete-line", lineId: first.id, version: String(first.version) } })).status).toBe(302);
    const positions = await queryRows<{ position: number }>(getDatabase().db, sql`select position from line_items where campaign_id = ${campaign.id} order by position`);
    expect(positions.map((row) => row.position)).toEqual([0, 1]);
    // The CSV's "#" column (the first after the header) reads 1 and 2: Second, then Third.
    const csv = await (await call(`${planPath}/export.csv`, { cookie: planner.cookie })).text();
    const rows = csv.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1);
    expect(rows.map((row) => row.split(",")[0])).toEqual(["1", "2"]);
  });

  it("an archived campaign is listed under Archived and restored to the status it had; a viewer cannot restore it", async () => {
    const { org, client, planner, campaign, clientPath, planPath } = await setup();
    const archived = await call(`${planPath}?index`, { cookie: planner.cookie, form: { intent: "archive", version: String(campaign.version) } });
    expect(archived.status).toBe(302);
    expect(toastOf(archived).undo?.fields).toEqual({ intent: "restore-campaign" });
    expect(await (await call(clientPath, { cookie: planner.cookie })).text()).not.toContain("Undo me");
    const archiveList = await (await call(`${clientPath}?archived=1`, { cookie: planner.cookie })).text();
    expect(archiveList).toContain("Undo me");
    expect(archiveList).toContain('name="intent" value="restore-campaign"');

    const viewer = await makeUser("viewer");
    await addMember(org, viewer, "member", { id: client.id, role: "viewer" });
    expect((await call(`${planPath}?index`, { cookie: viewer.cookie, form: { intent: "restore-campaign" } })).status).toBe(403);

    const restored = await call(`${planPath}?index`, { cookie: planner.cookie, form: { intent: "restore-campaign" } });
    expect(restored.status).toBe(302);
    const [row] = await queryRows<{ status: string; archived_at: Date | null }>(getDatabase().db, sql`select status, archived_at from campaigns where id = ${campaign.id}`);
    expect(row).toEqual({ status: "draft", archived_at: null });
    expect(await (await call(clientPath, { cookie: planner.cookie })).text()).toContain("Undo me");
  });
});

describe(`duplicate with a date shift (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("moves the campaign, every line and the custom weekly amounts by whole weeks", async () => {
    const who = await makePlannerOnClient("SHIFT");
    const campaign = await createCampaign(who.access, { name: "CNY 2027", objective: "conversion", startDate: "2027-03-01", endDate: "2027-04-30", budgetFen: 100_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
    await addLines(who.access, campaign.id, [
      sampleLine({ name: "Even" }),
      sampleLine({ name: "Custom", budgetFen: 3_000_000, startDate: "2027-03-01", endDate: "2027-03-14", flightingMode: "custom", customFlightingFen: { "2027-W09": 1_000_000, "2027-W10": 2_000_000 } }),
    ]);
    const path = `/o/${who.org.slug}/clients/${who.client.id}/campaigns/${campaign.id}?index`;
    const copied = await call(path, { cookie: who.planner.cookie, form: { intent: "duplicate-campaign", copyName: "CNY 2028", shiftWeeks: "52" } });
    expect(copied.status).toBe(302);
    const copyId = copied.headers.get("location")!.split("/").pop()!;
    const plan = (await getPlan(who.access, copyId))!;
    expect(plan.snapshot.campaign).toMatchObject({ name: "CNY 2028", startDate: "2028-02-28", endDate: "2028-04-28" });
    const custom = plan.snapshot.lines.find((l) => l.name === "Custom")!;
    expect(custom).toMatchObject({ startDate: "2028-02-28", endDate: "2028-03-12", customFlightingFen: { "2028-W09": 1_000_000, "2028-W10": 2_000_000 } });
    // The copy is a valid plan: its custom weeks fall inside the moved line.
    expect(plan.snapshot.lines.find((l) => l.name === "Even")).toMatchObject({ startDate: "2028-02-28", endDate: "2028-03-29" });
  });
});
