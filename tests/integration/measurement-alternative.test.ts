// Issue 12: "Measure with Yuntu" on a Douyin line showed no effect (row still ✗, coverage unchanged).
// A method never makes a KPI measurable (brief rule 4: only the line's effective level does), so after
// applying one the row must say so in words; a destination change must move the row and the coverage.
import { describe, expect, it } from "vitest";
import { seedDemoCampaign } from "~/services/demo-plan.server";
import { getPlan } from "~/services/planner.server";
import { makePlannerOnClient } from "./factories";
import { call } from "./http";

const YUNTU = "data-product:ocean-engine-yuntu";

async function setup() {
  const { org, client, planner, access } = await makePlannerOnClient("M");
  const campaignId = await seedDemoCampaign(access);
  const path = `/o/${org.slug}/clients/${client.id}/campaigns/${campaignId}/measurement`;
  return { access, campaignId, planner, path };
}

const decode = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

type Row = { lineId: string; version: string; isMeasurable: boolean; title: string; verdict: string; note: string | null; buttons: string[]; text: string };

function parsePage(html: string) {
  const coverage = html.match(/data-testid="coverage-ratio"[^>]*>([^<]*)</)?.[1] ?? "";
  const chunks = html.split(/<li [^>]*data-testid="mrow-/).slice(1);
  const rows: Row[] = chunks.map((chunk) => {
    const body = chunk.split(/<\/li><li [^>]*data-testid="mrow-|<\/ul>\s*<\/div>\s*<\/main>/)[0]!;
    const note = body.match(/data-testid="method-note"[^>]*>([\s\S]*?)<\/(p|div)>/)?.[1];
    return {
      lineId: chunk.match(/^([0-9a-f-]{36})"/)![1]!,
      version: body.match(/name="version" value="(\d+)"/)![1]!,
      isMeasurable: /data-measurable="true"/.test(body.slice(0, 400)),
      title: decode(body.match(/<h2[^>]*>([\s\S]*?)<\/h2>/)![1]!),
      verdict: decode(body.match(/data-testid="verdict"[^>]*>([\s\S]*?)<\/p>/)![1]!),
      note: note === undefined ? null : decode(note),
      buttons: [...body.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((m) => decode(m[1]!)),
      text: decode(body),
    };
  });
  return { coverage, rows };
}

async function page(path: string, cookie: string, language = "en") {
  const response = await call(path, { cookie, headers: { "Accept-Language": language } });
  expect(response.status).toBe(200);
  return parsePage(await response.text());
}

const rowTitled = (rows: Row[], title: string) => {
  const row = rows.find((r) => r.title === title);
  if (!row) throw new Error(`No row "${title}" among ${rows.map((r) => r.title).join(" | ")}`);
  return row;
};

const DOUYIN_REPURCHASE = "Repurchase rate · Douyin in-feed video ads → Douyin shop";

describe(`applying a measurement alternative (issue 12, ${process.env.QIAO_TEST_DRIVER})`, () => {
  it("Measure with Yuntu is saved, and the row says next to it why the KPI stays not measurable and the coverage does not move", async () => {
    const { access, campaignId, planner, path } = await setup();
    const before = await page(path, planner.cookie);
    const row = rowTitled(before.rows, DOUYIN_REPURCHASE);
    expect(row.isMeasurable).toBe(false);
    expect(row.buttons).toContain("Measure with Yuntu");
    expect(row.note).toBeNull();

    const applied = await call(path, { cookie: planner.cookie, form: { intent: "apply-method", lineId: row.lineId, version: row.version, methodId: YUNTU } });
    expect(applied.status).toBe(302);
    const saved = (await getPlan(access, campaignId))!.snapshot.lines.find((l) => l.id === row.lineId)!;
    expect(saved.measurement).toMatchObject({ methodId: YUNTU, owner: "agency", lagDays: 2 });

    const after = await page(path, planner.cookie);
    const moved = rowTitled(after.rows, DOUYIN_REPURCHASE);
    // Brief rule 4: Yuntu hands back aggregates only, so the verdict and the coverage honestly stay.
    expect(moved.isMeasurable).toBe(false);
    expect(after.coverage).toBe(before.coverage);
    expect(moved.note).toBe(
      "Yuntu, the method planned for this row, gives only aggregated estimates of “Repurchase rate”, which needs transactional data. " +
        "So “Repurchase rate” stays not measurable as planned, and the coverage score does not change. " +
        "Only a landing destination that captures transactional data makes it measurable: see the options below.",
    );
    // The applied method is no longer offered as if it were still to do; the destination changes still are.
    expect(moved.buttons).not.toContain("Measure with Yuntu");
    expect(moved.text).toContain("Yuntu is this row's method");
    expect(moved.buttons).toContain("Land in WeChat mini program instead");

    const zh = (await page(path, planner.cookie, "zh-CN")).rows.find((r) => r.lineId === row.lineId)!;
    expect(zh.title).toBe("复购率 · 抖音信息流广告 → 抖音小店");
    expect(zh.note).toBe(
      "本行计划使用的巨量云图只能提供“复购率”的聚合级估算，而该 KPI 需要交易级数据。因此“复购率”按当前计划仍无法衡量，覆盖率不变。只有能获取交易级数据的落地目的地才能使其可衡量：见下方选项。",
    );
  });

  it("a method alternative says before it is applied that it does not change the verdict or the coverage", async () => {
    const { planner, path } = await setup();
    const row = rowTitled((await page(path, planner.cookie)).rows, "GMV · Qianchuan (Douyin shop and live commerce) → Douyin shop");
    expect(row.buttons).toEqual(expect.arrayContaining(["Measure with Yuntu", "Measure with Geo experiment", "Measure with Media-mix modelling"]));
    expect(row.text).toContain("changes the measurement, not the verdict or the coverage");
  });

  it("landing in a WeChat mini program instead turns the row ✓, rewrites the verdict and raises the coverage", async () => {
    const { planner, path } = await setup();
    const before = await page(path, planner.cookie);
    const row = rowTitled(before.rows, DOUYIN_REPURCHASE);
    const applied = await call(path, { cookie: planner.cookie, form: { intent: "apply-destination", lineId: row.lineId, version: row.version, destinationId: "wechat-mini-program" } });
    expect(applied.status).toBe(302);
    const after = await page(path, planner.cookie);
    const moved = after.rows.find((r) => r.lineId === row.lineId)!;
    expect(moved.title).toBe("Repurchase rate · Douyin in-feed video ads → WeChat mini program");
    expect(moved.isMeasurable).toBe(true);
    expect(moved.verdict).toMatch(/is measurable through first-party data/);
    expect(Number(after.coverage.replace("%", ""))).toBeGreaterThan(Number(before.coverage.replace("%", "")));
  });

  it("on a measurable line, a planned method that measures the KPI becomes the verdict's method; one that cannot is named as such", async () => {
    const { planner, path } = await setup();
    const before = await page(path, planner.cookie);
    const reach = rowTitled(before.rows, "Reach · Douyin TopView and splash → No click-out");
    expect(reach.verdict).toMatch(/measurable through platform aggregated reports\.$/);
    const save = (row: Row, methodId: string) =>
      call(path, { cookie: planner.cookie, form: { intent: "save-measurement", lineId: row.lineId, version: row.version, methodId, owner: "", lagDays: "", contractAccess: "unknown" } });
    expect((await save(reach, YUNTU)).status).toBe(302);

    const gmv = rowTitled(before.rows, "GMV · Zhitongche search ads → Tmall store (with CRM integration)");
    expect((await save(gmv, "platform-reports")).status).toBe(302);

    const after = await page(path, planner.cookie);
    const reachAfter = rowTitled(after.rows, "Reach · Douyin TopView and splash → No click-out");
    expect(reachAfter.isMeasurable).toBe(true);
    expect(reachAfter.verdict).toMatch(/measurable through Yuntu\.$/);
    expect(reachAfter.note).toBeNull();

    const gmvAfter = rowTitled(after.rows, "GMV · Zhitongche search ads → Tmall store (with CRM integration)");
    expect(gmvAfter.isMeasurable).toBe(true);
    expect(gmvAfter.verdict).toMatch(/measurable through CRM order matching/);
    expect(gmvAfter.note).toBe("Platform aggregated reports, the method planned for this row, does not report “GMV”. The verdict rests on CRM order matching on the store (Tmall, Taobao, JD), not on it.");
    expect(after.coverage).toBe(before.coverage);
  });
});
