// The pure part of import: reading cells and mapping rows to lines with problems by row and column.
import { describe, expect, it } from "vitest";
import type { ImportProblem } from "~/domain/import-diff";
import type { RawCell } from "~/domain/spreadsheet-cells";
import type { LineColumnKey } from "~/domain/spreadsheet-columns";
import { excelSerialToIso, parseDateText, readDate, readMoneyFen, readRatio } from "~/services/import/cells.server";
import { mapCampaignFacts } from "~/services/import/campaign-facts.server";
import { parseCustomFlightingText } from "~/services/import/line-flighting.server";
import type { LineRecord, MapContext } from "~/services/import/record-types.server";
import { mapLineRecords } from "~/services/import/records.server";
import { buildFixtureCatalog } from "../fixtures/plan-fixture";

const catalog = buildFixtureCatalog();
const text = (value: string, ref?: string): RawCell => ({ kind: "text", text: value, ...(ref ? { ref } : {}) });
const num = (value: number, ref?: string): RawCell => ({ kind: "number", value, ...(ref ? { ref } : {}) });
const date = (iso: string): RawCell => ({ kind: "date", iso });

function record(row: number, cells: Partial<Record<LineColumnKey, RawCell | string | number>>, extra: Partial<LineRecord> = {}): LineRecord {
  const converted: LineRecord["cells"] = {};
  for (const [key, value] of Object.entries(cells)) {
    converted[key as LineColumnKey] = typeof value === "string" ? text(value) : typeof value === "number" ? num(value) : value;
  }
  return { row, cells: converted, ...extra };
}

const BASE = {
  placement: "WeChat Moments ads",
  destination: "WeChat mini program",
  buying_model: "oCPM",
  budget_cny: 12_345.67,
  start_date: date("2026-03-02"),
  end_date: date("2026-03-29"),
} as const;

function context(overrides: Partial<MapContext> = {}): MapContext {
  return { catalog, locale: "en", format: "xlsx", numberLocale: "en", campaign: { budgetFen: 100_000_000, startDate: "2026-03-02", endDate: "2026-03-29" }, ...overrides };
}

function codes(problems: readonly ImportProblem[]): string[] {
  return problems.map((p) => `${p.severity}:${p.code}`);
}

describe("cell readers", () => {
  it("read money to the fen without floating point", () => {
    expect(readMoneyFen(num(1234.5), "yuan", "en")).toEqual({ ok: true, value: 123_450, warnings: [] });
    expect(readMoneyFen(num(0.1 + 0.2), "yuan", "en")).toMatchObject({ ok: true, value: 30, warnings: [{ code: "moneyRounded" }] });
    expect(readMoneyFen(text("¥1,200.50"), "yuan", "en")).toMatchObject({ ok: true, value: 120_050 });
    expect(readMoneyFen(text("1.2万"), "yuan", "zh")).toMatchObject({ ok: true, value: 1_200_000 });
    expect(readMoneyFen(text("1.200,50"), "yuan", "fr")).toMatchObject({ ok: true, value: 120_050 });
    expect(readMoneyFen(text("1,200"), "yuan", "fr")).toMatchObject({ ok: false, error: { code: "moneyAmbiguous" } });
    expect(readMoneyFen(num(-5), "yuan", "en")).toMatchObject({ ok: false, error: { code: "moneyNegative" } });
    expect(readMoneyFen(text("twelve"), "yuan", "en")).toMatchObject({ ok: false, error: { code: "moneyInvalid" } });
    expect(readMoneyFen(num(12.5), "fen", "en")).toMatchObject({ ok: false, error: { code: "moneyFenNotInteger" } });
    expect(readMoneyFen(num(1e13), "yuan", "en")).toMatchObject({ ok: false, error: { code: "moneyTooLarge" } });
  });

  it("read dates from date cells and common written forms, and refuse to guess day/month", () => {
    expect(readDate(date("2026-03-01"))).toEqual({ ok: true, value: { iso: "2026-03-01", isText: false }, warnings: [] });
    for (const written of ["2026-03-01", "2026/3/1", "2026.03.01", "2026年3月1日", "20260301", "1 March 2026", "Mar 1, 2026", "2026-03-01T00:00:00Z", "2026-03-01 00:00"]) {
      expect(parseDateText(written), written).toEqual({ kind: "date", iso: "2026-03-01" });
    }
    expect(parseDateText("03/04/2026")).toEqual({ kind: "ambiguous", a: "2026-04-03", b: "2026-03-04" });
    expect(parseDateText("13/04/2026")).toEqual({ kind: "date", iso: "2026-04-13" });
    expect(parseDateText("04/04/2026")).toEqual({ kind: "date", iso: "2026-04-04" });
    expect(parseDateText("2026-02-30")).toEqual({ kind: "invalid" });
    expect(parseDateText("next Monday")).toEqual({ kind: "invalid" });
    expect(readDate(text("03/04/2026"))).toMatchObject({ ok: false, error: { code: "dateAmbiguous", params: { optionA: "2026-04-03", optionB: "2026-03-04" } } });
    expect(readDate(num(46082))).toMatchObject({ ok: true, value: { iso: "2026-03-01" }, warnings: [{ code: "dateSerialNumber" }] });
    expect(excelSerialToIso(1)).toBe("1900-01-01");
  });

  it("read ratios as ratios or percentages, and flag a percentage typed as a number", () => {
    expect(readRatio(text("1.5%"), "en")).toMatchObject({ ok: true, value: 0.015 });
    expect(readRatio(num(0.4), "en")).toMatchObject({ ok: true, value: 0.4 });
    expect(readRatio(num(35), "en")).toMatchObject({ ok: false, error: { code: "ratioOverOne", params: { suggested: "35%" } } });
    expect(readRatio(num(-1), "en")).toMatchObject({ ok: false, error: { code: "ratioInvalid" } });
  });
});

