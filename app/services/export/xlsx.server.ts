// The plan as a workbook a planner is happy to forward (issue 7, "Export"): Summary, Line items,
// Flighting, Measurement plan and Legend, plus a hidden Lists sheet behind the drop-downs. Real
// numbers with CNY formats (reporting currency beside), real dates, frozen headers, filters, totals
// as live formulas with cached results, and a hidden key row so the headers can be in any language.
// Written with exceljs's streaming WorkbookWriter, row by row: 10,000 lines never sit in memory as
// a workbook.
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Locale } from "../../domain/catalog";
import { DESTINATIONS } from "../../domain/catalog";
import type { DataLevel } from "../../domain/data-level";
import { isIsoDate, isoWeekStart, weeksInRange } from "../../domain/dates";
import { convertFen, fenToYuanString } from "../../domain/money";
import type { PlanSnapshot } from "../../domain/plan";
import { derivePlan, type DerivedLine, type DerivedPlan, type PlanCatalog } from "../../domain/plan-derive";
import {
  CAMPAIGN_FACT_LABELS,
  FLIGHTING_TEXT,
  LEGEND_TEXT,
  LEVEL_LABELS,
  LEVEL_LEGEND,
  LINE_COLUMNS,
  LIST_IDS,
  MEASUREMENT_COLUMNS,
  SHEET_MARKERS,
  SHEET_NAMES,
  SUMMARY_TEXT,
  YES_NO,
  labelMap,
  lineColumnHeader,
  listOptions,
  type CampaignFactKey,
  type LineColumn,
  type LineColumnKey,
  type ListId,
} from "../../domain/spreadsheet-columns";

export type XlsxExportOptions = { stream?: Writable };

/** Rows below the lines that still get drop-downs, for lines a planner adds in the file. */
const SPARE_ROWS = 200;
const HEADER_ROW = 2;
const FIRST_DATA_ROW = 3;

// --- Styles: shared objects, so exceljs computes each style id once (it caches by identity). ---

const CNY_FORMAT = '[$¥-804]#,##0.00';
const DATE_FORMAT = "yyyy-mm-dd";
const COUNT_FORMAT = "#,##0";
const RATIO_FORMAT = "0.00%";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F2937" } };
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF3F4F6" } };
const LEVEL_FILLS: Record<DataLevel, ExcelJS.Fill> = {
  individual: { type: "pattern", pattern: "solid", fgColor: { argb: "FFD1FAE5" } },
  transactional: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDBEAFE" } },
  aggregated: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE5E7EB" } },
};
const THIN_BOTTOM: Partial<ExcelJS.Borders> = { bottom: { style: "thin", color: { argb: "FF9CA3AF" } } };

const REPORTING_SYMBOLS: Record<string, { prefix: string; decimals: number }> = {
  CNY: { prefix: "[$¥-804]", decimals: 2 },
  EUR: { prefix: '"€"', decimals: 2 },
  USD: { prefix: '"$"', decimals: 2 },
  GBP: { prefix: '"£"', decimals: 2 },
  CHF: { prefix: '"CHF "', decimals: 2 },
  JPY: { prefix: '"JP¥"', decimals: 0 },
  KRW: { prefix: '"₩"', decimals: 0 },
  SGD: { prefix: '"S$"', decimals: 2 },
  HKD: { prefix: '"HK$"', decimals: 2 },
  AUD: { prefix: '"A$"', decimals: 2 },
};

function reportingFormat(currency: string): string {
  const symbol = REPORTING_SYMBOLS[currency] ?? { prefix: `"${currency} "`, decimals: 2 };
  return `${symbol.prefix}#,##0${symbol.decimals > 0 ? `.${"0".repeat(symbol.decimals)}` : ""}`;
}

type Styles = ReturnType<typeof makeStyles>;

