// The spreadsheet shape of a plan, shared by export and import (issue 7): the sheets and the keys
// that mark them, the line item columns (stable machine-readable keys, headers in English and
// Chinese, which are read back), the campaign facts of the Summary and the Measurement plan's columns.
// The drop-down lists are in spreadsheet-lists.ts, the words around the values in spreadsheet-text.ts.
import type { Locale } from "./catalog";
import { normaliseName } from "./name-similarity";
import type { ListId, SheetText } from "./spreadsheet-lists";

// ---------------------------------------------------------------------------------------------
// Sheets

export const SHEET_IDS = ["summary", "lines", "flighting", "measurement", "legend", "lists"] as const;
export type SheetId = (typeof SHEET_IDS)[number];

export const SHEET_NAMES: Record<SheetId, SheetText> = {
  summary: { en: "Summary", zh: "摘要" },
  lines: { en: "Line items", zh: "投放明细" },
  flighting: { en: "Flighting", zh: "排期" },
  measurement: { en: "Measurement plan", zh: "监测方案" },
  legend: { en: "Legend", zh: "图例" },
  lists: { en: "Lists", zh: "Lists" },
};

/**
 * Every sheet written by Qiao starts with a hidden row (or, on Summary, a hidden column) of keys;
 * the first key names the sheet, so import recognises sheets whatever language their names are in.
 */
export const SHEET_MARKERS = {
  summary: "qiao.summary",
  flighting: "flight.line_id",
  measurement: "measure.line_id",
  legend: "legend.level",
  lists: "list.",
} as const;

// ---------------------------------------------------------------------------------------------
// Line item columns

export const LINE_COLUMN_KEYS = [
  "position",
  "name",
  "ecosystem",
  "placement",
  "destination",
  "buying_model",
  "unit_cost_cny",
  "budget_cny",
  "budget_reporting",
  "start_date",
  "end_date",
  "days",
  "kpi",
  "kpi_target",
  "flighting_mode",
  "custom_flighting",
  "audience_notes",
  "format_notes",
  "measurement_owner",
  "measurement_method",
  "lag_days",
  "contract_access",
  "binding_rate",
  "data_level",
  "data_level_explanation",
  "est_impressions",
  "est_clicks",
  "est_views",
  "est_conversions",
  "est_engagements",
  "line_id",
  "version",
  // Accepted on import only: amounts typed in fen by tools that work in minor units.
  "budget_fen",
  "unit_cost_fen",
] as const;
export type LineColumnKey = (typeof LINE_COLUMN_KEYS)[number];

export type ColumnKind =
  | "integer"
  | "text"
  | "enum"
  | "money"
  | "money-fen"
  | "date"
  | "kpi-target"
  | "ratio"
  | "flighting-text"
  | "derived-money"
  | "derived-integer"
  | "derived-text";

export type LineColumn = {
  key: LineColumnKey;
  header: SheetText;
  kind: ColumnKind;
  /** Width in characters in the workbook. */
  width: number;
  /** False for computed columns: written for people, ignored on import. */
  isInput: boolean;
  /** The drop-down list of an enumerated column. */
  list?: ListId;
  /** Written to the workbook (XLSX), to the CSV, or only accepted on import. */
  inXlsx: boolean;
  inCsv: boolean;
  /** Other header texts people use for the column, accepted on import (any case, any spacing). */
  aliases?: readonly string[];
};

function column(
  key: LineColumnKey,
  en: string,
  zh: string,
  kind: ColumnKind,
  width: number,
  options: { list?: ListId; inXlsx?: boolean; inCsv?: boolean; aliases?: readonly string[] } = {},
): LineColumn {
  const isInput = !kind.startsWith("derived");
  return { key, header: { en, zh }, kind, width, isInput, list: options.list, inXlsx: options.inXlsx ?? true, inCsv: options.inCsv ?? true, aliases: options.aliases };
}

