// Qiao ⇄ Media Plan Open Data Standard v3.0 (../shared/standards/mediaplan-ods-3.0; issue 7).
// Export: a campaign as a document of the standard. What the standard has no field for (ecosystem,
// placement key, landing destination, data level, buying model, measurement) goes into its own
// extension points — dim_custom1–10 described in the document's `dictionary`, and
// custom_properties.qiao — so any reader of the standard sees the plan and Qiao reads it back whole.
// Import: a document (Qiao's or anyone's) as rows of raw cells for the shared row mapper, plus a
// report of every field that was not imported, so nothing is dropped silently.
import { ECOSYSTEMS, KPIS, type Locale } from "./catalog";
import type { ImportProblem } from "./import-diff";
import { fenToYuanString } from "./money";
import type { DerivedPlan, PlanCatalog } from "./plan-derive";
import { EnumResolver } from "./enum-resolver";
import { numberCell, textCell, type RawCell } from "./spreadsheet-cells";
import type { CampaignFactKey, LineColumnKey } from "./spreadsheet-columns";
import { LEVEL_LABELS, labelMap } from "./spreadsheet-lists";

export const ODS_SCHEMA_VERSION = "3.0";
/** Marks a document written by Qiao in meta.custom_properties.qiao.format. */
export const QIAO_ODS_FORMAT = "qiao-plan";
export const QIAO_ODS_FORMAT_VERSION = 1;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OdsObject = { [key: string]: Json };

export type OdsDocument = {
  meta: OdsObject;
  campaign: OdsObject;
  lineitems: OdsObject[];
  dictionary?: OdsObject;
};

/** What each line-item custom dimension holds; the same captions go into the document's dictionary. */
export const LINE_DIMENSIONS = {
  dim_custom1: { field: "ecosystemId", caption: "Qiao ecosystem id (alibaba, bytedance, tencent, baidu, jd, …)" },
  dim_custom2: { field: "placementId", caption: "Qiao placement id (catalog id, or custom-<uuid> for an organization's own)" },
  dim_custom3: { field: "destinationId", caption: "Landing destination id (tmall-store, wechat-mini-program, none, …)" },
  dim_custom4: { field: "buyingModel", caption: "Buying model id (cpm, cpc, ocpm, ocpc, cpv, cpa, cpe, cpt, cps)" },
  dim_custom5: { field: "dataLevel", caption: "Effective data level the brand gets back (individual, transactional, aggregated)" },
  dim_custom6: { field: "kpiId", caption: "Qiao KPI id of the line's primary KPI" },
  dim_custom7: { field: "flightingMode", caption: "Flighting mode (even, front, back, custom)" },
  dim_custom8: { field: "measurementOwner", caption: "Who measures the KPI (brand, agency, platform, vendor)" },
  dim_custom9: { field: "measurementMethod", caption: "Measurement method id" },
  dim_custom10: { field: "contractAccess", caption: "Data access granted in the contract (yes, no, unknown)" },
} as const;

export const CAMPAIGN_DIMENSIONS = {
  dim_custom1: { caption: "Reporting currency (ISO 4217) of the plan's converted figures" },
  dim_custom2: { caption: "FX rate: CNY per one unit of the reporting currency" },
  dim_custom3: { caption: "Qiao objective id (awareness, consideration, conversion, loyalty)" },
} as const;

export const META_DIMENSIONS = {
  dim_custom1: { caption: "Qiao catalog version the plan was made against" },
} as const;

/** Documentation of custom_properties.qiao, carried in the document itself (meta.custom_properties). */
const QIAO_PROPERTIES_DOC: Record<string, string> = {
  "campaign.custom_properties.qiao.version": "Version of the campaign in Qiao when exported (edit conflicts are detected with it).",
  "campaign.custom_properties.qiao.status": "Qiao campaign status id.",
  "campaign.custom_properties.qiao.notes": "Campaign notes.",
  "campaign.custom_properties.qiao.budget_fen": "Campaign budget in fen (0.01 CNY), exactly; budget_total is the same amount in CNY.",
  "lineitems[].custom_properties.qiao.version": "Version of the line in Qiao when exported.",
  "lineitems[].custom_properties.qiao.position": "Order of the line in the plan, 0-based.",
  "lineitems[].custom_properties.qiao.budget_fen": "Line budget in fen, exactly; cost_total is the same amount in CNY.",
  "lineitems[].custom_properties.qiao.unit_cost_fen": "Unit cost typed by the planner in fen (per 1,000 impressions for CPM/oCPM, per day for CPT), or null for the benchmark.",
  "lineitems[].custom_properties.qiao.custom_flighting_fen": "For custom flighting: fen per ISO week (e.g. 2026-W09).",
  "lineitems[].custom_properties.qiao.lag_days": "Expected data lag of the measurement, in days.",
  "lineitems[].custom_properties.qiao.binding_rate": "WeChat lines: planned share of converters binding a phone number (0–1).",
  "lineitems[].custom_properties.qiao.level_explanation": "Why the line has its data level, in one sentence.",
  "lineitems[].kpi_value": "Target in the KPI's unit: counts as numbers, rates as ratios (0.02 = 2 %), money in CNY.",
  "lineitems[].metric_*": "Estimated deliverables from indicative benchmarks (Qiao recomputes them; not imported).",
};

