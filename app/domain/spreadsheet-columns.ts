// The spreadsheet shape of a plan, shared by export and import (issue 7): stable machine-readable
// column keys, headers in English and Chinese, the enumerations behind the drop-downs and how a
// typed name finds its id again (with a "did you mean" when it does not). Pure data and functions.
import { BUYING_MODELS, type BuyingModel } from "./buying-models";
import {
  DESTINATIONS,
  ECOSYSTEMS,
  KPIS,
  MEASUREMENT_METHODS,
  MEASUREMENT_OWNERS,
  type Locale,
  type Placement,
} from "./catalog";
import { DATA_LEVELS, type DataLevel } from "./data-level";
import { FLIGHTING_MODES, type FlightingMode } from "./flighting";
import { CAMPAIGN_STATUSES, CONTRACT_ACCESS, OBJECTIVES, REPORTING_CURRENCIES } from "./plan";

type Text = Record<Locale, string>;

// ---------------------------------------------------------------------------------------------
// Sheets

export const SHEET_IDS = ["summary", "lines", "flighting", "measurement", "legend", "lists"] as const;
export type SheetId = (typeof SHEET_IDS)[number];

export const SHEET_NAMES: Record<SheetId, Text> = {
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

export const LIST_IDS = [
  "ecosystem",
  "placement",
  "destination",
  "buying_model",
  "kpi",
  "flighting_mode",
  "measurement_owner",
  "measurement_method",
  "contract_access",
  "objective",
  "status",
  "reporting_currency",
  "data_level",
] as const;
export type ListId = (typeof LIST_IDS)[number];

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
  header: Text;
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

/** Normal form for comparing names and headers: NFKC, lower case, no spaces or punctuation. */
export function normaliseName(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
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

export const CAMPAIGN_FACT_KEYS = [
  "campaign.name",
  "campaign.clientName",
  "campaign.objective",
  "campaign.status",
  "campaign.startDate",
  "campaign.endDate",
  "campaign.budget_cny",
  "campaign.reportingCurrency",
  "campaign.fxRate",
  "campaign.notes",
  "campaign.id",
  "campaign.version",
] as const;
export type CampaignFactKey = (typeof CAMPAIGN_FACT_KEYS)[number];

export const CAMPAIGN_FACT_LABELS: Record<CampaignFactKey, Text> = {
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
};

export const SUMMARY_TEXT = {
  title: { en: "Media plan", zh: "媒体计划" },
  facts: { en: "Campaign", zh: "活动信息" },
  totals: { en: "Totals", zh: "合计" },
  allocated: { en: "Allocated to lines", zh: "已分配至投放行" },
  difference: { en: "Allocated − campaign budget", zh: "已分配 − 活动预算" },
  lineCount: { en: "Lines", zh: "投放行数" },
  coverage: { en: "Measurement coverage (budget whose KPI is measurable as planned)", zh: "监测覆盖率（KPI 可按计划衡量的预算占比）" },
  withoutKpi: { en: "Budget on lines without a KPI", zh: "未设 KPI 的投放行预算" },
  byEcosystem: { en: "Budget by ecosystem", zh: "按生态的预算" },
  byLevel: { en: "Budget by data level", zh: "按数据级别的预算" },
  share: { en: "Share", zh: "占比" },
  lines: { en: "Lines", zh: "行数" },
  catalogVersion: { en: "Catalog version", zh: "目录版本" },
  indicative: {
    en: "Estimates use indicative benchmarks: editable defaults from weak public figures, never facts.",
    zh: "预估基于参考基准：来自有限公开数据、可编辑的默认值，并非事实。",
  },
  total: { en: "Total", zh: "合计" },
  check: { en: "Flighting − budget", zh: "排期 − 预算" },
} satisfies Record<string, Text>;

// ---------------------------------------------------------------------------------------------
// Flighting and measurement sheets

export const FLIGHTING_TEXT = {
  lineName: { en: "Line name", zh: "投放行名称" },
  placement: { en: "Placement", zh: "广告位" },
  mode: { en: "Flighting", zh: "排期方式" },
  budget: { en: "Budget (CNY)", zh: "预算（元）" },
  total: { en: "Weeks total (CNY)", zh: "各周合计（元）" },
  check: { en: "Weeks − budget", zh: "各周 − 预算" },
  problem: { en: "Cannot split", zh: "无法拆分" },
} satisfies Record<string, Text>;

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
  { key: "measure.line_id", header: { en: "Line ID", zh: "投放行 ID" }, width: 38 },
] as const;

export const YES_NO: Record<"yes" | "no", Text> = { yes: { en: "Yes", zh: "是" }, no: { en: "No", zh: "否" } };

// ---------------------------------------------------------------------------------------------
// Legend: the three levels of openness (brief rules 1–3; seed 001) and what each gives back.

export const LEVEL_LABELS: Record<DataLevel, Text> = {
  individual: { en: "Individual", zh: "个人级" },
  transactional: { en: "Transactional", zh: "交易级" },
  aggregated: { en: "Aggregated", zh: "聚合级" },
};

export const LEVEL_LEGEND: Record<DataLevel, Text> = {
  individual: {
    en: "Consented, person-level behaviour on the brand's own touchpoint (e.g. a WeChat mini program): journeys, CRM binding, lifetime value.",
    zh: "品牌自有触点上经用户同意的个人行为数据（例如微信小程序）：可做旅程分析、CRM 绑定与客户终身价值。",
  },
  transactional: {
    en: "Phone number and what that person bought, via a CRM-integrated store (e.g. Tmall, JD) — nothing on media or behaviour: orders, GMV, ROAS, new-to-brand buyers.",
    zh: "通过接入 CRM 的店铺（如天猫、京东）获得手机号及其购买内容——没有媒体曝光或行为数据：可衡量订单、GMV、ROAS、品牌新客。",
  },
  aggregated: {
    en: "Only aggregated reports from the platform (e.g. Douyin, Baidu, Weibo, Xiaohongshu) — no person-level data: impressions, clicks, views, brand lift.",
    zh: "只有平台的聚合报告（如抖音、百度、微博、小红书）——没有个人级数据：可衡量曝光、点击、播放、品牌提升。",
  },
};

export const LEGEND_TEXT = {
  level: { en: "Data level", zh: "数据级别" },
  gives: { en: "What the brand gets back", zh: "品牌能拿回的数据" },
  destinations: { en: "Landing destinations that capture it", zh: "可获取该级别数据的落地目的地" },
  rule: {
    en: "A line's level is the more open of what the platform reports and what the destination captures after the click.",
    zh: "投放行的数据级别取平台报告与点击后落地目的地获取数据两者中更开放的一方。",
  },
} satisfies Record<string, Text>;

// ---------------------------------------------------------------------------------------------
// Enumerations: the options behind each drop-down, labelled in one language.

const BUYING_MODEL_LABELS: Record<BuyingModel, string> = {
  cpm: "CPM",
  cpc: "CPC",
  ocpm: "oCPM",
  ocpc: "oCPC",
  cpv: "CPV",
  cpa: "CPA",
  cpe: "CPE",
  cpt: "CPT",
  cps: "CPS",
};

const FLIGHTING_LABELS: Record<FlightingMode, Text> = {
  even: { en: "Even", zh: "均匀" },
  front: { en: "Front-loaded", zh: "前重后轻" },
  back: { en: "Back-loaded", zh: "前轻后重" },
  custom: { en: "Custom", zh: "自定义" },
};

const OWNER_LABELS: Record<(typeof MEASUREMENT_OWNERS)[number], Text> = {
  brand: { en: "Brand", zh: "品牌方" },
  agency: { en: "Agency", zh: "代理商" },
  platform: { en: "Platform", zh: "媒体平台" },
  vendor: { en: "Vendor", zh: "服务商" },
};

const CONTRACT_LABELS: Record<(typeof CONTRACT_ACCESS)[number], Text> = {
  yes: { en: "Yes", zh: "是" },
  no: { en: "No", zh: "否" },
  unknown: { en: "Unknown", zh: "未知" },
};

const OBJECTIVE_LABELS: Record<(typeof OBJECTIVES)[number], Text> = {
  awareness: { en: "Awareness", zh: "品牌认知" },
  consideration: { en: "Consideration", zh: "种草考虑" },
  conversion: { en: "Conversion", zh: "转化" },
  loyalty: { en: "Loyalty", zh: "忠诚复购" },
};

const STATUS_LABELS: Record<(typeof CAMPAIGN_STATUSES)[number], Text> = {
  draft: { en: "Draft", zh: "草稿" },
  in_review: { en: "In review", zh: "审核中" },
  approved: { en: "Approved", zh: "已批准" },
  live: { en: "Live", zh: "投放中" },
  completed: { en: "Completed", zh: "已完成" },
  archived: { en: "Archived", zh: "已归档" },
};

/** One option of a drop-down: the id stored in the plan, its label in each language. */
export type EnumOption = { id: string; en: string; zh: string };

/** The placements an enumeration knows about: the organization's (catalog + custom). */
export type EnumCatalog = { placements: readonly Placement[] };

function fromLabels(labels: Record<string, Text>): EnumOption[] {
  return Object.entries(labels).map(([id, text]) => ({ id, en: text.en, zh: text.zh }));
}

/** Labels must be unique in a drop-down: a repeated name gets its id appended. */
function disambiguate(options: EnumOption[]): EnumOption[] {
  const count = (locale: Locale, label: string) => options.filter((o) => o[locale] === label).length;
  return options.map((o) => ({
    id: o.id,
    en: count("en", o.en) > 1 ? `${o.en} (${o.id})` : o.en,
    zh: count("zh", o.zh) > 1 ? `${o.zh} (${o.id})` : o.zh,
  }));
}

/** The options of a list, in a stable order (catalog order; custom placements after the catalog). */
export function listOptions(list: ListId, catalog: EnumCatalog): EnumOption[] {
  switch (list) {
    case "ecosystem":
      return ECOSYSTEMS.map((e) => ({ id: e.id, en: e.nameEn, zh: e.nameZh }));
    case "placement":
      return disambiguate(catalog.placements.map((p) => ({ id: p.id, en: p.nameEn, zh: p.nameZh })));
    case "destination":
      return DESTINATIONS.map((d) => ({ id: d.id, en: d.nameEn, zh: d.nameZh }));
    case "buying_model":
      return BUYING_MODELS.map((m) => ({ id: m, en: BUYING_MODEL_LABELS[m], zh: BUYING_MODEL_LABELS[m] }));
    case "kpi":
      return KPIS.map((k) => ({ id: k.id, en: k.nameEn, zh: k.nameZh }));
    case "flighting_mode":
      return FLIGHTING_MODES.map((m) => ({ id: m, ...FLIGHTING_LABELS[m] }));
    case "measurement_owner":
      return fromLabels(OWNER_LABELS);
    case "measurement_method":
      return MEASUREMENT_METHODS.map((m) => ({ id: m.id, en: m.nameEn, zh: m.nameZh }));
    case "contract_access":
      return fromLabels(CONTRACT_LABELS);
    case "objective":
      return fromLabels(OBJECTIVE_LABELS);
    case "status":
      return fromLabels(STATUS_LABELS);
    case "reporting_currency":
      return REPORTING_CURRENCIES.map((c) => ({ id: c, en: c, zh: c }));
    case "data_level":
      return [...DATA_LEVELS].reverse().map((level) => ({ id: level, ...LEVEL_LABELS[level] }));
  }
}

/** A value's label in one language; the id itself when the list does not know it. */
export function labelOf(list: ListId, id: string | null | undefined, catalog: EnumCatalog, locale: Locale): string {
  if (id === null || id === undefined) return "";
  const option = listOptions(list, catalog).find((o) => o.id === id);
  return option ? option[locale] : id;
}

/** Labels of a list for repeated lookups (export writes thousands of rows). */
export function labelMap(list: ListId, catalog: EnumCatalog, locale: Locale): ReadonlyMap<string, string> {
  return new Map(listOptions(list, catalog).map((o) => [o.id, o[locale]]));
}

export type EnumMatch =
  | { ok: true; id: string }
  | { ok: false; suggestion: EnumOption | null };

/** Resolves typed text to an option: by id or label in either language, ignoring case, spaces and punctuation. */
export class EnumResolver {
  private readonly exact = new Map<string, string>();
  private readonly options: EnumOption[];

  constructor(list: ListId, catalog: EnumCatalog) {
    this.options = listOptions(list, catalog);
    const plain = list === "placement" ? catalog.placements.map((p) => ({ id: p.id, en: p.nameEn, zh: p.nameZh })) : this.options;
    // Ids first, then labels: an id always means itself; a name shared by two options means neither.
    const seen = new Map<string, string | null>();
    for (const option of [...this.options, ...plain]) {
      for (const text of [option.en, option.zh]) {
        const key = normaliseName(text);
        if (key === "") continue;
        const previous = seen.get(key);
        seen.set(key, previous === undefined || previous === option.id ? option.id : null);
      }
    }
    for (const [key, id] of seen) if (id !== null) this.exact.set(key, id);
    for (const option of this.options) this.exact.set(normaliseName(option.id), option.id);
  }

  resolve(text: string): EnumMatch {
    const key = normaliseName(text);
    const id = this.exact.get(key);
    if (id !== undefined) return { ok: true, id };
    return { ok: false, suggestion: this.suggest(text) };
  }

  /** The closest option by character bigrams (works for English words and for Chinese alike). */
  suggest(text: string): EnumOption | null {
    const wanted = normaliseName(text);
    if (wanted.length < 2) return null;
    let best: { option: EnumOption; score: number } | null = null;
    for (const option of this.options) {
      const score = Math.max(similarity(wanted, normaliseName(option.en)), similarity(wanted, normaliseName(option.zh)), similarity(wanted, normaliseName(option.id)));
      if (!best || score > best.score) best = { option, score };
    }
    return best && best.score >= 0.5 ? best.option : null;
  }
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const chars = [...text];
  if (chars.length === 1) grams.set(text, 1);
  for (let i = 0; i < chars.length - 1; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/**
 * Similarity in [0, 1] of two normalised names: the larger of the Dice coefficient of their
 * character bigrams and how much of the shorter one the longer contains ("momentsads" in
 * "wechatmomentsads"), so a name typed without its ecosystem still finds its placement.
 */
export function similarity(a: string, b: string): number {
  if (a === "" || b === "") return 0;
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let shared = 0;
  let sizeA = 0;
  let sizeB = 0;
  for (const n of ga.values()) sizeA += n;
  for (const n of gb.values()) sizeB += n;
  for (const [gram, n] of ga) shared += Math.min(n, gb.get(gram) ?? 0);
  const dice = (2 * shared) / (sizeA + sizeB);
  const containment = shared / Math.min(sizeA, sizeB);
  // Containment alone would let "ads" match every "... ads": weigh it by the length ratio.
  const lengthRatio = Math.min(sizeA, sizeB) / Math.max(sizeA, sizeB);
  return Math.max(dice, containment * Math.sqrt(lengthRatio));
}

// ---------------------------------------------------------------------------------------------
// Cells as import reads them, whatever the file format (XLSX cell, CSV field, ODS JSON value).

export type RawCellValue =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  /** A cell typed as a date in the spreadsheet, already as an ISO date. */
  | { kind: "date"; iso: string }
  | { kind: "boolean"; value: boolean }
  /** A spreadsheet error value such as #REF!. */
  | { kind: "error"; text: string };

/** A cell value plus where it came from: its formula (the value is then the cached result) and its address. */
export type RawCell = RawCellValue & { formula?: string; ref?: string };

export const EMPTY_CELL: RawCell = { kind: "empty" };

export function textCell(text: string | null | undefined): RawCell {
  return text === null || text === undefined || text === "" ? EMPTY_CELL : { kind: "text", text };
}

export function numberCell(value: number | null | undefined): RawCell {
  return value === null || value === undefined ? EMPTY_CELL : { kind: "number", value };
}

export function isEmptyCell(cell: RawCell | undefined): boolean {
  return !cell || cell.kind === "empty" || (cell.kind === "text" && cell.text.trim() === "");
}
