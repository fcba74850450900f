// An import cannot wipe or rename a plan (issue 12): another campaign's or client's file was offered
// to rename this campaign, change its client ("Demo Brand → Lotus Tea"), budget and currency and
// remove every line, with removal ticked by default. Now a file from elsewhere only adds lines after
// a loud warning and an extra confirmation; removing lines and changing the campaign's details are
// opt-in; the preview speaks sheet headers and names, never field keys or ids.
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { exportPlanOdsJson, exportPlanXlsx } from "~/services/export/index.server";
import { addLines, createCampaign, getPlan } from "~/services/planner.server";
import { makePlannerOnClient, sampleLine, type UserFixture } from "./factories";
import { call } from "./http";

async function planWithLines(label: string, name: string, lines: number) {
  const who = await makePlannerOnClient(label);
  const campaign = await createCampaign(who.access, { name, objective: "conversion", startDate: "2027-03-01", endDate: "2027-04-30", budgetFen: 100_000_000, reportingCurrency: "EUR", fxRate: 7.8, notes: "" });
  await addLines(
    who.access,
    campaign.id,
    Array.from({ length: lines }, (_, i) => sampleLine({ name: `${name} line ${i + 1}`, budgetFen: 1_000_000 * (i + 1) })),
  );
  return { ...who, campaign, path: `/o/${who.org.slug}/clients/${who.client.id}/campaigns/${campaign.id}` };
}

async function upload(path: string, user: UserFixture, bytes: Uint8Array, filename: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), filename);
  const response = await call(`${path}/import`, { cookie: user.cookie, body: form });
  const html = await response.text();
  const jobId = html.match(/name="jobId" value="([0-9a-f-]{36})"/)?.[1];
  return { status: response.status, html, jobId: jobId! };
}

const apply = (path: string, user: UserFixture, form: Record<string, string>) => call(`${path}/import`, { cookie: user.cookie, form });

const campaignRow = async (id: string) =>
  (await queryRows<{ name: string; budget_fen: number; reporting_currency: string; lines: number }>(
    getDatabase().db,
    sql`select name, budget_fen::int as budget_fen, reporting_currency, (select count(*)::int from line_items where campaign_id = ${id}) as lines from campaigns where id = ${id}`,
  ))[0]!;

/** Visible text of the preview section, without markup. */
const previewText = (html: string) => (html.match(/data-testid="import-preview"[\s\S]*?<\/section>/)?.[0] ?? "").replace(/<[^>]+>/g, " ");

describe(`import safety (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("another client's workbook is shown as a loud warning, needs a confirmation, and only adds lines", async () => {
    const theirs = await planWithLines("LT", "Lotus Tea spring", 2);
    const ours = await planWithLines("DB", "Demo launch", 3);
    const theirPlan = (await getPlan(theirs.access, theirs.campaign.id))!;
    const before = await campaignRow(ours.campaign.id);

    const preview = await upload(ours.path, ours.planner, await exportPlanXlsx(theirPlan.snapshot, theirPlan.catalog, "en"), "lotus.xlsx");
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('data-testid="import-other-source"');
    const text = previewText(preview.html);
    expect(text).toContain("This file is the plan of another client");
    expect(text).toContain(theirs.client.name);
    // Nothing of this campaign is offered for change or removal.
    expect(preview.html).not.toContain('data-testid="import-campaign-changes"');
    expect(preview.html).not.toContain('data-testid="import-missing"');
    expect(preview.html).toMatch(/name="confirmOtherSource" required=""/);

    // Without the confirmation (a script, or the browser's check bypassed): refused, nothing written.
    const refused = await apply(ours.path, ours.planner, { jobId: preview.jobId, removeMissing: "on", applyCampaign: "on" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("This file is another plan");
    expect(await campaignRow(ours.campaign.id)).toEqual(before);

    // Confirmed: the two lines are added; even ticked, removal and campaign details do nothing for another plan's file.
    const applied = await apply(ours.path, ours.planner, { jobId: preview.jobId, confirmOtherSource: "on", removeMissing: "on", applyCampaign: "on" });
    expect(applied.status).toBe(302);
    expect(await campaignRow(ours.campaign.id)).toEqual({ ...before, lines: 5 });
  });

  it("this campaign's own file changes its details and removes lines only when the person ticks it", async () => {
    const ours = await planWithLines("OWN", "Own launch", 3);
    const plan = (await getPlan(ours.access, ours.campaign.id))!;
    const document = JSON.parse(exportPlanOdsJson(plan.snapshot, plan.catalog));
    document.campaign.name = "Own launch — renamed in Excel";
    document.lineitems = document.lineitems.slice(0, 2);
    const bytes = new TextEncoder().encode(JSON.stringify(document));
    const before = await campaignRow(ours.campaign.id);

    const first = await upload(ours.path, ours.planner, bytes, "own.json");
    expect(first.status).toBe(200);
    expect(first.html).not.toContain('data-testid="import-other-source"');
    const text = previewText(first.html);
    expect(text).toContain("Own launch — renamed in Excel");
    expect(text).toContain("1 line of the plan is not in the file");
    expect(first.html).toMatch(/<input type="checkbox" name="removeMissing"\/?>/);
    expect(first.html).toMatch(/<input type="checkbox" name="applyCampaign"\/?>/);
    // Planner words: headers and names, never keys or ids.
    for (const raw of ["clientName", "budget_cny", "budgetFen", "wechat-mini-program", "douyin-infeed"]) expect(text).not.toContain(raw);

    // Applied as it is offered (nothing ticked): no change to the campaign, no line removed.
    expect((await apply(ours.path, ours.planner, { jobId: first.jobId })).status).toBe(302);
    expect(await campaignRow(ours.campaign.id)).toEqual(before);

    // Asked for: both happen.
    const second = await upload(ours.path, ours.planner, bytes, "own.json");
    expect((await apply(ours.path, ours.planner, { jobId: second.jobId, applyCampaign: "on", removeMissing: "on" })).status).toBe(302);
    expect(await campaignRow(ours.campaign.id)).toEqual({ ...before, name: "Own launch — renamed in Excel", lines: 2 });
  });
});