function yuanNumber(fen: number): number {
  return Number(fenToYuanString(fen));
}

function compact(object: Record<string, Json | undefined>): OdsObject {
  const out: OdsObject = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined && value !== "") out[key] = value;
  return out;
}

export type OdsExportOptions = {
  /** ISO date-time of the export. */
  createdAt: string;
  createdByName: string;
  createdById?: string;
};

/** The plan as a Media Plan Open Data Standard v3.0 document (validate it with the four schemas). */
export function planToOdsDocument(plan: DerivedPlan, catalog: PlanCatalog, options: OdsExportOptions): OdsDocument {
  const { campaign } = plan.snapshot;
  const locale: Locale = "en";
  const ecosystemNames = new Map(ECOSYSTEMS.map((e) => [e.id, e]));
  const kpiNames = labelMap("kpi", catalog, locale);
  const models = labelMap("buying_model", catalog, locale);
  const lineitems = plan.lines.map((derived): OdsObject => {
    const { line, placement, estimate } = derived;
    const ecosystem = ecosystemNames.get(placement?.ecosystemId ?? line.ecosystemId);
    const kpi = line.kpiId ? KPIS.find((k) => k.id === line.kpiId) : undefined;
    return compact({
      id: line.id,
      name: line.name,
      start_date: line.startDate,
      end_date: line.endDate,
      channel: "Digital",
      vehicle: ecosystem?.nameEn,
      partner: ecosystem?.adPlatformEn,
      media_product: placement?.nameEn ?? line.placementId,
      target_audience: line.audienceNotes,
      adformat: line.formatNotes,
      kpi: kpi?.nameEn,
      kpi_value: line.kpiTarget === null || !kpi ? undefined : kpi.unit === "fen" ? yuanNumber(line.kpiTarget) : line.kpiTarget,
      buy_type: models.get(line.buyingModel),
      cost_currency: "CNY",
      cost_total: yuanNumber(line.budgetFen),
      cost_media: yuanNumber(line.budgetFen),
      metric_impressions: estimate?.impressions ?? undefined,
      metric_clicks: estimate?.clicks ?? undefined,
      metric_views: estimate?.views ?? undefined,
      metric_conversions: estimate?.conversions ?? undefined,
      metric_engagements: estimate?.engagements ?? undefined,
      dim_custom1: placement?.ecosystemId ?? line.ecosystemId,
      dim_custom2: line.placementId,
      dim_custom3: line.destinationId,
      dim_custom4: line.buyingModel,
      dim_custom5: derived.effectiveLevel,
      dim_custom6: line.kpiId ?? undefined,
      dim_custom7: line.flightingMode,
      dim_custom8: line.measurement.owner ?? undefined,
      dim_custom9: line.measurement.methodId ?? undefined,
      dim_custom10: line.measurement.contractAccess,
      custom_properties: {
        qiao: compact({
          version: line.version,
          position: line.position,
          budget_fen: line.budgetFen,
          unit_cost_fen: line.unitCostFen,
          custom_flighting_fen: line.flightingMode === "custom" && line.customFlightingFen ? { ...line.customFlightingFen } : undefined,
          lag_days: line.measurement.lagDays ?? undefined,
          binding_rate: line.measurement.bindingRate ?? undefined,
          kpi_name_zh: kpi?.nameZh,
          placement_name_zh: placement?.nameZh,
          data_level_name: LEVEL_LABELS[derived.effectiveLevel].en,
          level_explanation: derived.levelExplanation,
        }),
      },
    });
  });

  const dimensionConfig = (dims: Record<string, { caption: string }>) =>
    Object.fromEntries(Object.entries(dims).map(([key, value]) => [key, { status: "enabled", caption: value.caption }])) as OdsObject;

  return {
    meta: compact({
      id: `qiao-${campaign.id}-v${campaign.version}`,
      schema_version: ODS_SCHEMA_VERSION,
      name: campaign.name,
      created_by_id: options.createdById,
      created_by_name: options.createdByName,
      created_at: options.createdAt,
      is_current: true,
      dim_custom1: plan.snapshot.catalogVersion,
      custom_properties: {
        qiao: {
          format: QIAO_ODS_FORMAT,
          format_version: QIAO_ODS_FORMAT_VERSION,
          catalog_version: plan.snapshot.catalogVersion,
          fields: QIAO_PROPERTIES_DOC,
        },
      },
    }),
    campaign: compact({
      id: campaign.id,
      name: campaign.name,
      objective: campaign.objective,
      start_date: campaign.startDate,
      end_date: campaign.endDate,
      budget_currency: "CNY",
      budget_total: yuanNumber(campaign.budgetFen),
      advertiser_name: campaign.clientName,
      workflow_status_id: campaign.status,
      workflow_status_name: labelMap("status", catalog, locale).get(campaign.status),
      dim_custom1: campaign.reportingCurrency,
      dim_custom2: String(campaign.fxRate),
      dim_custom3: campaign.objective,
      custom_properties: { qiao: compact({ version: campaign.version, status: campaign.status, notes: campaign.notes, budget_fen: campaign.budgetFen }) },
    }),
    lineitems,
    dictionary: {
      meta_custom_dimensions: dimensionConfig(META_DIMENSIONS),
      campaign_custom_dimensions: dimensionConfig(CAMPAIGN_DIMENSIONS),
      lineitem_custom_dimensions: dimensionConfig(LINE_DIMENSIONS),
    },
  };
}