describe("mapLineRecords", () => {
  it("reads a row into a line, with defaults for optional columns", () => {
    const { lines, problems, invalidRows } = mapLineRecords([record(3, BASE)], context());
    expect(problems).toEqual([]);
    expect(invalidRows).toEqual([]);
    expect(lines).toEqual([
      expect.objectContaining({
        id: null,
        version: null,
        sourceRow: 3,
        position: 0,
        name: "WeChat Moments ads",
        ecosystemId: "tencent",
        placementId: "wechat-moments",
        destinationId: "wechat-mini-program",
        buyingModel: "ocpm",
        budgetFen: 1_234_567,
        unitCostFen: null,
        kpiId: null,
        flightingMode: "even",
        customFlightingFen: null,
        measurement: { owner: null, methodId: null, lagDays: null, contractAccess: "unknown", bindingRate: null },
      }),
    ]);
  });

  it("names an unknown placement by row and column, with a suggestion in both languages", () => {
    const { lines, problems, invalidRows } = mapLineRecords([record(7, { ...BASE, placement: text("Moments Ads", "D7") })], context());
    expect(lines).toEqual([]);
    expect(invalidRows).toEqual([{ row: 7, lineId: null }]);
    expect(problems).toEqual([
      {
        row: 7,
        column: "placement",
        code: "unknownPlacementDidYouMean",
        messageKey: "import.unknownPlacementDidYouMean",
        params: { cell: "D7", value: "Moments Ads", suggestionEn: "WeChat Moments ads", suggestionZh: "微信朋友圈广告", suggestionId: "wechat-moments" },
        severity: "error",
      },
    ]);
    expect(codes(mapLineRecords([record(7, { ...BASE, placement: "LinkedIn" })], context()).problems)).toEqual(["error:unknownPlacement"]);
  });

  it("suspects fen typed into a yuan column when one line would outweigh the campaign many times", () => {
    // Campaign ¥1,000,000; the line says 50,000,000 "yuan" — i.e. ¥500,000 typed in fen.
    const { problems } = mapLineRecords([record(4, { ...BASE, budget_cny: 50_000_000 })], context({ campaign: { budgetFen: 100_000_000 } }));
    expect(problems).toMatchObject([{ code: "moneyLooksLikeFen", severity: "error", params: { value: "50000000", asYuan: "500000.00" } }]);
    // Without a campaign budget to compare with, an absurd amount is still mentioned.
    expect(codes(mapLineRecords([record(4, { ...BASE, budget_cny: 2_000_000_000 })], context({ campaign: {} })).problems)).toEqual(["warning:moneyLooksLikeFenNoCampaign"]);
    // A unit cost 100× the benchmark looks like fen too.
    const cpm = mapLineRecords([record(4, { ...BASE, buying_model: "CPM", unit_cost_cny: 4_000 })], context()).problems;
    expect(codes(cpm)).toEqual(["warning:unitCostLooksLikeFen"]);
  });

  it("accepts dates typed as text but says so, and refuses ambiguous or impossible ones", () => {
    const read = mapLineRecords([record(5, { ...BASE, start_date: "2026/3/2", end_date: "29 March 2026" })], context());
    expect(read.lines[0]).toMatchObject({ startDate: "2026-03-02", endDate: "2026-03-29" });
    expect(codes(read.problems)).toEqual(["warning:dateAsText", "warning:dateAsText"]);
    // In a CSV every cell is text: an ISO date is simply normal there.
    expect(mapLineRecords([record(5, { ...BASE, start_date: "2026-03-02" })], context({ format: "csv" })).problems).toEqual([]);
    const bad = mapLineRecords([record(5, { ...BASE, start_date: "03/04/2026", end_date: "2026-02-30" })], context());
    expect(codes(bad.problems)).toEqual(["error:dateAmbiguous", "error:dateInvalid"]);
    const inverted = mapLineRecords([record(5, { ...BASE, start_date: date("2026-03-29"), end_date: date("2026-03-02") })], context());
    expect(codes(inverted.problems)).toEqual(["error:datesInverted"]);
  });

  it("uses a formula's cached result with a warning, and refuses a formula without one", () => {
    const cached = mapLineRecords([record(6, { ...BASE, budget_cny: { kind: "number", value: 2_000, formula: "B1*2" } })], context());
    expect(cached.lines[0]?.budgetFen).toBe(200_000);
    expect(cached.problems).toMatchObject([{ code: "formulaCell", severity: "warning", params: { formula: "B1*2" } }]);
    const uncached = mapLineRecords([record(6, { ...BASE, budget_cny: { kind: "empty", formula: "B1*2" } })], context());
    expect(codes(uncached.problems)).toEqual(["error:formulaWithoutResult"]);
    expect(codes(mapLineRecords([record(6, { ...BASE, budget_cny: { kind: "error", text: "#REF!" } })], context()).problems)).toEqual(["error:cellError"]);
  });

  it("warns about routes the catalog does not know, and fills what is missing", () => {
    const unreachable = mapLineRecords([record(8, { ...BASE, destination: "Tmall store (with CRM integration)" })], context());
    expect(unreachable.problems).toMatchObject([{ code: "destinationUnreachable", severity: "warning", params: { placement: "WeChat Moments ads" } }]);
    expect(unreachable.lines).toHaveLength(1);
    const sparse = mapLineRecords([record(8, { placement: "百度凤巢搜索广告", budget_cny: 100 })], context());
    expect(codes(sparse.problems)).toEqual(["warning:destinationDefaulted", "warning:buyingModelDefaulted", "warning:dateDefaulted", "warning:dateDefaulted"]);
    expect(sparse.lines[0]).toMatchObject({ placementId: "baidu-search", buyingModel: "cpc", startDate: "2026-03-02", name: "Baidu Fengchao search ads" });
    const mismatch = mapLineRecords([record(8, { ...BASE, ecosystem: "Baidu", buying_model: "CPS" })], context());
    expect(codes(mismatch.problems)).toEqual(["warning:ecosystemMismatch", "warning:buyingModelNotOffered"]);
  });

  it("reads KPI targets in the KPI's unit", () => {
    const gmv = mapLineRecords([record(9, { ...BASE, kpi: "GMV", kpi_target: 1_234.56 })], context());
    expect(gmv.lines[0]).toMatchObject({ kpiId: "gmv", kpiTarget: 123_456 });
    const ctr = mapLineRecords([record(9, { ...BASE, kpi: "点击率（CTR）", kpi_target: "1.5%" })], context());
    expect(ctr.lines[0]).toMatchObject({ kpiId: "ctr", kpiTarget: 0.015 });
    const percent = mapLineRecords([record(9, { ...BASE, kpi: "CTR", kpi_target: 1.5 })], context());
    expect(percent.problems).toMatchObject([{ code: "ratioOverOne", params: { suggested: "1.5%" } }]);
    expect(codes(mapLineRecords([record(9, { ...BASE, kpi_target: 5 })], context()).problems)).toEqual(["warning:kpiTargetWithoutKpi"]);
  });

  it("needs custom amounts for custom flighting, and they must add up to the budget", () => {
    const missing = mapLineRecords([record(10, { ...BASE, flighting_mode: "Custom" })], context());
    expect(codes(missing.problems)).toEqual(["error:customFlightingMissing"]);
    const weeks = { "2026-W10": text("6000"), "2026-W11": text("6345.67") };
    const given = mapLineRecords([record(10, { ...BASE, flighting_mode: "自定义" }, { flighting: { kind: "cells", row: 10, weeks } })], context());
    expect(given.lines[0]?.customFlightingFen).toEqual({ "2026-W10": 600_000, "2026-W11": 634_567 });
    const short = mapLineRecords([record(10, { ...BASE, flighting_mode: "custom", custom_flighting: "2026-W10: 6000; 2026-W11: 100" })], context());
    expect(short.problems).toMatchObject([{ code: "customFlightingSumMismatch", params: { budget: "12345.67", typed: "6100.00" } }]);
    const outside = mapLineRecords([record(10, { ...BASE, budget_cny: 1, flighting_mode: "custom", custom_flighting: "2027-W10: 1" })], context());
    expect(codes(outside.problems)).toEqual(["error:customFlightingWeekOutside"]);
    expect(parseCustomFlightingText("2026-W10: 1; nonsense")).toBeNull();
  });

  it("says when computed flighting was edited (only custom amounts are kept)", () => {
    const weeks = { "2026-W10": text("1") };
    const even = mapLineRecords([record(11, BASE, { flighting: { kind: "cells", row: 40, weeks } })], context());
    expect(even.problems).toMatchObject([{ code: "flightingIgnored", severity: "warning", params: { row: 40 } }]);
    expect(even.lines[0]?.customFlightingFen).toBeNull();
  });

  it("refuses the same line id twice, skips totals rows and blank rows, and numbers new lines after the last", () => {
    const { lines, problems, invalidRows } = mapLineRecords(
      [
        record(3, { ...BASE, line_id: "L1", version: 2, position: 5 }),
        record(4, { ...BASE, line_id: "L1", version: 2 }),
        record(5, { ...BASE }),
        record(6, { name: "Total", budget_cny: 99 }),
        record(7, { name: { kind: "empty" } }),
      ],
      context(),
    );
    expect(codes(problems)).toEqual(["error:duplicateLineId", "warning:totalRowSkipped"]);
    expect(invalidRows).toEqual([{ row: 4, lineId: "L1" }]);
    expect(lines.map((l) => [l.id, l.version, l.position])).toEqual([
      ["L1", 2, 4],
      [null, null, 5],
    ]);
  });

  it("reads measurement columns by label or id", () => {
    const { lines, problems } = mapLineRecords(
      [record(12, { ...BASE, measurement_owner: "代理商", measurement_method: "platform-reports", lag_days: 3, contract_access: "Yes", binding_rate: "12%" })],
      context(),
    );
    expect(problems).toEqual([]);
    expect(lines[0]?.measurement).toEqual({ owner: "agency", methodId: "platform-reports", lagDays: 3, contractAccess: "yes", bindingRate: 0.12 });
    expect(codes(mapLineRecords([record(12, { ...BASE, lag_days: -2 })], context()).problems)).toEqual(["error:integerInvalid"]);
  });
});

