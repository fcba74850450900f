// The Summary sheet: the campaign's facts (keyed in a hidden first column, read back on import),
// totals and budget by ecosystem and by data level as live formulas over the Line items sheet.
import type ExcelJS from "exceljs";
import { convertFen } from "../../../domain/money";
import { CAMPAIGN_FACT_LABELS, SHEET_MARKERS, type CampaignFactKey, type LineColumnKey } from "../../../domain/spreadsheet-columns";
import type { ListId, SheetText } from "../../../domain/spreadsheet-lists";
import { SUMMARY_TEXT } from "../../../domain/spreadsheet-text";
import { label, lineRange, type Context } from "./context.server";
import { addSheet, dateValue, formula, listName, quoteSheet, writeRow, yuan, type CellInput, type StreamSheet, type Workbook } from "./rows.server";

/** Appends rows to the Summary and knows their numbers (the formulas refer to them). */
type SummaryRows = {
  context: Context;
  sheet: StreamSheet;
  /** Adds a row keyed in the hidden first column; returns its number. */
  add: (key: string | null, cells: (CellInput | null)[], options?: { height?: number }) => number;
  /** The number the next row will have. */
  next: () => number;
  /** The amount of row `row`'s column C in the reporting currency, when the campaign reports in one. */
  reporting: (row: number, fen: number) => CellInput | null;
};

/** Writes the Summary; returns the address of the exchange rate cell, which formulas elsewhere name fx_rate. */
export function writeSummary(workbook: Workbook, context: Context): string {
  const sheet = addSheet(workbook, context.names.summary, { views: [{ showGridLines: false }] });
  sheet.columns = [{ key: "key", width: 4, hidden: true }, { key: "label", width: 46 }, { key: "value", width: 24 }, { key: "reporting", width: 20 }, { key: "share", width: 10 }, { key: "count", width: 8 }];
  const rows = summaryRows(context, sheet);
  const { campaign } = context.plan.snapshot;
  rows.add(SHEET_MARKERS.summary, [{ value: context.t(SUMMARY_TEXT.title), style: context.styles.title }, { value: campaign.name, style: context.styles.title }], { height: 22 });
  rows.add(null, []);
  const facts = writeFacts(rows);
  rows.add(null, []);
  const allocatedRow = writeTotals(rows, facts.get("campaign.budget_cny")!);
  writeBudgetSlices(rows, allocatedRow);
  rows.add(null, []);
  rows.add("note.indicative", [{ value: context.t(SUMMARY_TEXT.indicative), style: context.styles.wrap }]);
  addFactValidations(sheet, facts);
  sheet.commit();
  return `${quoteSheet(context.names.summary)}!$C$${facts.get("campaign.fxRate")}`;
}

function summaryRows(context: Context, sheet: StreamSheet): SummaryRows {
  const { styles, plan, layout } = context;
  let rowNumber = 0;
  return {
    context,
    sheet,
    add: (key, cells, options = {}) => {
      writeRow(sheet, [key === null ? null : { value: key, style: styles.key }, ...cells], options);
      return ++rowNumber;
    },
    next: () => rowNumber + 1,
    reporting: (row, fen) =>
      layout.hasReporting ? formula(`ROUND(C${row}/fx_rate,2)`, convertFen(fen, plan.snapshot.campaign.fxRate) / 100, styles.reporting) : null,
  };
}

/** A section heading: its title, then "CNY" and the reporting currency over the amount columns. */
function section(rows: SummaryRows, key: string, title: SheetText, extra: (CellInput | null)[] = []): void {
  const { styles, layout, plan, t } = rows.context;
  const heading = (value: string): CellInput => ({ value, style: styles.section });
  const reporting = layout.hasReporting ? heading(plan.snapshot.campaign.reportingCurrency) : extra.length ? heading("") : null;
  rows.add(key, [heading(t(title)), heading("CNY"), reporting, ...extra]);
}

/** The campaign's facts, one per row; returns the row of each. */
function writeFacts(rows: SummaryRows): Map<CampaignFactKey, number> {
  const { context } = rows;
  const { styles, plan, t } = context;
  const { campaign } = plan.snapshot;
  section(rows, "section.facts", SUMMARY_TEXT.facts);
  const factRows = new Map<CampaignFactKey, number>();
  const fact = (key: CampaignFactKey, value: CellInput, extra: CellInput | null = null) => {
    factRows.set(key, rows.add(key, [{ value: t(CAMPAIGN_FACT_LABELS[key]) }, value, extra]));
  };
  fact("campaign.name", { value: campaign.name });
  fact("campaign.clientName", { value: campaign.clientName });
  fact("campaign.objective", { value: label(context, "objective", campaign.objective) });
  fact("campaign.status", { value: label(context, "status", campaign.status) });
  fact("campaign.startDate", { value: dateValue(campaign.startDate), style: styles.date });
  fact("campaign.endDate", { value: dateValue(campaign.endDate), style: styles.date });
  fact("campaign.budget_cny", { value: yuan(campaign.budgetFen), style: styles.cny }, rows.reporting(rows.next(), campaign.budgetFen));
  fact("campaign.reportingCurrency", { value: campaign.reportingCurrency });
  fact("campaign.fxRate", { value: campaign.fxRate, style: styles.fx });
  fact("campaign.notes", { value: campaign.notes, style: styles.wrap });
  fact("campaign.id", { value: campaign.id, style: styles.id });
  fact("campaign.version", { value: campaign.version, style: styles.id });
  rows.add("catalog.version", [{ value: t(SUMMARY_TEXT.catalogVersion) }, { value: plan.snapshot.catalogVersion, style: styles.id }]);
  return factRows;
}