function makeStyles(reportingCurrency: string) {
  const plain: Partial<ExcelJS.Style> = {};
  return {
    plain,
    key: { font: { color: { argb: "FF9CA3AF" }, size: 8 } } as Partial<ExcelJS.Style>,
    header: {
      font: { bold: true, color: { argb: "FFFFFFFF" } },
      fill: HEADER_FILL,
      alignment: { vertical: "middle", wrapText: true },
    } as Partial<ExcelJS.Style>,
    title: { font: { bold: true, size: 14 } } as Partial<ExcelJS.Style>,
    section: { font: { bold: true, size: 12 }, border: THIN_BOTTOM } as Partial<ExcelJS.Style>,
    bold: { font: { bold: true } } as Partial<ExcelJS.Style>,
    cny: { numFmt: CNY_FORMAT } as Partial<ExcelJS.Style>,
    cnyTotal: { numFmt: CNY_FORMAT, font: { bold: true }, fill: TOTAL_FILL } as Partial<ExcelJS.Style>,
    reporting: { numFmt: reportingFormat(reportingCurrency) } as Partial<ExcelJS.Style>,
    date: { numFmt: DATE_FORMAT, alignment: { horizontal: "left" } } as Partial<ExcelJS.Style>,
    count: { numFmt: COUNT_FORMAT } as Partial<ExcelJS.Style>,
    integer: { numFmt: "0" } as Partial<ExcelJS.Style>,
    ratio: { numFmt: RATIO_FORMAT } as Partial<ExcelJS.Style>,
    percent: { numFmt: "0.0%" } as Partial<ExcelJS.Style>,
    multiple: { numFmt: '0.00"×"' } as Partial<ExcelJS.Style>,
    decimal: { numFmt: "0.00" } as Partial<ExcelJS.Style>,
    fx: { numFmt: "0.0000##" } as Partial<ExcelJS.Style>,
    wrap: { alignment: { wrapText: true, vertical: "top" } } as Partial<ExcelJS.Style>,
    id: { font: { color: { argb: "FF6B7280" }, size: 9 } } as Partial<ExcelJS.Style>,
    totalLabel: { font: { bold: true }, fill: TOTAL_FILL } as Partial<ExcelJS.Style>,
    level: Object.fromEntries(Object.entries(LEVEL_FILLS).map(([level, fill]) => [level, { fill }])) as Record<DataLevel, Partial<ExcelJS.Style>>,
  };
}

// --- Small helpers -----------------------------------------------------------------------------

function yuan(fen: number): number {
  return Number(fenToYuanString(fen));
}

function dateValue(iso: string): Date | string {
  if (!isIsoDate(iso)) return iso;
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

export function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The streaming writer's worksheet: exceljs's types omit its data validations and auto-filter option. */
type StreamSheet = ExcelJS.Worksheet & { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };
type SheetOptions = Partial<ExcelJS.AddWorksheetOptions> & { autoFilter?: string };

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, options: SheetOptions): StreamSheet {
  return workbook.addWorksheet(name, options as Partial<ExcelJS.AddWorksheetOptions>) as StreamSheet;
}

type CellInput = { value: ExcelJS.CellValue; style?: Partial<ExcelJS.Style> };

/** The style of unstyled cells: one shared object (a fresh {} per cell would cost a style lookup each). */
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/** Adds a row of cells (value + shared style) and commits it: the streaming writer flushes it. */
function writeRow(sheet: ExcelJS.Worksheet, cells: readonly (CellInput | null)[], options: { hidden?: boolean; height?: number } = {}): void {
  const row = sheet.addRow([]);
  // Rows get a style id too: a shared object lets exceljs look it up once, not once per row.
  (row as unknown as { style: Partial<ExcelJS.Style> }).style = PLAIN_STYLE;
  cells.forEach((cell, index) => {
    if (!cell) return;
    const target = row.getCell(index + 1);
    target.style = cell.style ?? PLAIN_STYLE;
    target.value = cell.value;
  });
  if (options.hidden) row.hidden = true;
  if (options.height) row.height = options.height;
  row.commit();
}

/** Rows written between yields to the event loop: lets the zip drain (memory stays flat) and other requests run. */
const ROWS_PER_YIELD = 250;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function listName(list: ListId): string {
  return `list_${list}`;
}

// --- Layout of the line items sheet --------------------------------------------------------------

type Layout = {
  columns: LineColumn[];
  /** 1-based column number of each key on the Line items sheet. */
  index: Map<LineColumnKey, number>;
  lastRow: number;
  /** Last row that gets drop-downs (lines + spare rows). */
  validationRow: number;
  hasReporting: boolean;
};

function lineLayout(plan: DerivedPlan): Layout {
  const hasReporting = plan.snapshot.campaign.reportingCurrency !== "CNY";
  const columns = LINE_COLUMNS.filter((c) => c.inXlsx && (c.key !== "budget_reporting" || hasReporting));
  const index = new Map(columns.map((c, i) => [c.key, i + 1]));
  const lastRow = FIRST_DATA_ROW + plan.lines.length - 1;
  return { columns, index, lastRow, validationRow: Math.max(lastRow, FIRST_DATA_ROW) + SPARE_ROWS, hasReporting };
}

/**
 * "'Line items'!$H$3:$H$312": a column of the lines and the spare rows below them, for the
 * Summary's formulas, so a line a planner adds in the file is counted in the totals too.
 */
function lineRange(layout: Layout, linesSheet: string, key: LineColumnKey): string {
  const letter = columnLetter(layout.index.get(key)!);
  return `${quoteSheet(linesSheet)}!$${letter}$${FIRST_DATA_ROW}:$${letter}$${layout.validationRow}`;
}

// --- Sheets --------------------------------------------------------------------------------------