/** Line item columns in workbook order; ids and version last, so planners read the plan first. */
export const LINE_COLUMNS: readonly LineColumn[] = [
  // Counts from 1 in files (the plan's position + 1), so a planner's own numbering reads as expected.
  column("position", "#", "序号", "integer", 6, { aliases: ["position", "no", "no.", "order"] }),
  column("name", "Line name", "投放行名称", "text", 34, { aliases: ["name", "line", "名称"] }),
  column("ecosystem", "Ecosystem", "生态", "enum", 24, { list: "ecosystem", aliases: ["platform", "平台"] }),
  column("placement", "Placement", "广告位", "enum", 36, { list: "placement", aliases: ["media product", "广告产品", "资源位"] }),
  column("destination", "Landing destination", "落地目的地", "enum", 30, { list: "destination", aliases: ["destination", "landing", "落地页", "目的地"] }),
  column("buying_model", "Buying model", "购买方式", "enum", 13, { list: "buying_model", aliases: ["buy type", "pricing", "计费方式"] }),
  column("unit_cost_cny", "Unit cost (CNY)", "单价（元）", "money", 15, { aliases: ["unit cost", "单价", "bid"] }),
  column("budget_cny", "Budget (CNY)", "预算（元）", "money", 17, { aliases: ["budget", "预算", "cost", "spend", "花费"] }),
  column("budget_reporting", "Budget (reporting currency)", "预算（报告币种）", "derived-money", 17),
  column("start_date", "Start", "开始日期", "date", 12, { aliases: ["start date", "开始", "from"] }),
  column("end_date", "End", "结束日期", "date", 12, { aliases: ["end date", "结束", "to"] }),
  column("days", "Days", "天数", "derived-integer", 7),
  column("kpi", "KPI", "KPI", "enum", 22, { list: "kpi", aliases: ["primary kpi", "指标", "考核指标"] }),
  column("kpi_target", "KPI target (money in CNY)", "KPI 目标（金额按元）", "kpi-target", 16, { aliases: ["kpi target", "target", "kpi 目标", "目标"] }),
  column("flighting_mode", "Flighting", "排期方式", "enum", 14, { list: "flighting_mode", aliases: ["flighting mode", "排期"] }),
  column("custom_flighting", "Custom flighting (CNY per ISO week)", "自定义排期（每 ISO 周，元）", "flighting-text", 30, { inXlsx: false }),
  column("audience_notes", "Audience", "受众", "text", 28, { aliases: ["audience notes", "target audience", "受众说明"] }),
  column("format_notes", "Format / creative", "形式 / 创意", "text", 24, { aliases: ["format notes", "format", "creative", "形式", "创意"] }),
  column("measurement_owner", "Measurement owner", "监测负责方", "enum", 16, { list: "measurement_owner", aliases: ["owner", "负责方"] }),
  column("measurement_method", "Measurement method", "监测方法", "enum", 30, { list: "measurement_method", aliases: ["method", "方法"] }),
  column("lag_days", "Data lag (days)", "数据延迟（天）", "integer", 10, { aliases: ["lag days", "lag", "延迟"] }),
  column("contract_access", "Data access in contract", "合同含数据权限", "enum", 14, { list: "contract_access", aliases: ["contract access"] }),
  column("binding_rate", "Binding rate", "绑定率", "ratio", 10, { aliases: ["binding", "phone binding rate", "手机号绑定率"] }),
  column("data_level", "Data level", "数据级别", "derived-text", 14),
  column("data_level_explanation", "Why this level", "级别说明", "derived-text", 60),
  column("est_impressions", "Est. impressions", "预估曝光", "derived-integer", 14),
  column("est_clicks", "Est. clicks", "预估点击", "derived-integer", 12),
  column("est_views", "Est. views", "预估播放", "derived-integer", 12),
  column("est_conversions", "Est. conversions", "预估转化", "derived-integer", 12),
  column("est_engagements", "Est. engagements", "预估互动", "derived-integer", 12),
  column("line_id", "Line ID (do not edit)", "投放行 ID（请勿修改）", "text", 38, { aliases: ["id", "line id"] }),
  column("version", "Version (do not edit)", "版本（请勿修改）", "integer", 9, { aliases: ["line version"] }),
  column("budget_fen", "Budget (fen)", "预算（分）", "money-fen", 15, { inXlsx: false, inCsv: false, aliases: ["budgetfen", "budget in fen"] }),
  column("unit_cost_fen", "Unit cost (fen)", "单价（分）", "money-fen", 15, { inXlsx: false, inCsv: false, aliases: ["unitcostfen"] }),
];

const COLUMN_BY_KEY = new Map(LINE_COLUMNS.map((c) => [c.key, c]));

export function getLineColumn(key: LineColumnKey): LineColumn {
  const found = COLUMN_BY_KEY.get(key);
  if (!found) throw new Error(`unknown line column ${key}`);
  return found;
}

/** Header of a line column in the user's language; the budget in the reporting currency names it. */
export function lineColumnHeader(key: LineColumnKey, locale: Locale, reportingCurrency = "CNY"): string {
  const header = getLineColumn(key).header[locale];
  if (key === "budget_reporting") return locale === "en" ? `Budget (${reportingCurrency})` : `预算（${reportingCurrency}）`;
  return header;
}

