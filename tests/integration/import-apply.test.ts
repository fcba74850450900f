import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { exportPlanCsv } from "~/services/export/index.server";
import { applyImport, createCampaignFromFile, previewImport } from "~/services/plan-import.server";
import { addLines, createCampaign, getPlan } from "~/services/planner.server";
import { makePlannerOnClient, sampleLine } from "./factories";

const line = sampleLine;

async function setup() {
  const { org, client, planner, access } = await makePlannerOnClient("I");
  const campaign = await createCampaign(access, { name: "Spring", objective: "conversion", startDate: "2027-03-01", endDate: "2027-04-30", budgetFen: 100_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
  await addLines(access, campaign.id, [line(), line({ placementId: "wechat-moments", destinationId: "wechat-official-account", buyingModel: "cpm", budgetFen: 2_000_000 })]);
  return { access, campaign };
}

async function exportedCsv(access: Awaited<ReturnType<typeof setup>>["access"], campaignId: string, edit: (csv: string) => string) {
  const plan = await getPlan(access, campaignId);
  return new TextEncoder().encode(edit(exportPlanCsv(plan!.snapshot, plan!.catalog, "en")));
}

const countLines = async (campaignId: string) =>
  (await queryRows<{ n: number }>(getDatabase().db, sql`select count(*)::int as n from line_items where campaign_id = ${campaignId}`))[0]!.n;

describe(`import apply (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("an unedited export re-imports as no change; an edited budget is previewed and applied in place", async () => {
    const { access, campaign } = await setup();
    const same = await previewImport(access, campaign.id, { bytes: await exportedCsv(access, campaign.id, (c) => c), filename: "plan.csv", contentType: "text/csv" }, "en");
    expect(same?.ok && same.preview.diff.isEmpty).toBe(true);

    const edited = await exportedCsv(access, campaign.id, (csv) => csv.replace("50000.00", "61234.56"));
    const preview = await previewImport(access, campaign.id, { bytes: edited, filename: "plan.csv", contentType: "text/csv" }, "en");
    expect(preview?.ok).toBe(true);
    if (!preview?.ok) return;
    expect(preview.preview.diff.changed).toHaveLength(1);
    const applied = await applyImport(access, campaign.id, preview.preview.jobId, { removeMissing: false });
    expect(applied).toEqual({ ok: true, added: 0, changed: 1, removed: 0 });
    const plan = await getPlan(access, campaign.id);
    expect(plan!.snapshot.lines.map((l) => l.budgetFen).sort()).toEqual([2_000_000, 6_123_456]);
  });

  it("the same submission twice (or at once) applies once", async () => {
    const { access, campaign } = await setup();
    const edited = await exportedCsv(access, campaign.id, (csv) => csv.replace("50000.00", "61234.56"));
    const preview = await previewImport(access, campaign.id, { bytes: edited, filename: "plan.csv", contentType: "text/csv" }, "en");
    if (!preview?.ok) throw new Error("preview failed");
    const results = await Promise.all([
      applyImport(access, campaign.id, preview.preview.jobId, { removeMissing: false }),
      applyImport(access, campaign.id, preview.preview.jobId, { removeMissing: false }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "already-applied")).toHaveLength(1);
  });

  it("one bad line rolls back the whole import, and names its row", async () => {
    const { access, campaign } = await setup();
    // A new line (no id) whose dates fall outside the campaign, after a valid change.
    const edited = await exportedCsv(access, campaign.id, (csv) => {
      const rows = csv.split("\n");
      const header = rows[0]!.split(",");
      const copy = rows[1]!.split(",");
      copy[header.indexOf("line_id")] = "";
      copy[header.indexOf("version")] = "";
      copy[header.indexOf("start_date")] = "2027-01-01";
      return [rows[0]!.replace("\uFEFF", "\uFEFF"), rows[1]!.replace("50000.00", "70000.00"), ...rows.slice(2), copy.join(",")].join("\n");
    });
    const before = await countLines(campaign.id);
    const preview = await previewImport(access, campaign.id, { bytes: edited, filename: "plan.csv", contentType: "text/csv" }, "en");
    if (!preview?.ok) throw new Error(`preview failed ${JSON.stringify(preview)}`);
    const applied = await applyImport(access, campaign.id, preview.preview.jobId, { removeMissing: false });
    expect(applied).toMatchObject({ ok: false, reason: "invalid", kind: "invalid" });
    expect(await countLines(campaign.id)).toBe(before);
    const plan = await getPlan(access, campaign.id);
    expect(plan!.snapshot.lines.map((l) => l.budgetFen).sort()).toEqual([2_000_000, 5_000_000]);
  });

  it("a plan changed since the preview refuses the stale apply", async () => {
    const { access, campaign } = await setup();
    const edited = await exportedCsv(access, campaign.id, (csv) => csv.replace("50000.00", "61234.56"));
    const preview = await previewImport(access, campaign.id, { bytes: edited, filename: "plan.csv", contentType: "text/csv" }, "en");
    if (!preview?.ok) throw new Error("preview failed");
    await addLines(access, campaign.id, [line({ budgetFen: 1 })]);
    expect(await applyImport(access, campaign.id, preview.preview.jobId, { removeMissing: false })).toMatchObject({ ok: false, reason: "stale" });
  });
});

describe(`new campaign from file (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("an exported plan becomes a new draft with the same lines; a file with errors creates nothing", async () => {
    const { access, campaign } = await setup();
    const csv = await exportedCsv(access, campaign.id, (c) => c);
    const created = await createCampaignFromFile(access, { bytes: csv, filename: "Spring copy.csv", contentType: "text/csv" }, "en");
    expect(created).toMatchObject({ ok: true, lines: 2 });
    const copy = await getPlan(access, created.ok ? created.campaignId : "");
    expect(copy!.snapshot.campaign.name).toBe("Spring copy");
    expect(copy!.snapshot.lines.map((l) => l.budgetFen).sort()).toEqual([2_000_000, 5_000_000]);

    const campaignsBefore = (await queryRows<{ n: number }>(getDatabase().db, sql`select count(*)::int as n from campaigns`))[0]!.n;
    const broken = await exportedCsv(access, campaign.id, (c) => c.replace("50000.00", "-5"));
    const refused = await createCampaignFromFile(access, { bytes: broken, filename: "broken.csv", contentType: "text/csv" }, "en");
    expect(refused.ok).toBe(false);
    expect((await queryRows<{ n: number }>(getDatabase().db, sql`select count(*)::int as n from campaigns`))[0]!.n).toBe(campaignsBefore);
  });
});