type Context = {
  plan: DerivedPlan;
  catalog: PlanCatalog;
  locale: Locale;
  styles: Styles;
  layout: Layout;
  names: Record<keyof typeof SHEET_NAMES, string>;
  labels: Record<ListId, ReadonlyMap<string, string>>;
  fxCell: string;
};

function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, context: Context): void {
  const { plan, locale, styles, layout, names, labels } = context;
  const { campaign } = plan.snapshot;
  const t = (text: { en: string; zh: string }) => text[locale];
  const sheet = addSheet(workbook, names.summary, { views: [{ showGridLines: false }] });
  sheet.columns = [
    { key: "key", width: 4, hidden: true },
    { key: "label", width: 46 },
    { key: "value", width: 24 },
    { key: "reporting", width: 20 },
    { key: "share", width: 10 },
    { key: "count", width: 8 },
  ];
  const currency = campaign.reportingCurrency;
  const hasReporting = layout.hasReporting;
  let rowNumber = 0;
  const add = (cells: (CellInput | null)[], options: { hidden?: boolean; height?: number } = {}) => {
    writeRow(sheet, cells, options);
    rowNumber++;
    return rowNumber;
  };
  const key = (value: string): CellInput => ({ value, style: styles.key });
  const reportingFormula = (row: number, fen: number): CellInput | null =>
    hasReporting ? { value: { formula: `ROUND(C${row}/fx_rate,2)`, result: convertFen(fen, campaign.fxRate) / 100 }, style: styles.reporting } : null;

  add([key(SHEET_MARKERS.summary), { value: t(SUMMARY_TEXT.title), style: styles.title }, { value: campaign.name, style: styles.title }], { height: 22 });
  add([]);
  add([key("section.facts"), { value: t(SUMMARY_TEXT.facts), style: styles.section }, { value: "CNY", style: styles.section }, hasReporting ? { value: currency, style: styles.section } : null]);

  const factRows = new Map<CampaignFactKey, number>();
  const fact = (factKey: CampaignFactKey, value: CellInput, extra: CellInput | null = null) => {
    const row = add([key(factKey), { value: t(CAMPAIGN_FACT_LABELS[factKey]) }, value, extra]);
    factRows.set(factKey, row);
    return row;
  };
  fact("campaign.name", { value: campaign.name });
  fact("campaign.clientName", { value: campaign.clientName });
  fact("campaign.objective", { value: labels.objective.get(campaign.objective) ?? campaign.objective });
  fact("campaign.status", { value: labels.status.get(campaign.status) ?? campaign.status });
  fact("campaign.startDate", { value: dateValue(campaign.startDate), style: styles.date });
  fact("campaign.endDate", { value: dateValue(campaign.endDate), style: styles.date });
  const budgetRow = rowNumber + 1;
  fact("campaign.budget_cny", { value: yuan(campaign.budgetFen), style: styles.cny }, reportingFormula(budgetRow, campaign.budgetFen));
  fact("campaign.reportingCurrency", { value: currency });
  const fxRow = fact("campaign.fxRate", { value: campaign.fxRate, style: styles.fx });
  fact("campaign.notes", { value: campaign.notes, style: styles.wrap });
  fact("campaign.id", { value: campaign.id, style: styles.id });
  fact("campaign.version", { value: campaign.version, style: styles.id });
  add([key("catalog.version"), { value: t(SUMMARY_TEXT.catalogVersion) }, { value: plan.snapshot.catalogVersion, style: styles.id }]);
  context.fxCell = `${quoteSheet(names.summary)}!$C$${fxRow}`;

  add([]);
  const { summary, coverage } = plan;
  add([key("section.totals"), { value: t(SUMMARY_TEXT.totals), style: styles.section }, { value: "CNY", style: styles.section }, hasReporting ? { value: currency, style: styles.section } : null]);
  const budgetRange = lineRange(layout, names.lines, "budget_cny");
  const allocatedRow = rowNumber + 1;
  add([
    key("total.allocated"),
    { value: t(SUMMARY_TEXT.allocated) },
    { value: { formula: `SUM(${budgetRange})`, result: yuan(summary.allocatedFen) }, style: styles.cny },
    reportingFormula(allocatedRow, summary.allocatedFen),
  ]);
  const differenceRow = rowNumber + 1;
  add([
    key("total.difference"),
    { value: t(SUMMARY_TEXT.difference) },
    { value: { formula: `C${allocatedRow}-C${budgetRow}`, result: yuan(summary.allocatedFen) - yuan(campaign.budgetFen) }, style: styles.cny },
    reportingFormula(differenceRow, summary.differenceFen),
  ]);
  add([
    key("total.lines"),
    { value: t(SUMMARY_TEXT.lineCount) },
    { value: { formula: `COUNTA(${lineRange(layout, names.lines, "placement")})`, result: summary.lineCount }, style: styles.count },
  ]);
  add([key("total.coverage"), { value: t(SUMMARY_TEXT.coverage) }, { value: coverage.ratio, style: styles.percent }]);
  add([key("total.without_kpi"), { value: t(SUMMARY_TEXT.withoutKpi) }, { value: yuan(plan.budgetWithoutKpiFen), style: styles.cny }]);

  // Budget by ecosystem and by data level: SUMIF over the lines, so edits in the file show here.
  const slices = (
    sectionKey: string,
    title: { en: string; zh: string },
    column: LineColumnKey,
    rows: { label: string; budgetFen: number; share: number; lineCount: number; style?: Partial<ExcelJS.Style> }[],
  ) => {
    add([]);
    add([
      key(sectionKey),
      { value: t(title), style: styles.section },
      { value: "CNY", style: styles.section },
      hasReporting ? { value: currency, style: styles.section } : { value: "", style: styles.section },
      { value: t(SUMMARY_TEXT.share), style: styles.section },
      { value: t(SUMMARY_TEXT.lines), style: styles.section },
    ]);
    const criteria = lineRange(layout, names.lines, column);
    const first = rowNumber + 1;
    for (const slice of rows) {
      const row = rowNumber + 1;
      add([
        key(`${sectionKey}.row`),
        { value: slice.label, style: slice.style },
        { value: { formula: `SUMIF(${criteria},B${row},${budgetRange})`, result: yuan(slice.budgetFen) }, style: styles.cny },
        reportingFormula(row, slice.budgetFen),
        { value: { formula: `IF(C$${allocatedRow}=0,0,C${row}/C$${allocatedRow})`, result: slice.share }, style: styles.percent },
        { value: { formula: `COUNTIF(${criteria},B${row})`, result: slice.lineCount }, style: styles.count },
      ]);
    }
    const last = rowNumber;
    const totalFen = rows.reduce((sum, slice) => sum + slice.budgetFen, 0);
    const totalRow = rowNumber + 1;
    add([
      key(`${sectionKey}.total`),
      { value: t(SUMMARY_TEXT.total), style: styles.totalLabel },
      { value: { formula: rows.length ? `SUM(C${first}:C${last})` : "0", result: yuan(totalFen) }, style: styles.cnyTotal },
      hasReporting ? { value: { formula: `ROUND(C${totalRow}/fx_rate,2)`, result: convertFen(totalFen, campaign.fxRate) / 100 }, style: styles.reporting } : null,
    ]);
  };
  slices(
    "section.by_ecosystem",
    SUMMARY_TEXT.byEcosystem,
    "ecosystem",
    summary.byEcosystem.map((slice) => ({ ...slice, label: labels.ecosystem.get(slice.key) ?? slice.key })),
  );
  slices(
    "section.by_level",
    SUMMARY_TEXT.byLevel,
    "data_level",
    summary.byDataLevel.map((slice) => ({ ...slice, label: labels.data_level.get(slice.key) ?? slice.key, style: styles.level[slice.key] })),
  );
  add([]);
  add([key("note.indicative"), { value: t(SUMMARY_TEXT.indicative), style: styles.wrap }]);

  // Drop-downs on the enumerated campaign facts.
  const validate = (factKey: CampaignFactKey, list: ListId) => {
    sheet.dataValidations.add(`C${factRows.get(factKey)}`, { type: "list", allowBlank: false, formulae: [listName(list)], showErrorMessage: true });
  };
  validate("campaign.objective", "objective");
  validate("campaign.status", "status");
  validate("campaign.reportingCurrency", "reporting_currency");
  sheet.dataValidations.add(`C${budgetRow}`, { type: "decimal", operator: "greaterThanOrEqual", formulae: [0], showErrorMessage: true, allowBlank: false });
  sheet.dataValidations.add(`C${fxRow}`, { type: "decimal", operator: "greaterThan", formulae: [0], showErrorMessage: true, allowBlank: false });
  sheet.commit();
}