describe("mapCampaignFacts", () => {
  it("reads labels in either language and keeps id and version for conflict checks", () => {
    const { campaign, problems } = mapCampaignFacts(
      {
        "campaign.name": text("Spring"),
        "campaign.objective": text("转化"),
        "campaign.status": text("Live"),
        "campaign.budget_cny": num(1_000_000.5),
        "campaign.reportingCurrency": text("eur"),
        "campaign.fxRate": num(7.8),
        "campaign.startDate": date("2026-03-02"),
        "campaign.endDate": date("2026-05-31"),
        "campaign.id": text("c1"),
        "campaign.version": num(4),
      },
      { catalog, locale: "en", format: "xlsx", numberLocale: "en" },
    );
    expect(problems).toEqual([]);
    expect(campaign).toEqual({
      name: "Spring",
      objective: "conversion",
      status: "live",
      budgetFen: 100_000_050,
      reportingCurrency: "EUR",
      fxRate: 7.8,
      startDate: "2026-03-02",
      endDate: "2026-05-31",
      id: "c1",
      version: 4,
    });
  });

  it("reports what it cannot read without inventing values", () => {
    const { campaign, problems } = mapCampaignFacts(
      { "campaign.objective": text("Lead generation"), "campaign.fxRate": text("seven"), "campaign.version": num(2) },
      { catalog, locale: "en", format: "xlsx", numberLocale: "en" },
    );
    expect(campaign).toEqual({});
    expect(codes(problems)).toEqual(["warning:unknownObjective", "error:fxRateInvalid"]);
  });
});