// --- Import ------------------------------------------------------------------------------------

export type OdsLineRecord = {
  /** 1-based number of the line item in the document. */
  row: number;
  cells: Partial<Record<LineColumnKey, RawCell>>;
  problems: ImportProblem[];
  customFlightingFen?: Record<string, number>;
};

export type OdsImport = {
  isQiaoDocument: boolean;
  facts: Partial<Record<CampaignFactKey | "campaign.budget_fen", RawCell>>;
  records: OdsLineRecord[];
  problems: ImportProblem[];
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function str(object: Record<string, unknown>, key: string): string | undefined {
  const value = object[key];
  return typeof value === "string" ? value : undefined;
}
function num(object: Record<string, unknown>, key: string): number | undefined {
  const value = object[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
function qiaoOf(object: Record<string, unknown>): Record<string, unknown> {
  const properties = object.custom_properties;
  return isObject(properties) && isObject(properties.qiao) ? properties.qiao : {};
}

function problem(row: number | null, column: string | null, code: string, severity: "error" | "warning", params: Record<string, string | number>): ImportProblem {
  return { row, column, code, messageKey: `import.${code}`, params, severity };
}

// Fields each level reads, or knowingly skips in a Qiao document (written by Qiao, recomputed on import).
const META_READ = new Set(["id", "schema_version", "name", "created_by_id", "created_by_name", "created_at"]);
const META_QIAO = new Set(["is_current", "dim_custom1"]);
const CAMPAIGN_READ = new Set(["id", "name", "objective", "start_date", "end_date", "budget_currency", "budget_total", "advertiser_name", "workflow_status_id", "workflow_status_name"]);
const CAMPAIGN_QIAO = new Set(["dim_custom1", "dim_custom2", "dim_custom3"]);
const LINE_READ = new Set(["id", "name", "start_date", "end_date", "media_product", "media_product_custom", "vehicle", "vehicle_custom", "target_audience", "adformat", "kpi", "kpi_value", "buy_type", "cost_currency", "cost_total"]);
const LINE_QIAO = new Set(["channel", "partner", "cost_media", ...Object.keys(LINE_DIMENSIONS), "metric_impressions", "metric_clicks", "metric_views", "metric_conversions", "metric_engagements"]);

function unreadFields(object: Record<string, unknown>, read: Set<string>, qiao: Set<string>, isQiao: boolean, prefix: string): string[] {
  const fields: string[] = [];
  for (const key of Object.keys(object)) {
    if (read.has(key) || (isQiao && qiao.has(key))) continue;
    if (key === "custom_properties") {
      const properties = object.custom_properties;
      if (isObject(properties)) for (const inner of Object.keys(properties)) if (!(isQiao && inner === "qiao")) fields.push(`${prefix}custom_properties.${inner}`);
      continue;
    }
    fields.push(`${prefix}${key}`);
  }
  return fields;
}

/**
 * A document (already validated against the schema) as campaign facts and line records. Values
 * that only Qiao writes are read only from Qiao's own documents; for others the standard fields
 * are matched against the catalog, and every field left over is reported.
 */
export function odsDocumentToImport(document: Record<string, unknown>, catalog: PlanCatalog): OdsImport {
  const meta = isObject(document.meta) ? document.meta : {};
  const campaign = isObject(document.campaign) ? document.campaign : {};
  const items = Array.isArray(document.lineitems) ? document.lineitems.filter(isObject) : [];
  const metaQiao = qiaoOf(meta);
  const isQiaoDocument = metaQiao.format === QIAO_ODS_FORMAT;
  const problems: ImportProblem[] = [];
  const notImported = new Map<string, number>();
  const report = (fields: string[]) => fields.forEach((field) => notImported.set(field, (notImported.get(field) ?? 0) + 1));

  const version = str(meta, "schema_version");
  if (version !== ODS_SCHEMA_VERSION) problems.push(problem(null, "meta.schema_version", "odsSchemaVersion", "warning", { version: version ?? "", expected: ODS_SCHEMA_VERSION }));
  report(unreadFields(meta, META_READ, META_QIAO, isQiaoDocument, "meta."));
  if (document.dictionary !== undefined && !isQiaoDocument) report(["dictionary"]);
  for (const key of Object.keys(document)) if (!["meta", "campaign", "lineitems", "dictionary"].includes(key)) report([key]);

  // Campaign.
  const campaignQiao = isQiaoDocument ? qiaoOf(campaign) : {};
  const facts: OdsImport["facts"] = {};
  facts["campaign.name"] = textCell(str(campaign, "name"));
  facts["campaign.clientName"] = textCell(str(campaign, "advertiser_name"));
  facts["campaign.objective"] = textCell((isQiaoDocument ? str(campaign, "dim_custom3") : undefined) ?? str(campaign, "objective"));
  facts["campaign.status"] = textCell((typeof campaignQiao.status === "string" ? campaignQiao.status : undefined) ?? str(campaign, "workflow_status_id") ?? str(campaign, "workflow_status_name"));
  facts["campaign.startDate"] = textCell(str(campaign, "start_date"));
  facts["campaign.endDate"] = textCell(str(campaign, "end_date"));
  const budgetCurrency = (str(campaign, "budget_currency") ?? "CNY").toUpperCase();
  if (budgetCurrency !== "CNY") {
    problems.push(problem(null, "campaign.budget_total", "odsCurrencyNotCny", "error", { currency: budgetCurrency, field: "campaign.budget_total" }));
  } else facts["campaign.budget_cny"] = numberCell(num(campaign, "budget_total"));
  if (isQiaoDocument) {
    facts["campaign.reportingCurrency"] = textCell(str(campaign, "dim_custom1"));
    facts["campaign.fxRate"] = textCell(str(campaign, "dim_custom2"));
    if (typeof campaignQiao.notes === "string") facts["campaign.notes"] = textCell(campaignQiao.notes);
    facts["campaign.id"] = textCell(str(campaign, "id"));
    if (typeof campaignQiao.version === "number") facts["campaign.version"] = numberCell(campaignQiao.version);
  }
  report(unreadFields(campaign, CAMPAIGN_READ, CAMPAIGN_QIAO, isQiaoDocument, "campaign."));

  // Line items.
  const placements = new EnumResolver("placement", catalog);
  const kpis = new EnumResolver("kpi", catalog);
  const models = new EnumResolver("buying_model", catalog);
  const records = items.map((item, index): OdsLineRecord => {
    const row = index + 1;
    const qiao = isQiaoDocument ? qiaoOf(item) : {};
    const recordProblems: ImportProblem[] = [];
    const cells: OdsLineRecord["cells"] = {};
    const dim = (key: keyof typeof LINE_DIMENSIONS) => (isQiaoDocument ? str(item, key) : undefined);

    cells.name = textCell(str(item, "name"));
    cells.start_date = textCell(str(item, "start_date"));
    cells.end_date = textCell(str(item, "end_date"));
    if (isQiaoDocument) {
      cells.line_id = textCell(str(item, "id"));
      cells.version = numberCell(typeof qiao.version === "number" ? qiao.version : undefined);
      // Files number lines from 1 (the "#" column); the document keeps the plan's 0-based position.
      cells.position = numberCell(typeof qiao.position === "number" ? qiao.position + 1 : undefined);
      cells.ecosystem = textCell(dim("dim_custom1"));
      cells.destination = textCell(dim("dim_custom3"));
      cells.flighting_mode = textCell(dim("dim_custom7"));
      cells.measurement_owner = textCell(dim("dim_custom8"));
      cells.measurement_method = textCell(dim("dim_custom9"));
      cells.contract_access = textCell(dim("dim_custom10"));
      cells.lag_days = numberCell(typeof qiao.lag_days === "number" ? qiao.lag_days : undefined);
      cells.binding_rate = numberCell(typeof qiao.binding_rate === "number" ? qiao.binding_rate : undefined);
      cells.unit_cost_fen = numberCell(typeof qiao.unit_cost_fen === "number" ? qiao.unit_cost_fen : undefined);
    }

    // Placement: Qiao's key, else the standard's names matched against the catalog.
    const placementKey = dim("dim_custom2");
    if (placementKey) cells.placement = textCell(placementKey);
    else {
      const product = str(item, "media_product") ?? str(item, "media_product_custom");
      const vehicle = str(item, "vehicle") ?? str(item, "vehicle_custom");
      const candidates = [product, vehicle && product ? `${vehicle} ${product}` : undefined, vehicle].filter((c): c is string => Boolean(c));
      const found = candidates.find((candidate) => placements.resolve(candidate).ok);
      cells.placement = textCell(found ?? candidates[1] ?? candidates[0]);
    }

    // Buying model: Qiao's id, else buy_type when it names one.
    const buyType = dim("dim_custom4") ?? str(item, "buy_type");
    if (buyType && models.resolve(buyType).ok) cells.buying_model = textCell(buyType);
    else if (buyType) recordProblems.push(problem(row, "buy_type", "odsBuyTypeNotMapped", "warning", { value: buyType }));

    // Money must be CNY: the standard allows any currency and Qiao plans in CNY only.
    const currency = (str(item, "cost_currency") ?? budgetCurrency).toUpperCase();
    if (currency !== "CNY") recordProblems.push(problem(row, "cost_currency", "odsCurrencyNotCny", "error", { currency, field: "cost_total" }));
    cells.budget_cny = numberCell(num(item, "cost_total"));

    // KPI: Qiao's id, else the standard's name when the catalog knows it; the target comes with it.
    const kpiText = dim("dim_custom6") ?? str(item, "kpi");
    if (kpiText && kpis.resolve(kpiText).ok) {
      cells.kpi = textCell(kpiText);
      cells.kpi_target = numberCell(num(item, "kpi_value"));
    } else if (kpiText) recordProblems.push(problem(row, "kpi", "odsKpiNotMapped", "warning", { value: kpiText }));

    cells.audience_notes = textCell(str(item, "target_audience"));
    cells.format_notes = textCell(str(item, "adformat"));

    let customFlightingFen: Record<string, number> | undefined;
    const flighting = qiao.custom_flighting_fen;
    if (flighting !== undefined) {
      const entries = isObject(flighting) ? Object.entries(flighting) : [];
      if (!isObject(flighting) || entries.some(([week, fen]) => !/^\d{4}-W\d{2}$/.test(week) || typeof fen !== "number" || !Number.isSafeInteger(fen) || fen < 0)) {
        recordProblems.push(problem(row, "custom_properties.qiao.custom_flighting_fen", "customFlightingUnreadable", "error", { value: JSON.stringify(flighting).slice(0, 120) }));
      } else customFlightingFen = Object.fromEntries(entries as [string, number][]);
    }

    report(unreadFields(item, LINE_READ, LINE_QIAO, isQiaoDocument, "lineitems[]."));
    return { row, cells, problems: recordProblems, customFlightingFen };
  });

  for (const [field, count] of notImported) problems.push(problem(null, field, "odsFieldNotImported", "warning", { field, count }));
  return { isQiaoDocument, facts, records, problems };
}