function kpiTargetCell(derived: DerivedLine, styles: Styles): CellInput | null {
  const { line, kpi } = derived;
  if (line.kpiTarget === null) return null;
  switch (kpi?.unit) {
    case "fen":
      return { value: yuan(line.kpiTarget), style: styles.cny };
    case "ratio":
      return { value: line.kpiTarget, style: styles.ratio };
    case "count":
      return { value: line.kpiTarget, style: styles.count };
    case "multiple":
      return { value: line.kpiTarget, style: styles.multiple };
    default:
      return { value: line.kpiTarget, style: styles.decimal };
  }
}

function lineCells(derived: DerivedLine, row: number, context: Context): (CellInput | null)[] {
  const { styles, layout, labels, plan } = context;
  const { line, estimate } = derived;
  const letter = (key: LineColumnKey) => columnLetter(layout.index.get(key)!);
  const ecosystemId = derived.placement?.ecosystemId ?? line.ecosystemId;
  const values: Record<LineColumnKey, CellInput | null> = {
    position: { value: line.position + 1, style: styles.integer },
    name: { value: line.name },
    ecosystem: { value: labels.ecosystem.get(ecosystemId) ?? ecosystemId },
    placement: { value: labels.placement.get(line.placementId) ?? line.placementId },
    destination: { value: labels.destination.get(line.destinationId) ?? line.destinationId },
    buying_model: { value: labels.buying_model.get(line.buyingModel) ?? line.buyingModel },
    unit_cost_cny: line.unitCostFen === null ? null : { value: yuan(line.unitCostFen), style: styles.cny },
    budget_cny: { value: yuan(line.budgetFen), style: styles.cny },
    budget_reporting: layout.hasReporting
      ? { value: { formula: `ROUND(${letter("budget_cny")}${row}/fx_rate,2)`, result: convertFen(line.budgetFen, plan.snapshot.campaign.fxRate) / 100 }, style: styles.reporting }
      : null,
    start_date: { value: dateValue(line.startDate), style: styles.date },
    end_date: { value: dateValue(line.endDate), style: styles.date },
    days: { value: { formula: `${letter("end_date")}${row}-${letter("start_date")}${row}+1`, result: derived.days }, style: styles.integer },
    kpi: line.kpiId ? { value: labels.kpi.get(line.kpiId) ?? line.kpiId } : null,
    kpi_target: kpiTargetCell(derived, styles),
    flighting_mode: { value: labels.flighting_mode.get(line.flightingMode) ?? line.flightingMode },
    custom_flighting: null,
    audience_notes: line.audienceNotes ? { value: line.audienceNotes } : null,
    format_notes: line.formatNotes ? { value: line.formatNotes } : null,
    measurement_owner: line.measurement.owner ? { value: labels.measurement_owner.get(line.measurement.owner) ?? line.measurement.owner } : null,
    measurement_method: line.measurement.methodId ? { value: labels.measurement_method.get(line.measurement.methodId) ?? line.measurement.methodId } : null,
    lag_days: line.measurement.lagDays === null ? null : { value: line.measurement.lagDays, style: styles.integer },
    contract_access: { value: labels.contract_access.get(line.measurement.contractAccess) ?? line.measurement.contractAccess },
    binding_rate: line.measurement.bindingRate === null ? null : { value: line.measurement.bindingRate, style: styles.percent },
    data_level: { value: labels.data_level.get(derived.effectiveLevel) ?? derived.effectiveLevel, style: styles.level[derived.effectiveLevel] },
    data_level_explanation: { value: derived.levelExplanation },
    est_impressions: estimate?.impressions == null ? null : { value: estimate.impressions, style: styles.count },
    est_clicks: estimate?.clicks == null ? null : { value: estimate.clicks, style: styles.count },
    est_views: estimate?.views == null ? null : { value: estimate.views, style: styles.count },
    est_conversions: estimate?.conversions == null ? null : { value: estimate.conversions, style: styles.count },
    est_engagements: estimate?.engagements == null ? null : { value: estimate.engagements, style: styles.count },
    line_id: { value: line.id, style: styles.id },
    version: { value: line.version, style: styles.id },
    budget_fen: null,
    unit_cost_fen: null,
  };
  return layout.columns.map((c) => values[c.key]);
}

