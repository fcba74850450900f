import { describe, expect, it } from "vitest";
import { queryCounter } from "@db/client";
import { addLines, createCampaign, getCampaignList, getPlan, updateLine } from "~/services/planner.server";
import { accessFor } from "./access";
import { addMember, makeClientAccount, makeOrganization, makeUser, sampleLine } from "./factories";
import { encodeMessage } from "~/i18n/message";

async function setup() {
  const org = await makeOrganization("Agency P");
  const client = await makeClientAccount(org, "Brand P");
  const planner = await makeUser("planner");
  const lead = await makeUser("lead");
  await addMember(org, planner, "member", { id: client.id, role: "planner" });
  await addMember(org, lead, "member", { id: client.id, role: "lead_planner" });
  const access = await accessFor(planner, org.slug, client.id, "client.plan.edit");
  const leadAccess = await accessFor(lead, org.slug, client.id, "client.plan.edit");
  const campaign = await createCampaign(access, {
    name: "Spring",
    objective: "conversion",
    startDate: "2027-03-01",
    endDate: "2027-04-30",
    budgetFen: 100_000_000,
    reportingCurrency: "EUR",
    fxRate: 7.8,
    notes: "",
  });
  return { org, client, access, leadAccess, campaign };
}

const line = sampleLine;

describe(`planner (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("adds a line named by the convention and derives its level", async () => {
    const { access, campaign } = await setup();
    const added = await addLines(access, campaign.id, [line()]);
    expect(added?.ok).toBe(true);
    const plan = await getPlan(access, campaign.id);
    expect(plan?.snapshot.lines).toHaveLength(1);
    expect(plan?.snapshot.lines[0]?.name).toMatch(/^Brand-P_.*_conversion_202703$/);
  });

  it("refuses bad input with field errors and saves nothing", async () => {
    const { access, campaign } = await setup();
    const outside = await addLines(access, campaign.id, [line({ startDate: "2027-02-01" })]);
    expect(outside).toMatchObject({ ok: false, kind: "invalid", errors: { startDate: [encodeMessage("planner.outsideCampaign", { start: "2027-03-01", end: "2027-04-30" })] } });
    const unreachable = await addLines(access, campaign.id, [line({ placementId: "baidu-search", destinationId: "wechat-mini-program", buyingModel: "cpc" })]);
    expect(unreachable).toMatchObject({ ok: false, kind: "invalid", errors: { destinationId: ["planner.destinationUnreachable"] } });
    const unknown = await addLines(access, campaign.id, [line({ placementId: "moments-ads" })]);
    expect(unknown).toMatchObject({ ok: false, kind: "invalid", errors: { placementId: ["planner.unknownPlacement"] } });
    const custom = await addLines(access, campaign.id, [line({ flightingMode: "custom", customFlightingFen: { "2027-W09": 100 } })]);
    expect(custom).toMatchObject({ ok: false, kind: "invalid", errors: { customFlightingFen: ["planner.flightingSumMismatch"] } });
    expect((await getPlan(access, campaign.id))?.snapshot.lines).toHaveLength(0);
  });

  it("a save with a stale version is a conflict that returns their version; nothing is overwritten", async () => {
    const { access, leadAccess, campaign } = await setup();
    const added = await addLines(access, campaign.id, [line()]);
    const row = added?.ok ? added.value[0]! : null;
    const mine = await updateLine(access, campaign.id, row!.id, row!.version, line({ budgetFen: 6_000_000 }));
    expect(mine?.ok).toBe(true);
    const theirs = await updateLine(leadAccess, campaign.id, row!.id, row!.version, line({ budgetFen: 7_000_000 }));
    expect(theirs).toMatchObject({ ok: false, kind: "conflict" });
    expect(theirs && !theirs.ok && theirs.kind === "conflict" ? theirs.current?.budgetFen : null).toBe(6_000_000);
    const plan = await getPlan(access, campaign.id);
    expect(plan?.snapshot.lines[0]?.budgetFen).toBe(6_000_000);
  });

  it("two people editing different lines of one plan do not conflict", async () => {
    const { access, leadAccess, campaign } = await setup();
    const added = await addLines(access, campaign.id, [line(), line({ placementId: "wechat-moments", destinationId: "wechat-official-account", buyingModel: "cpm" })]);
    const [a, b] = added?.ok ? added.value : [];
    const [first, second] = await Promise.all([
      updateLine(access, campaign.id, a!.id, a!.version, line({ budgetFen: 1_000 })),
      updateLine(leadAccess, campaign.id, b!.id, b!.version, line({ placementId: "wechat-moments", destinationId: "wechat-official-account", buyingModel: "cpm", budgetFen: 2_000 })),
    ]);
    expect(first?.ok).toBe(true);
    expect(second?.ok).toBe(true);
  });

  it("100 runs of two concurrent saves of the same version: exactly one success and one conflict each time", async () => {
    const { access, leadAccess, campaign } = await setup();
    const added = await addLines(access, campaign.id, [line()]);
    let row = added?.ok ? added.value[0]! : null;
    let silentOverwrites = 0;
    for (let run = 0; run < 100; run++) {
      const results = await Promise.all([
        updateLine(access, campaign.id, row!.id, row!.version, line({ budgetFen: 10_000 + run })),
        updateLine(leadAccess, campaign.id, row!.id, row!.version, line({ budgetFen: 20_000 + run })),
      ]);
      const wins = results.filter((r) => r?.ok);
      const conflicts = results.filter((r) => r && !r.ok && r.kind === "conflict");
      if (wins.length !== 1 || conflicts.length !== 1) silentOverwrites++;
      const winner = wins[0];
      row = winner && winner.ok ? winner.value : row;
    }
    expect(silentOverwrites).toBe(0);
    expect(row!.version).toBe(101);
  });

  it("loads a plan with a number of queries that does not grow with its lines", async () => {
    const { access, campaign } = await setup();
    await addLines(access, campaign.id, [line()]);
    const before = queryCounter.count;
    await getPlan(access, campaign.id);
    const small = queryCounter.count - before;
    await addLines(access, campaign.id, Array.from({ length: 60 }, (_, i) => line({ budgetFen: 1_000 + i })));
    const mid = queryCounter.count;
    await getPlan(access, campaign.id);
    const large = queryCounter.count - mid;
    expect(large).toBe(small);
  });
});

describe("campaign list", () => {
  it("counts each campaign's own lines and budget", async () => {
    const { access, campaign } = await setup();
    const other = await createCampaign(access, { name: "Autumn", objective: "awareness", startDate: "2027-03-01", endDate: "2027-03-31", budgetFen: 1, reportingCurrency: "CNY", fxRate: 1, notes: "" });
    await addLines(access, campaign.id, [line(), line({ budgetFen: 1_000 })]);
    const list = await getCampaignList(access);
    expect(list.find((c) => c.id === campaign.id)).toMatchObject({ lineCount: 2, allocatedFen: 5_001_000 });
    expect(list.find((c) => c.id === other.id)).toMatchObject({ lineCount: 0, allocatedFen: 0 });
    expect((await getCampaignList(access, "autu")).map((c) => c.name)).toEqual(["Autumn"]);
  });
});
