// A money KPI target (GMV, order value…) is typed in yuan and kept in fen like every amount: what the
// form takes is what the CSV says, and what the sheet brings back is what the form shows (issue 12:
// 800000 typed became 8000 in every export; 9000 in a sheet came back as 900000 in the form).
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { exportPlanCsv } from "~/services/export/index.server";
import { kpiTargetToInput } from "~/services/forms/planner.server";
import { applyImport, previewImport } from "~/services/plan-import.server";
import { createCampaign, getPlan } from "~/services/planner.server";
import { makePlannerOnClient } from "./factories";
import { call } from "./http";

async function setup() {
  const { org, client, planner, access } = await makePlannerOnClient("K");
  const campaign = await createCampaign(access, { name: "Double 11", objective: "conversion", startDate: "2027-03-01", endDate: "2027-04-30", budgetFen: 100_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
  const path = `/o/${org.slug}/clients/${client.id}/campaigns/${campaign.id}?index`;
  return { access, campaign, planner, path };
}

const lineForm = (kpiId: string, kpiTarget: string) => ({
  intent: "add-line",
  name: "Search GMV",
  placementId: "baidu-search",
  destinationId: "baidu-landing-page",
  buyingModel: "cpc",
  unitCost: "",
  budget: "50000",
  startDate: "2027-03-01",
  endDate: "2027-03-31",
  kpiId,
  kpiTarget,
  audienceNotes: "",
  formatNotes: "",
  flightingMode: "even",
});

const storedTargets = async (campaignId: string) =>
  (await queryRows<{ kpi_target: number | null }>(getDatabase().db, sql`select kpi_target from line_items where campaign_id = ${campaignId} order by position`)).map((r) =>
    r.kpi_target === null ? null : Number(r.kpi_target),
  );

describe(`KPI targets in their unit (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("a GMV target typed as 800000 is ¥800,000 in the database, the CSV and back in the form", async () => {
    const { access, campaign, planner, path } = await setup();
    const added = await call(path, { cookie: planner.cookie, form: lineForm("gmv", "800,000") });
    expect(added.status).toBe(200);
    expect(await storedTargets(campaign.id)).toEqual([80_000_000]);
    const plan = await getPlan(access, campaign.id);
    const csv = exportPlanCsv(plan!.snapshot, plan!.catalog, "en");
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    const headerAt = rows.findIndex((r) => r.some((cell) => cell === "kpi_target"));
    const column = rows[headerAt]!.findIndex((cell) => cell === "kpi_target");
    expect(rows[headerAt + 1]![column]).toBe("800000.00");
    expect(kpiTargetToInput("gmv", 80_000_000)).toBe("800000.00");
  });

  it("a count target stays the number typed, and a money target that is not an amount is refused next to the field", async () => {
    const { campaign, planner, path } = await setup();
    expect((await call(path, { cookie: planner.cookie, form: lineForm("clicks", "1,200") })).status).toBe(200);
    const refused = await call(path, { cookie: planner.cookie, form: lineForm("gmv", "lots") });
    expect(refused.status).toBe(400);
    expect(await storedTargets(campaign.id)).toEqual([1200]);
  });

  it("9000 in the sheet's money target column comes back as 9000 in the form, not 900000", async () => {
    const { access, campaign, planner, path } = await setup();
    expect((await call(path, { cookie: planner.cookie, form: lineForm("gmv", "1") })).status).toBe(200);
    const plan = await getPlan(access, campaign.id);
    const csv = exportPlanCsv(plan!.snapshot, plan!.catalog, "en").replace(",1.00,", ",9000,");
    const preview = await previewImport(access, campaign.id, { bytes: new TextEncoder().encode(csv), filename: "plan.csv", contentType: "text/csv" }, "en");
    expect(preview?.ok).toBe(true);
    if (!preview?.ok) return;
    expect(await applyImport(access, campaign.id, preview.preview.jobId, { removeMissing: false })).toMatchObject({ ok: true, changed: 1 });
    const [stored] = await storedTargets(campaign.id);
    expect(stored).toBe(900_000);
    expect(kpiTargetToInput("gmv", stored!)).toBe("9000.00");
  });
});