async function writeLines(workbook: ExcelJS.stream.xlsx.WorkbookWriter, context: Context): Promise<void> {
  const { plan, locale, styles, layout, names } = context;
  const lastColumn = columnLetter(layout.columns.length);
  const sheet = addSheet(workbook, names.lines, {
    views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }],
    autoFilter: `A${HEADER_ROW}:${lastColumn}${Math.max(layout.lastRow, HEADER_ROW)}`,
  });
  sheet.columns = layout.columns.map((c) => ({ key: c.key, width: c.width }));
  const currency = plan.snapshot.campaign.reportingCurrency;
  writeRow(sheet, layout.columns.map((c) => ({ value: c.key, style: styles.key })), { hidden: true });
  writeRow(sheet, layout.columns.map((c) => ({ value: lineColumnHeader(c.key, locale, currency), style: styles.header })), { height: 32 });
  for (const [i, derived] of plan.lines.entries()) {
    writeRow(sheet, lineCells(derived, FIRST_DATA_ROW + i, context));
    if (i % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await yieldToEventLoop();
  }

  // Drop-downs on the enumerated columns, over the lines and spare rows for new ones.
  for (const c of layout.columns) {
    const range = `${columnLetter(layout.index.get(c.key)!)}${FIRST_DATA_ROW}:${columnLetter(layout.index.get(c.key)!)}${layout.validationRow}`;
    if (c.list) {
      sheet.dataValidations.add(range, {
        type: "list",
        allowBlank: true,
        formulae: [listName(c.list)],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: c.header[locale],
        error: locale === "en" ? "Pick a value from the list." : "请从列表中选择。",
      });
    } else if (c.kind === "money") {
      sheet.dataValidations.add(range, { type: "decimal", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0], showErrorMessage: true });
    } else if (c.key === "binding_rate") {
      sheet.dataValidations.add(range, { type: "decimal", operator: "between", allowBlank: true, formulae: [0, 1], showErrorMessage: true });
    } else if (c.key === "lag_days") {
      sheet.dataValidations.add(range, { type: "whole", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0], showErrorMessage: true });
    }
  }
  sheet.commit();
}

