// The add-line form (issue 12): it empties after each add, and a typed name another line has or a
// unit cost far from the placement's benchmark is shown for a second look before anything is saved.
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { lineChecksKey } from "~/domain/line-rules";
import { createCampaign } from "~/services/planner.server";
import { makePlannerOnClient } from "./factories";
import { call } from "./http";

async function setup() {
  const { org, client, planner, access } = await makePlannerOnClient("ADD");
  const campaign = await createCampaign(access, { name: "Singles Day", objective: "conversion", startDate: "2027-03-01", endDate: "2027-04-30", budgetFen: 100_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
  // The action as the page's fetcher calls it (single fetch): only the action's answer, no page around it.
  return { campaign, planner, path: `/o/${org.slug}/clients/${client.id}/campaigns/${campaign.id}.data?index` };
}

const form = (overrides: Record<string, string> = {}) => ({
  intent: "add-line",
  name: "Qianchuan live GMV",
  placementId: "douyin-qianchuan",
  destinationId: "douyin-shop",
  buyingModel: "ocpm",
  unitCost: "",
  budget: "250000",
  startDate: "2027-03-01",
  endDate: "2027-03-31",
  kpiId: "gmv",
  kpiTarget: "30000",
  audienceNotes: "",
  formatNotes: "",
  flightingMode: "even",
  ...overrides,
});

type Answer = { saved?: { lineId: string }; checks?: { list: { code: string }[]; key: string }; result?: { initialValue?: unknown; error?: unknown } };

async function add(path: string, cookie: string, fields: Record<string, string>) {
  const response = await call(path, { cookie, form: fields });
  const turbo = await response.text();
  return { status: response.status, body: turbo, setCookie: response.headers.get("set-cookie") ?? "" };
}

const names = async (campaignId: string) =>
  (await queryRows<{ name: string; unit_cost_fen: number | null }>(getDatabase().db, sql`select name, unit_cost_fen from line_items where campaign_id = ${campaignId} order by position`)).map((r) => r.name);

describe(`adding a line (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("answers a successful add with an emptied form and the toast, not a redirect that keeps the values", async () => {
    const { campaign, planner, path } = await setup();
    const first = await add(path, planner.cookie, form());
    expect(first.status).toBe(200);
    expect(first.setCookie).toContain("qiao_toast=");
    // Conform's reply to reset the form carries no initial values.
    expect(first.body).toContain("saved");
    expect(first.body).not.toContain("Qianchuan live GMV");
    expect(await names(campaign.id)).toEqual(["Qianchuan live GMV"]);
  });

  it("holds a second line with the same typed name for a second look; 'add anyway' adds exactly what was shown", async () => {
    const { campaign, planner, path } = await setup();
    await add(path, planner.cookie, form());
    const again = await add(path, planner.cookie, form({ name: "  qianchuan LIVE gmv " }));
    expect(again.status).toBe(200);
    expect(again.body).toContain("duplicate-name");
    expect(again.body).not.toContain("saved");
    expect(await names(campaign.id)).toHaveLength(1);
    // The key for another name does not wave this one through.
    const otherKey = lineChecksKey([{ code: "duplicate-name", field: "name", params: { name: "other" } }]);
    expect((await add(path, planner.cookie, form({ name: "qianchuan LIVE gmv", acknowledged: otherKey }))).body).toContain("duplicate-name");
    expect(await names(campaign.id)).toHaveLength(1);
    // "Add anyway" sends back the key of what was shown.
    const shownKey = lineChecksKey([{ code: "duplicate-name", field: "name", params: { name: "qianchuan LIVE gmv" } }]);
    expect((await add(path, planner.cookie, form({ name: "  qianchuan LIVE gmv ", acknowledged: shownKey }))).body).toContain("saved");
    expect(await names(campaign.id)).toEqual(["Qianchuan live GMV", "qianchuan LIVE gmv"]);
  });

  it("questions a ¥1.50 CPM on Qianchuan (166,666,666 impressions) and adds it once the person says so", async () => {
    const { campaign, planner, path } = await setup();
    const held = await add(path, planner.cookie, form({ unitCost: "1.50" }));
    expect(held.body).toContain("unit-cost-far-below-benchmark");
    expect(await names(campaign.id)).toEqual([]);
    // A unit cost in the benchmark's range goes straight in.
    expect((await add(path, planner.cookie, form({ name: "Normal CPM", unitCost: "45" }))).body).toContain("saved");
    expect(await names(campaign.id)).toEqual(["Normal CPM"]);
  });

  it("reads a typed count target like the importer (1,200 is 1200) and a rate as a share (15 % is 0.15)", async () => {
    const { campaign, planner, path } = await setup();
    await add(path, planner.cookie, form({ name: "Clicks", kpiId: "clicks", kpiTarget: "1,200" }));
    await add(path, planner.cookie, form({ name: "Rate", kpiId: "repurchase-rate", kpiTarget: "15 %" }));
    const refused = await add(path, planner.cookie, form({ name: "Rate 2", kpiId: "repurchase-rate", kpiTarget: "15" }));
    expect(refused.status).toBe(400);
    const targets = await queryRows<{ kpi_target: string }>(getDatabase().db, sql`select kpi_target from line_items where campaign_id = ${campaign.id} order by position`);
    expect(targets.map((r) => Number(r.kpi_target))).toEqual([1200, 0.15]);
  });
});