/** Allocated, difference to the campaign budget, line count, coverage; returns the row of the allocated total. */
function writeTotals(rows: SummaryRows, budgetRow: number): number {
  const { context } = rows;
  const { styles, plan, t } = context;
  const { summary } = plan;
  section(rows, "section.totals", SUMMARY_TEXT.totals);
  const allocated = formula(`SUM(${lineRange(context, "budget_cny")})`, yuan(summary.allocatedFen), styles.cny);
  const allocatedRow = rows.add("total.allocated", [{ value: t(SUMMARY_TEXT.allocated) }, allocated, rows.reporting(rows.next(), summary.allocatedFen)]);
  const difference = formula(`C${allocatedRow}-C${budgetRow}`, yuan(summary.allocatedFen) - yuan(plan.snapshot.campaign.budgetFen), styles.cny);
  rows.add("total.difference", [{ value: t(SUMMARY_TEXT.difference) }, difference, rows.reporting(rows.next(), summary.differenceFen)]);
  const lineCount = formula(`COUNTA(${lineRange(context, "placement")})`, summary.lineCount, styles.count);
  rows.add("total.lines", [{ value: t(SUMMARY_TEXT.lineCount) }, lineCount]);
  rows.add("total.coverage", [{ value: t(SUMMARY_TEXT.coverage) }, { value: plan.coverage.ratio, style: styles.percent }]);
  rows.add("total.without_kpi", [{ value: t(SUMMARY_TEXT.withoutKpi) }, { value: yuan(plan.budgetWithoutKpiFen), style: styles.cny }]);
  return allocatedRow;
}

type Slice = { label: string; budgetFen: number; share: number; lineCount: number; style?: Partial<ExcelJS.Style> };

/** Budget by ecosystem and by data level: SUMIF over the lines, so edits in the file show here. */
function writeBudgetSlices(rows: SummaryRows, allocatedRow: number): void {
  const { context } = rows;
  const { summary } = context.plan;
  const byEcosystem = summary.byEcosystem.map((slice) => ({ ...slice, label: label(context, "ecosystem", slice.key) }));
  const byLevel = summary.byDataLevel.map((slice) => ({ ...slice, label: label(context, "data_level", slice.key), style: context.styles.level[slice.key] }));
  writeSlices(rows, allocatedRow, { key: "section.by_ecosystem", title: SUMMARY_TEXT.byEcosystem, column: "ecosystem" }, byEcosystem);
  writeSlices(rows, allocatedRow, { key: "section.by_level", title: SUMMARY_TEXT.byLevel, column: "data_level" }, byLevel);
}

function writeSlices(rows: SummaryRows, allocatedRow: number, of: { key: string; title: SheetText; column: LineColumnKey }, slices: Slice[]): void {
  const { context } = rows;
  const { styles, t } = context;
  rows.add(null, []);
  section(rows, of.key, of.title, [{ value: t(SUMMARY_TEXT.share), style: styles.section }, { value: t(SUMMARY_TEXT.lines), style: styles.section }]);
  const criteria = lineRange(context, of.column);
  const budgets = lineRange(context, "budget_cny");
  const first = rows.next();
  for (const slice of slices) {
    const row = rows.next();
    rows.add(`${of.key}.row`, [
      { value: slice.label, style: slice.style },
      formula(`SUMIF(${criteria},B${row},${budgets})`, yuan(slice.budgetFen), styles.cny),
      rows.reporting(row, slice.budgetFen),
      formula(`IF(C$${allocatedRow}=0,0,C${row}/C$${allocatedRow})`, slice.share, styles.percent),
      formula(`COUNTIF(${criteria},B${row})`, slice.lineCount, styles.count),
    ]);
  }
  const last = rows.next() - 1;
  const totalFen = slices.reduce((sum, slice) => sum + slice.budgetFen, 0);
  const total = formula(slices.length ? `SUM(C${first}:C${last})` : "0", yuan(totalFen), styles.cnyTotal);
  rows.add(`${of.key}.total`, [{ value: t(SUMMARY_TEXT.total), style: styles.totalLabel }, total, rows.reporting(rows.next(), totalFen)]);
}

/** Drop-downs on the enumerated campaign facts; the budget and the exchange rate must be numbers. */
function addFactValidations(sheet: StreamSheet, facts: Map<CampaignFactKey, number>): void {
  const lists: [CampaignFactKey, ListId][] = [["campaign.objective", "objective"], ["campaign.status", "status"], ["campaign.reportingCurrency", "reporting_currency"]];
  for (const [key, list] of lists) {
    sheet.dataValidations.add(`C${facts.get(key)}`, { type: "list", allowBlank: false, formulae: [listName(list)], showErrorMessage: true });
  }
  sheet.dataValidations.add(`C${facts.get("campaign.budget_cny")}`, { type: "decimal", operator: "greaterThanOrEqual", formulae: [0], showErrorMessage: true, allowBlank: false });
  sheet.dataValidations.add(`C${facts.get("campaign.fxRate")}`, { type: "decimal", operator: "greaterThan", formulae: [0], showErrorMessage: true, allowBlank: false });
}