function flightingWeeks(plan: DerivedPlan): string[] {
  const weeks = new Set<string>();
  const { campaign } = plan.snapshot;
  if (isIsoDate(campaign.startDate) && isIsoDate(campaign.endDate) && campaign.startDate <= campaign.endDate) {
    for (const slice of weeksInRange(campaign.startDate, campaign.endDate)) weeks.add(slice.week);
  }
  for (const derived of plan.lines) {
    if (derived.flighting.ok) for (const week of derived.flighting.weeks) weeks.add(week.week);
    if (derived.line.flightingMode === "custom") for (const week of Object.keys(derived.line.customFlightingFen ?? {})) weeks.add(week);
  }
  return [...weeks].sort();
}

async function writeFlighting(workbook: ExcelJS.stream.xlsx.WorkbookWriter, context: Context): Promise<void> {
  const { plan, locale, styles, labels, names } = context;
  const t = (text: { en: string; zh: string }) => text[locale];
  const weeks = flightingWeeks(plan);
  const firstWeek = 5;
  const totalColumn = firstWeek + weeks.length;
  const checkColumn = totalColumn + 1;
  const idColumn = checkColumn + 1;
  const lastRow = FIRST_DATA_ROW + plan.lines.length - 1;
  const sheet = addSheet(workbook, names.flighting, {
    views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }],
    autoFilter: `A${HEADER_ROW}:${columnLetter(idColumn)}${Math.max(lastRow, HEADER_ROW)}`,
  });
  sheet.columns = [
    { width: 32 },
    { width: 28 },
    { width: 13 },
    { width: 16 },
    ...weeks.map(() => ({ width: 13 })),
    { width: 16 },
    { width: 13 },
    { width: 38 },
  ];
  const weekLetter = (i: number) => columnLetter(firstWeek + i);
  writeRow(
    sheet,
    [
      { value: "flight.line_name" },
      { value: "flight.placement" },
      { value: "flight.mode" },
      { value: "flight.budget" },
      ...weeks.map((week) => ({ value: week })),
      { value: "flight.total" },
      { value: "flight.check" },
      { value: SHEET_MARKERS.flighting },
    ].map((cell) => ({ ...cell, style: styles.key })),
    { hidden: true },
  );
  writeRow(
    sheet,
    [
      t(FLIGHTING_TEXT.lineName),
      t(FLIGHTING_TEXT.placement),
      t(FLIGHTING_TEXT.mode),
      t(FLIGHTING_TEXT.budget),
      ...weeks.map((week) => `${week}\n${isoWeekStart(week)}`),
      t(FLIGHTING_TEXT.total),
      t(FLIGHTING_TEXT.check),
      locale === "en" ? "Line ID" : "投放行 ID",
    ].map((value) => ({ value, style: styles.header })),
    { height: 32 },
  );
  const weekIndex = new Map(weeks.map((week, i) => [week, i]));
  for (const [i, derived] of plan.lines.entries()) {
    if (i % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await yieldToEventLoop();
    const row = FIRST_DATA_ROW + i;
    const { line } = derived;
    const amounts: (CellInput | null)[] = weeks.map(() => null);
    let totalFen = 0;
    // Custom lines show what was typed (so it comes back exactly); the others their computed split.
    const source =
      line.flightingMode === "custom"
        ? Object.entries(line.customFlightingFen ?? {})
        : derived.flighting.ok
          ? derived.flighting.weeks.map((week) => [week.week, week.amountFen] as const)
          : [];
    for (const [week, fen] of source) {
      const index = weekIndex.get(week);
      if (index === undefined) continue;
      amounts[index] = { value: yuan(fen), style: styles.cny };
      totalFen += fen;
    }
    const totalFormula = weeks.length ? `SUM(${weekLetter(0)}${row}:${weekLetter(weeks.length - 1)}${row})` : "0";
    writeRow(sheet, [
      { value: line.name },
      { value: labels.placement.get(line.placementId) ?? line.placementId },
      { value: labels.flighting_mode.get(line.flightingMode) ?? line.flightingMode },
      { value: yuan(line.budgetFen), style: styles.cny },
      ...amounts,
      { value: { formula: totalFormula, result: yuan(totalFen) }, style: styles.cny },
      { value: { formula: `${columnLetter(totalColumn)}${row}-D${row}`, result: yuan(totalFen) - yuan(line.budgetFen) }, style: styles.cny },
      { value: line.id, style: styles.id },
    ]);
  }
  // Totals per week: formulas over the lines, with their results cached.
  const weekTotals = weeks.map(() => 0);
  let budgetTotal = 0;
  plan.lines.forEach((derived) => {
    budgetTotal += derived.line.budgetFen;
    const { line } = derived;
    const source = line.flightingMode === "custom" ? Object.entries(line.customFlightingFen ?? {}) : derived.flighting.ok ? derived.flighting.weeks.map((w) => [w.week, w.amountFen] as const) : [];
    for (const [week, fen] of source) {
      const index = weekIndex.get(week);
      if (index !== undefined) weekTotals[index]! += fen;
    }
  });
  const from = FIRST_DATA_ROW;
  const to = Math.max(lastRow, FIRST_DATA_ROW);
  const sumOf = (letter: string, resultFen: number): CellInput => ({ value: { formula: `SUM(${letter}${from}:${letter}${to})`, result: yuan(resultFen) }, style: styles.cnyTotal });
  const allWeeksFen = weekTotals.reduce((sum, fen) => sum + fen, 0);
  writeRow(sheet, [
    { value: t(SUMMARY_TEXT.total), style: styles.totalLabel },
    { value: "", style: styles.totalLabel },
    { value: "", style: styles.totalLabel },
    sumOf("D", budgetTotal),
    ...weekTotals.map((fen, i) => sumOf(weekLetter(i), fen)),
    sumOf(columnLetter(totalColumn), allWeeksFen),
    sumOf(columnLetter(checkColumn), allWeeksFen - budgetTotal),
  ]);
  sheet.commit();
}

