// Export → import → diff through the real import path (prechecks, worker, deadline): the same plan
// comes back, to the fen, for all three formats; an edited workbook comes back as its edits.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOM_PLACEMENT_ID } from "../fixtures/plan-fixture";
import { BUYING_MODELS } from "~/domain/buying-models";
import { DESTINATION_IDS, ECOSYSTEM_IDS } from "~/domain/catalog";
import { diffImport } from "~/domain/import-diff";
import type { PlanSnapshot } from "~/domain/plan";
import { exportPlanCsv, exportPlanOdsJson, exportPlanXlsx } from "~/services/export/index.server";
import { parseImportFile, type ImportParseResult, type ImportSuccess } from "~/services/import/index.server";
import { prewarmImportWorker, stopImportWorkers } from "~/services/import/parse-import.server";
import { buildFixtureCatalog, buildFixturePlan } from "../fixtures/plan-fixture";

const catalog = buildFixtureCatalog();
const snapshot = buildFixturePlan();
const context = { catalog, locale: "en" as const };

beforeAll(() => prewarmImportWorker());
afterAll(() => stopImportWorkers());

function expectParsed(result: ImportParseResult): ImportSuccess {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problem)}`);
  return result;
}

async function parse(bytes: Uint8Array, filename: string): Promise<ImportSuccess> {
  return expectParsed(await parseImportFile({ bytes, filename, contentType: "" }, context));
}

describe("the fixture plan", () => {
  it("covers every ecosystem, destination and buying model, a custom placement and custom flighting", () => {
    expect(new Set(snapshot.lines.map((l) => l.ecosystemId))).toEqual(new Set(ECOSYSTEM_IDS));
    expect(new Set(snapshot.lines.map((l) => l.destinationId))).toEqual(new Set(DESTINATION_IDS));
    expect(new Set(snapshot.lines.map((l) => l.buyingModel))).toEqual(new Set(BUYING_MODELS));
    expect(snapshot.lines.some((l) => l.placementId === CUSTOM_PLACEMENT_ID)).toBe(true);
    expect(snapshot.lines.some((l) => l.flightingMode === "custom")).toBe(true);
  });
});

describe("round trip: export → import → diff gives zero changes", () => {
  const formats: [string, () => Promise<Uint8Array>, string][] = [
    ["XLSX (English)", async () => exportPlanXlsx(snapshot, catalog, "en"), "plan.xlsx"],
    ["XLSX (Chinese)", async () => exportPlanXlsx(snapshot, catalog, "zh"), "计划.xlsx"],
    ["CSV", async () => Buffer.from(exportPlanCsv(snapshot, catalog, "en"), "utf8"), "plan.csv"],
    ["ODS JSON", async () => Buffer.from(exportPlanOdsJson(snapshot, catalog), "utf8"), "plan.json"],
  ];

  it.each(formats)("%s", async (_, build, filename) => {
    const parsed = await parse(await build(), filename);
    expect(parsed.problems).toEqual([]);
    expect(parsed.hasErrors).toBe(false);
    expect(parsed.lines).toHaveLength(snapshot.lines.length);
    const diff = diffImport(snapshot, parsed);
    expect(diff).toMatchObject({ added: [], changed: [], removed: [], conflicts: [], campaignChanges: [], isEmpty: true, unchangedCount: snapshot.lines.length });
    // Not only "no differences": the fields themselves, money to the fen, flighting and KPIs.
    for (const line of snapshot.lines) {
      const back = parsed.lines.find((l) => l.id === line.id)!;
      const { sourceRow: _row, ...fields } = back;
      expect(fields).toEqual({ ...line, customFlightingFen: line.flightingMode === "custom" ? line.customFlightingFen : null });
    }
  });

  it("handles several uploads at once (two parse at a time, the others wait their turn)", async () => {
    const bytes = Buffer.from(exportPlanCsv(snapshot, catalog, "en"), "utf8");
    const results = await Promise.all(Array.from({ length: 5 }, () => parse(bytes, "plan.csv")));
    expect(results.map((r) => r.lines.length)).toEqual(Array(5).fill(snapshot.lines.length));
  });

  it("keeps the campaign for the formats that carry it", async () => {
    const xlsx = await parse(await exportPlanXlsx(snapshot, catalog, "en"), "plan.xlsx");
    const { currency: _currency, ...campaign } = snapshot.campaign;
    expect(xlsx.campaign).toEqual(campaign);
    const json = await parse(Buffer.from(exportPlanOdsJson(snapshot, catalog), "utf8"), "plan.json");
    expect(json.campaign).toEqual(campaign);
  });
});

describe("an edited workbook comes back as its edits", () => {
  it("a changed budget and an added line, nothing else", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportPlanXlsx(snapshot, catalog, "en")) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Line items")!;
    const keys = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => keys.set(String(cell.value), column));
    // A planner raises the first line's budget and types a new line under the last one.
    const target = snapshot.lines.find((line) => line.flightingMode !== "custom")!;
    const targetRow = 3 + snapshot.lines.indexOf(target);
    sheet.getRow(targetRow).getCell(keys.get("budget_cny")!).value = 123_456.78;
    const added = sheet.getRow(3 + snapshot.lines.length);
    added.getCell(keys.get("name")!).value = "New WeChat Channels burst";
    added.getCell(keys.get("placement")!).value = "WeChat Channels ads";
    added.getCell(keys.get("destination")!).value = "WeChat mini program";
    added.getCell(keys.get("buying_model")!).value = "oCPM";
    added.getCell(keys.get("budget_cny")!).value = 50_000;
    added.getCell(keys.get("start_date")!).value = new Date(Date.UTC(2026, 3, 1));
    added.getCell(keys.get("end_date")!).value = new Date(Date.UTC(2026, 3, 30));
    added.getCell(keys.get("kpi")!).value = "Orders";
    added.getCell(keys.get("kpi_target")!).value = 800;
    added.commit();
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const parsed = await parse(bytes, "edited.xlsx");
    expect(parsed.problems).toEqual([]);
    const diff = diffImport(snapshot, parsed);
    expect(diff.changed).toEqual([{ lineId: target.id, name: target.name, sourceRow: targetRow, changes: [{ field: "budgetFen", from: target.budgetFen, to: 12_345_678 }] }]);
    expect(diff.added).toEqual([
      expect.objectContaining({
        id: null,
        version: null,
        sourceRow: 3 + snapshot.lines.length,
        position: snapshot.lines.length,
        placementId: "wechat-channels-ads",
        destinationId: "wechat-mini-program",
        buyingModel: "ocpm",
        budgetFen: 5_000_000,
        startDate: "2026-04-01",
        endDate: "2026-04-30",
        kpiId: "orders",
        kpiTarget: 800,
      }),
    ]);
    expect(diff.removed).toEqual([]);
    expect(diff.conflicts).toEqual([]);
  });

  it("a line someone changed since the export is a conflict, not an overwrite", async () => {
    const parsed = await parse(Buffer.from(exportPlanCsv(snapshot, catalog, "en"), "utf8"), "plan.csv");
    const [first, ...rest] = snapshot.lines;
    const moved: PlanSnapshot = { ...snapshot, lines: [{ ...first!, budgetFen: first!.budgetFen + 100, version: first!.version + 1 }, ...rest] };
    const diff = diffImport(moved, parsed);
    expect(diff.changed).toEqual([]);
    expect(diff.conflicts).toEqual([
      expect.objectContaining({ kind: "line-changed-since-export", lineId: first!.id, fileVersion: first!.version, currentVersion: first!.version + 1 }),
    ]);
  });

  it("a new campaign from a file adds every line", async () => {
    const parsed = await parse(Buffer.from(exportPlanCsv(snapshot, catalog, "zh"), "utf8"), "plan.csv");
    const empty: PlanSnapshot = { ...snapshot, campaign: { ...snapshot.campaign, id: "new-campaign" }, lines: [] };
    // A CSV does not say which campaign it came from, but none of its line ids is a line of this plan.
    const intoEmpty = diffImport(empty, parsed);
    expect(intoEmpty.origin.kind).toBe("other-campaign");
    expect(intoEmpty.conflicts).toEqual([]);
    expect(intoEmpty.added).toHaveLength(snapshot.lines.length);
    const diff = diffImport(empty, parsed, { asNewCampaign: true });
    expect(diff.isFromOtherCampaign).toBe(true);
    expect(diff.conflicts).toEqual([]);
    expect(diff.added).toHaveLength(snapshot.lines.length);
    expect(diff.added.every((line) => line.id === null && line.version === null)).toBe(true);
  });
});

describe("the standard's own example document", () => {
  it("imports, and what does not map to a China plan is reported, not dropped", async () => {
    const bytes = readFileSync(path.resolve(import.meta.dirname, "../fixtures/ods/example_mediaplan_v3.0.json"));
    const parsed = await parse(bytes, "example_mediaplan_v3.0.json");
    expect(parsed.format).toBe("ods-json");
    expect(parsed.campaign).toEqual({ name: "GlobalTech AI Platform Lead Gen - Q3 2025", clientName: "GlobalTech Corporation", startDate: "2025-10-01", endDate: "2025-12-31" });
    expect(parsed.invalidRows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    // Codes with a "did you mean" suggestion end in DidYouMean.
    const codes = new Set(parsed.problems.map((p) => p.code.replace(/DidYouMean$/, "")));
    for (const code of ["odsCurrencyNotCny", "unknownPlacement", "unknownObjective", "unknownStatus", "odsKpiNotMapped", "odsBuyTypeNotMapped", "odsFieldNotImported"]) expect(codes).toContain(code);
    const fields = parsed.problems.filter((p) => p.code === "odsFieldNotImported").map((p) => p.params.field);
    expect(fields).toEqual(expect.arrayContaining(["campaign.target_audiences", "campaign.target_locations", "lineitems[].metric_formulas", "lineitems[].cost_buying", "dictionary"]));
    // Every line item is named in a problem.
    for (const row of [1, 2, 3, 4]) expect(parsed.problems.some((p) => p.row === row && p.severity === "error")).toBe(true);
  });
});