/** Finds the column a header cell names: its key, its header in either language, or an alias. */
export function matchLineColumn(header: string): LineColumnKey | null {
  const wanted = normaliseName(header);
  if (wanted === "") return null;
  return HEADER_INDEX.get(wanted) ?? null;
}

const HEADER_INDEX: ReadonlyMap<string, LineColumnKey> = (() => {
  const index = new Map<string, LineColumnKey>();
  for (const c of LINE_COLUMNS) {
    for (const text of [c.key, c.header.en, c.header.zh, ...(c.aliases ?? [])]) {
      const name = normaliseName(text);
      if (!index.has(name)) index.set(name, c.key);
    }
  }
  return index;
})();

/** Columns that must be present for a sheet to be read as line items. */
export const REQUIRED_LINE_COLUMNS: readonly (readonly LineColumnKey[])[] = [["placement"], ["budget_cny", "budget_fen"], ["start_date"], ["end_date"]];

// ---------------------------------------------------------------------------------------------
// Summary (campaign facts): one row per fact, keyed in a hidden first column.

/** The campaign facts in Summary order, with their labels. */
export const CAMPAIGN_FACT_LABELS = {
  "campaign.name": { en: "Campaign", zh: "活动名称" },
  "campaign.clientName": { en: "Client", zh: "客户" },
  "campaign.objective": { en: "Objective", zh: "目标" },
  "campaign.status": { en: "Status", zh: "状态" },
  "campaign.startDate": { en: "Start", zh: "开始日期" },
  "campaign.endDate": { en: "End", zh: "结束日期" },
  "campaign.budget_cny": { en: "Campaign budget (CNY)", zh: "活动预算（元）" },
  "campaign.reportingCurrency": { en: "Reporting currency", zh: "报告币种" },
  "campaign.fxRate": { en: "CNY per 1 unit of reporting currency", zh: "1 单位报告币种折合人民币" },
  "campaign.notes": { en: "Notes", zh: "备注" },
  "campaign.id": { en: "Campaign ID (do not edit)", zh: "活动 ID（请勿修改）" },
  "campaign.version": { en: "Version (do not edit)", zh: "版本（请勿修改）" },
} satisfies Record<string, SheetText>;
export type CampaignFactKey = keyof typeof CAMPAIGN_FACT_LABELS;
export const CAMPAIGN_FACT_KEYS = Object.keys(CAMPAIGN_FACT_LABELS) as CampaignFactKey[];

// ---------------------------------------------------------------------------------------------
// Measurement plan sheet

/** Header of the line id on the Flighting and Measurement plan sheets (import skips a row that repeats it). */
export const LINE_ID_HEADER: SheetText = { en: "Line ID", zh: "投放行 ID" };

export const MEASUREMENT_COLUMNS = [
  { key: "measure.line_name", header: { en: "Line name", zh: "投放行名称" }, width: 30 },
  { key: "measure.placement", header: { en: "Placement", zh: "广告位" }, width: 30 },
  { key: "measure.destination", header: { en: "Landing destination", zh: "落地目的地" }, width: 26 },
  { key: "measure.kpi", header: { en: "KPI", zh: "KPI" }, width: 22 },
  { key: "measure.budget", header: { en: "Budget (CNY)", zh: "预算（元）" }, width: 16 },
  { key: "measure.required_level", header: { en: "KPI needs", zh: "KPI 所需级别" }, width: 14 },
  { key: "measure.effective_level", header: { en: "Line gives", zh: "投放行数据级别" }, width: 14 },
  { key: "measure.measurable", header: { en: "Measurable as planned", zh: "可按计划衡量" }, width: 12 },
  { key: "measure.method", header: { en: "Method", zh: "方法" }, width: 30 },
  { key: "measure.data_source", header: { en: "Data source", zh: "数据来源" }, width: 24 },
  { key: "measure.owner", header: { en: "Owner", zh: "负责方" }, width: 12 },
  { key: "measure.lag_days", header: { en: "Lag (days)", zh: "延迟（天）" }, width: 10 },
  { key: "measure.contract_clause", header: { en: "Needs data-access clause", zh: "需合同数据条款" }, width: 14 },
  { key: "measure.explanation", header: { en: "Why", zh: "说明" }, width: 60 },
  { key: "measure.alternatives", header: { en: "If not measurable: alternatives", zh: "无法衡量时的替代方案" }, width: 60 },
  { key: "measure.line_id", header: LINE_ID_HEADER, width: 38 },
] as const;