async function writeMeasurement(workbook: ExcelJS.stream.xlsx.WorkbookWriter, context: Context): Promise<void> {
  const { plan, locale, styles, labels, names } = context;
  const sheet = addSheet(workbook, names.measurement, {
    views: [{ state: "frozen", xSplit: 1, ySplit: HEADER_ROW }],
    autoFilter: `A${HEADER_ROW}:${columnLetter(MEASUREMENT_COLUMNS.length)}${Math.max(HEADER_ROW + plan.measurementRows.length, HEADER_ROW)}`,
  });
  sheet.columns = MEASUREMENT_COLUMNS.map((c) => ({ width: c.width }));
  writeRow(sheet, MEASUREMENT_COLUMNS.map((c) => ({ value: c.key, style: styles.key })), { hidden: true });
  writeRow(sheet, MEASUREMENT_COLUMNS.map((c) => ({ value: c.header[locale], style: styles.header })), { height: 32 });
  const byId = new Map(plan.lines.map((derived) => [derived.line.id, derived]));
  const yes = YES_NO.yes[locale];
  const no = YES_NO.no[locale];
  for (const [i, row] of plan.measurementRows.entries()) {
    if (i % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await yieldToEventLoop();
    const derived = byId.get(row.lineId);
    const line = derived?.line;
    const methodId = line?.measurement.methodId ?? row.methodId;
    const owner = line?.measurement.owner ?? row.owner;
    const lag = line?.measurement.lagDays ?? row.lagDays;
    const alternatives = row.alternatives.map((alt) => `• ${locale === "en" ? alt.explanationEn : alt.explanationZh}`).join("\n");
    const values: Record<(typeof MEASUREMENT_COLUMNS)[number]["key"], CellInput | null> = {
      "measure.line_name": { value: line?.name ?? "" },
      "measure.placement": { value: labels.placement.get(row.placementId) ?? row.placementId },
      "measure.destination": { value: labels.destination.get(row.destinationId) ?? row.destinationId },
      "measure.kpi": { value: labels.kpi.get(row.kpiId) ?? row.kpiId },
      "measure.budget": { value: yuan(row.budgetFen), style: styles.cny },
      "measure.required_level": { value: labels.data_level.get(row.requiredLevel) ?? row.requiredLevel, style: styles.level[row.requiredLevel] },
      "measure.effective_level": { value: labels.data_level.get(row.effectiveLevel) ?? row.effectiveLevel, style: styles.level[row.effectiveLevel] },
      "measure.measurable": { value: row.isMeasurable ? yes : no },
      "measure.method": methodId ? { value: labels.measurement_method.get(methodId) ?? methodId } : null,
      "measure.data_source": { value: (locale === "en" ? row.dataSourceEn : row.dataSourceZh) ?? "" },
      "measure.owner": owner ? { value: labels.measurement_owner.get(owner) ?? owner } : null,
      "measure.lag_days": lag === null ? null : { value: lag, style: styles.integer },
      "measure.contract_clause": { value: row.needsDataAccessClause ? yes : no },
      "measure.explanation": { value: locale === "en" ? row.explanationEn : row.explanationZh },
      "measure.alternatives": alternatives ? { value: alternatives, style: styles.wrap } : null,
      "measure.line_id": { value: row.lineId, style: styles.id },
    };
    writeRow(sheet, MEASUREMENT_COLUMNS.map((c) => values[c.key]));
  }
  sheet.commit();
}

function writeLegend(workbook: ExcelJS.stream.xlsx.WorkbookWriter, context: Context): void {
  const { locale, styles, names } = context;
  const t = (text: { en: string; zh: string }) => text[locale];
  const sheet = addSheet(workbook, names.legend, { views: [{ state: "frozen", ySplit: HEADER_ROW, showGridLines: false }] });
  sheet.columns = [{ width: 18 }, { width: 90 }, { width: 60 }];
  writeRow(sheet, [{ value: SHEET_MARKERS.legend }, { value: "legend.gives" }, { value: "legend.destinations" }].map((c) => ({ ...c, style: styles.key })), { hidden: true });
  writeRow(sheet, [t(LEGEND_TEXT.level), t(LEGEND_TEXT.gives), t(LEGEND_TEXT.destinations)].map((value) => ({ value, style: styles.header })), { height: 24 });
  for (const level of ["individual", "transactional", "aggregated"] as const) {
    const destinations = DESTINATIONS.filter((d) => d.isClickOut && d.captureLevel === level).map((d) => (locale === "en" ? d.nameEn : d.nameZh));
    writeRow(
      sheet,
      [
        { value: t(LEVEL_LABELS[level]), style: { ...styles.level[level], font: { bold: true } } },
        { value: t(LEVEL_LEGEND[level]), style: styles.wrap },
        { value: destinations.join(locale === "en" ? ", " : "、"), style: styles.wrap },
      ],
      { height: 48 },
    );
  }
  writeRow(sheet, []);
  writeRow(sheet, [null, { value: t(LEGEND_TEXT.rule), style: styles.wrap }], { height: 32 });
  writeRow(sheet, [null, { value: t(SUMMARY_TEXT.indicative), style: styles.wrap }], { height: 32 });
  sheet.commit();
}

function writeLists(workbook: ExcelJS.stream.xlsx.WorkbookWriter, context: Context): void {
  const { catalog, locale, names } = context;
  const sheet = addSheet(workbook, names.lists, { state: "hidden" });
  const lists = LIST_IDS.map((list) => ({ list, labels: listOptions(list, catalog).map((o) => o[locale]) }));
  sheet.columns = lists.map(() => ({ width: 30 }));
  writeRow(sheet, lists.map(({ list }) => ({ value: `list.${list}` })));
  const height = Math.max(...lists.map((l) => l.labels.length));
  for (let i = 0; i < height; i++) writeRow(sheet, lists.map(({ labels }) => (labels[i] === undefined ? null : { value: labels[i]! })));
  lists.forEach(({ list, labels }, i) => {
    const letter = columnLetter(i + 1);
    workbook.definedNames.add(`${quoteSheet(names.lists)}!$${letter}$2:$${letter}$${Math.max(2, labels.length + 1)}`, listName(list));
  });
  sheet.commit();
}

/**
 * Writes the plan as an XLSX workbook. Without a stream, resolves to the file's bytes; with one,
 * writes to it (e.g. an HTTP response) and resolves when the file is complete.
 */
export async function exportPlanXlsx(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale): Promise<Buffer>;
export async function exportPlanXlsx(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale, options: { stream: Writable }): Promise<void>;
export async function exportPlanXlsx(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale, options: XlsxExportOptions = {}): Promise<Buffer | void> {
  const plan = derivePlan(snapshot, catalog, locale);
  const chunks: Buffer[] = [];
  const target = options.stream ?? new PassThrough().on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target, useStyles: true, useSharedStrings: true });
  workbook.creator = "Qiao";
  workbook.title = snapshot.campaign.name;
  workbook.created = new Date();
  const names = Object.fromEntries(Object.entries(SHEET_NAMES).map(([id, text]) => [id, text[locale]])) as Context["names"];
  const labels = Object.fromEntries(LIST_IDS.map((list) => [list, labelMap(list, catalog, locale)])) as Context["labels"];
  const context: Context = { plan, catalog, locale, styles: makeStyles(snapshot.campaign.reportingCurrency), layout: lineLayout(plan), names, labels, fxCell: "" };

  writeSummary(workbook, context);
  workbook.definedNames.add(context.fxCell, "fx_rate");
  await writeLines(workbook, context);
  await writeFlighting(workbook, context);
  await writeMeasurement(workbook, context);
  writeLegend(workbook, context);
  writeLists(workbook, context);
  await workbook.commit();
  if (!options.stream) return Buffer.concat(chunks);
}
