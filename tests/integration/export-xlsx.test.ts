// The exported workbook, opened with exceljs as another program would: formats, frozen panes,
// filters, drop-downs, hidden key row, and totals whose cached results match what a spreadsheet
// recalculating them would get.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { convertFen } from "~/domain/money";
import { derivePlan } from "~/domain/plan-derive";
import { LINE_COLUMNS, SHEET_NAMES } from "~/domain/spreadsheet-columns";
import { exportPlanXlsx } from "~/services/export/xlsx.server";
import { buildFixtureCatalog, buildFixturePlan } from "../fixtures/plan-fixture";

const catalog = buildFixtureCatalog();
const snapshot = buildFixturePlan();
const derived = derivePlan(snapshot, catalog, "en");

async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Column number of each key, from the hidden key row. */
function keyColumns(sheet: ExcelJS.Worksheet): Map<string, number> {
  const keys = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => keys.set(String(cell.value), column));
  return keys;
}

/** A formula's cached result (read from the cell model: exceljs's `value` getter drops a result of 0). */
function result(cell: ExcelJS.Cell): unknown {
  const model = cell.model as { formula?: string; result?: unknown; value?: unknown };
  return model.formula !== undefined ? model.result : cell.value;
}

describe("exportPlanXlsx", () => {
  let workbook: ExcelJS.Workbook;
  let lines: ExcelJS.Worksheet;
  let keys: Map<string, number>;

  beforeAll(async () => {
    workbook = await open(await exportPlanXlsx(snapshot, catalog, "en"));
    lines = sheetOf(workbook, "Line items");
    keys = keyColumns(lines);
  });

  it("has the five sheets a planner expects, and hides the lists behind the drop-downs", () => {
    expect(workbook.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ["Summary", "visible"],
      ["Line items", "visible"],
      ["Flighting", "visible"],
      ["Measurement plan", "visible"],
      ["Legend", "visible"],
      ["Lists", "hidden"],
    ]);
  });

  it("keys every line column in a hidden first row, with headers people read below it", () => {
    expect(lines.getRow(1).hidden).toBe(true);
    expect([...keys.keys()]).toEqual(LINE_COLUMNS.filter((c) => c.inXlsx).map((c) => c.key));
    expect(lines.getRow(2).getCell(keys.get("budget_cny")!).value).toBe("Budget (CNY)");
    expect(lines.getRow(2).getCell(keys.get("budget_reporting")!).value).toBe("Budget (EUR)");
    expect(lines.getRow(2).font?.bold ?? lines.getRow(2).getCell(1).font?.bold).toBe(true);
  });

  it("freezes the header rows and the name columns, filters the table, and sizes the columns", () => {
    expect(lines.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 2 });
    expect(lines.autoFilter).toBe(`A2:${lines.getColumn(keys.size).letter}${snapshot.lines.length + 2}`);
    expect(lines.getColumn(keys.get("name")!).width).toBe(34);
    expect(lines.getColumn(keys.get("data_level_explanation")!).width).toBe(60);
  });

  it("writes real numbers with CNY formats, real dates, and every line in plan order", () => {
    snapshot.lines.forEach((line, i) => {
      const row = lines.getRow(3 + i);
      const budget = row.getCell(keys.get("budget_cny")!);
      expect(budget.value).toBe(line.budgetFen / 100);
      expect(budget.numFmt).toBe("[$¥-804]#,##0.00");
      const start = row.getCell(keys.get("start_date")!);
      expect(start.value).toEqual(new Date(`${line.startDate}T00:00:00.000Z`));
      expect(start.numFmt).toBe("yyyy-mm-dd");
      expect(row.getCell(keys.get("position")!).value).toBe(line.position + 1);
      expect(row.getCell(keys.get("line_id")!).value).toBe(line.id);
      expect(row.getCell(keys.get("version")!).value).toBe(line.version);
    });
    const first = derived.lines[0]!;
    const row = lines.getRow(3);
    expect(row.getCell(keys.get("placement")!).value).toBe(first.placement!.nameEn);
    expect(row.getCell(keys.get("data_level")!).value).toBe(first.effectiveLevel.charAt(0).toUpperCase() + first.effectiveLevel.slice(1));
    expect(row.getCell(keys.get("data_level_explanation")!).value).toBe(first.levelExplanation);
    expect(row.getCell(keys.get("est_impressions")!).value).toBe(first.estimate!.impressions);
  });

  it("writes formulas with cached results, so viewers that do not recalculate still show them", () => {
    snapshot.lines.forEach((line, i) => {
      const row = lines.getRow(3 + i);
      const reporting = row.getCell(keys.get("budget_reporting")!).value as ExcelJS.CellFormulaValue;
      expect(reporting.formula).toBe(`ROUND(${lines.getColumn(keys.get("budget_cny")!).letter}${3 + i}/fx_rate,2)`);
      expect(reporting.result).toBe(convertFen(line.budgetFen, snapshot.campaign.fxRate) / 100);
      const days = row.getCell(keys.get("days")!).value as ExcelJS.CellFormulaValue;
      expect(days.result).toBe(derived.lines[i]!.days);
    });
  });

  it("puts drop-downs on the enumerated columns, over the lines and spare rows, from named lists", () => {
    const list = (key: string, row: number) => lines.getCell(row, keys.get(key)!).dataValidation;
    for (const [key, name] of [
      ["placement", "list_placement"],
      ["destination", "list_destination"],
      ["buying_model", "list_buying_model"],
      ["kpi", "list_kpi"],
      ["flighting_mode", "list_flighting_mode"],
      ["measurement_owner", "list_measurement_owner"],
      ["contract_access", "list_contract_access"],
    ] as const) {
      expect(list(key, 3)).toMatchObject({ type: "list", formulae: [name], showErrorMessage: true });
      expect(list(key, snapshot.lines.length + 2 + 200)).toMatchObject({ type: "list", formulae: [name] });
    }
    expect(list("budget_cny", 3)).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual" });
    const names = workbook.definedNames.model.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(["fx_rate", "list_placement", "list_kpi", "list_destination"]));
    const placements = workbook.definedNames.model.find((n) => n.name === "list_placement")!.ranges[0]!;
    expect(placements).toBe(`Lists!$B$2:$B$${catalog.placements.length + 1}`);
    const listSheet = sheetOf(workbook, "Lists");
    expect(listSheet.getCell("B2").value).toBe(catalog.placements[0]!.nameEn);
  });

  it("totals on the Summary are live formulas whose cached results match the lines", () => {
    const summary = sheetOf(workbook, "Summary");
    const rowOf = (key: string) => {
      let found = 0;
      summary.eachRow((row, n) => {
        if (row.getCell(1).value === key && !found) found = n;
      });
      return summary.getRow(found);
    };
    expect(summary.getColumn(1).hidden).toBe(true);
    const allocated = rowOf("total.allocated").getCell(3).value as ExcelJS.CellFormulaValue;
    // Over the lines and the 200 spare rows below them, so lines added in the file count too.
    expect(allocated.formula).toBe(`SUM('Line items'!$H$3:$H$${snapshot.lines.length + 2 + 200})`);
    expect(allocated.result).toBeCloseTo(derived.summary.allocatedFen / 100, 6);
    expect(rowOf("campaign.budget_cny").getCell(3).value).toBe(snapshot.campaign.budgetFen / 100);
    expect(rowOf("campaign.fxRate").getCell(3).value).toBe(7.8);
    expect(workbook.definedNames.model.find((n) => n.name === "fx_rate")!.ranges).toEqual([`Summary!$C$${rowOf("campaign.fxRate").number}`]);
    expect(result(rowOf("total.lines").getCell(3))).toBe(snapshot.lines.length);
    expect(rowOf("total.coverage").getCell(3).value).toBe(derived.coverage.ratio);
    expect(rowOf("total.coverage").getCell(3).numFmt).toBe("0.0%");

    // Recalculate each SUMIF as a spreadsheet would, from the cells of the Line items sheet.
    const column = (key: string) => snapshot.lines.map((_, i) => lines.getRow(3 + i).getCell(keys.get(key)!).value);
    const budgets = column("budget_cny") as number[];
    let checked = 0;
    summary.eachRow((row) => {
      const key = String(row.getCell(1).value);
      if (key !== "section.by_ecosystem.row" && key !== "section.by_level.row") return;
      const criteria = column(key === "section.by_ecosystem.row" ? "ecosystem" : "data_level");
      const label = row.getCell(2).value;
      const expected = budgets.reduce((sum, budget, i) => (criteria[i] === label ? sum + budget : sum), 0);
      const cell = row.getCell(3).value as ExcelJS.CellFormulaValue;
      expect(cell.formula).toMatch(/^SUMIF\(/);
      expect(cell.result as number).toBeCloseTo(expected, 6);
      expect(result(row.getCell(6))).toBe(criteria.filter((c) => c === label).length);
      checked++;
    });
    expect(checked).toBe(9 + 3);
  });

  it("lays out flighting as lines × ISO weeks, custom amounts as typed, each row adding up", () => {
    const flighting = sheetOf(workbook, "Flighting");
    const flightKeys = keyColumns(flighting);
    expect(flighting.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const weeks = [...flightKeys.keys()].filter((k) => /^\d{4}-W\d{2}$/.test(k));
    expect(weeks[0]).toBe("2026-W10");
    expect(flighting.getRow(2).getCell(flightKeys.get("2026-W10")!).value).toBe("2026-W10\n2026-03-02");
    snapshot.lines.forEach((line, i) => {
      const row = flighting.getRow(3 + i);
      expect(row.getCell(flightKeys.get("flight.line_id")!).value).toBe(line.id);
      const amounts = weeks.map((week) => row.getCell(flightKeys.get(week)!).value as number | null);
      const typedFen = Math.round(amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0) * 100);
      expect(typedFen).toBe(line.budgetFen);
      if (line.flightingMode === "custom") {
        for (const [week, fen] of Object.entries(line.customFlightingFen!)) expect(amounts[weeks.indexOf(week)]).toBe(fen / 100);
      }
      expect(result(row.getCell(flightKeys.get("flight.check")!))).toBeCloseTo(0, 6);
    });
    const totals = flighting.getRow(3 + snapshot.lines.length);
    expect(totals.getCell(1).value).toBe("Total");
    expect(result(totals.getCell(flightKeys.get("flight.total")!)) as number).toBeCloseTo(derived.summary.allocatedFen / 100, 4);
  });

  it("writes the measurement plan and the legend of the three levels", () => {
    const measurement = sheetOf(workbook, "Measurement plan");
    expect(measurement.rowCount).toBe(2 + derived.measurementRows.length);
    const legend = sheetOf(workbook, "Legend");
    expect([3, 4, 5].map((n) => legend.getRow(n).getCell(1).value)).toEqual(["Individual", "Transactional", "Aggregated"]);
    expect(String(legend.getRow(3).getCell(3).value)).toContain("WeChat mini program");
  });

  it("speaks Chinese for a Chinese user, with the same keys", async () => {
    const zh = await open(await exportPlanXlsx(snapshot, catalog, "zh"));
    expect(zh.worksheets.map((ws) => ws.name)).toEqual(Object.values(SHEET_NAMES).map((n) => n.zh));
    const zhLines = sheetOf(zh, "投放明细");
    expect([...keyColumns(zhLines).keys()]).toEqual([...keys.keys()]);
    expect(zhLines.getRow(2).getCell(keys.get("placement")!).value).toBe("广告位");
    expect(zhLines.getRow(3).getCell(keys.get("placement")!).value).toBe(derived.lines[0]!.placement!.nameZh);
    const allocated = sheetOf(zh, "摘要").getColumn(3).values.find((v) => typeof v === "object" && v !== null && "formula" in v) as ExcelJS.CellFormulaValue;
    expect(allocated.formula).toContain("'投放明细'!");
  });

  it("streams to a writable and leaves out the reporting column when the plan reports in CNY", async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    const cny = { ...snapshot, campaign: { ...snapshot.campaign, reportingCurrency: "CNY" as const, fxRate: 1 } };
    await exportPlanXlsx(cny, catalog, "en", { stream });
    const streamed = await open(Buffer.concat(chunks));
    expect(keyColumns(sheetOf(streamed, "Line items")).has("budget_reporting")).toBe(false);
  });
});
