// The enumerations behind the spreadsheet drop-downs: each list's options (the id stored in the
// plan and its label in each language), in a stable order, and a value's label for one language.
import { BUYING_MODEL_LABELS, BUYING_MODELS } from "./buying-models";
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

/** A text written on a sheet, in each language. */
export type SheetText = Record<Locale, string>;

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

export const LEVEL_LABELS: Record<DataLevel, SheetText> = {
  individual: { en: "Individual", zh: "个人级" },
  transactional: { en: "Transactional", zh: "交易级" },
  aggregated: { en: "Aggregated", zh: "聚合级" },
};

/** Labels of the lists whose values are plain ids (the catalog's lists carry their own names). */
const VALUE_LABELS = {
  flighting_mode: { even: ["Even", "均匀"], front: ["Front-loaded", "前重后轻"], back: ["Back-loaded", "前轻后重"], custom: ["Custom", "自定义"] },
  measurement_owner: { brand: ["Brand", "品牌方"], agency: ["Agency", "代理商"], platform: ["Platform", "媒体平台"], vendor: ["Vendor", "服务商"] },
  contract_access: { yes: ["Yes", "是"], no: ["No", "否"], unknown: ["Unknown", "未知"] },
  objective: { awareness: ["Awareness", "品牌认知"], consideration: ["Consideration", "种草考虑"], conversion: ["Conversion", "转化"], loyalty: ["Loyalty", "忠诚复购"] },
  status: {
    draft: ["Draft", "草稿"],
    in_review: ["In review", "审核中"],
    approved: ["Approved", "已批准"],
    live: ["Live", "投放中"],
    completed: ["Completed", "已完成"],
    archived: ["Archived", "已归档"],
  },
} satisfies {
  flighting_mode: Record<FlightingMode, [string, string]>;
  measurement_owner: Record<(typeof MEASUREMENT_OWNERS)[number], [string, string]>;
  contract_access: Record<(typeof CONTRACT_ACCESS)[number], [string, string]>;
  objective: Record<(typeof OBJECTIVES)[number], [string, string]>;
  status: Record<(typeof CAMPAIGN_STATUSES)[number], [string, string]>;
};

/** One option of a drop-down: the id stored in the plan, its label in each language. */
export type EnumOption = { id: string; en: string; zh: string };

/** The placements an enumeration knows about: the organization's (catalog + custom). */
export type EnumCatalog = { placements: readonly Placement[] };

function fromLabels(ids: readonly string[], labels: Record<string, [string, string]>): EnumOption[] {
  return ids.map((id) => ({ id, en: labels[id]![0], zh: labels[id]![1] }));
}

function fromNamed(items: readonly { id: string; nameEn: string; nameZh: string }[]): EnumOption[] {
  return items.map((item) => ({ id: item.id, en: item.nameEn, zh: item.nameZh }));
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

/** Each list's options in a stable order (catalog order; custom placements after the catalog). */
const OPTIONS: Record<ListId, (catalog: EnumCatalog) => EnumOption[]> = {
  ecosystem: () => fromNamed(ECOSYSTEMS),
  placement: (catalog) => disambiguate(placementOptions(catalog)),
  destination: () => fromNamed(DESTINATIONS),
  buying_model: () => BUYING_MODELS.map((m) => ({ id: m, en: BUYING_MODEL_LABELS[m], zh: BUYING_MODEL_LABELS[m] })),
  kpi: () => fromNamed(KPIS),
  flighting_mode: () => fromLabels(FLIGHTING_MODES, VALUE_LABELS.flighting_mode),
  measurement_owner: () => fromLabels(MEASUREMENT_OWNERS, VALUE_LABELS.measurement_owner),
  measurement_method: () => fromNamed(MEASUREMENT_METHODS),
  contract_access: () => fromLabels(CONTRACT_ACCESS, VALUE_LABELS.contract_access),
  objective: () => fromLabels(OBJECTIVES, VALUE_LABELS.objective),
  status: () => fromLabels(CAMPAIGN_STATUSES, VALUE_LABELS.status),
  reporting_currency: () => REPORTING_CURRENCIES.map((c) => ({ id: c, en: c, zh: c })),
  data_level: () => [...DATA_LEVELS].reverse().map((level) => ({ id: level, ...LEVEL_LABELS[level] })),
};

/** The organization's placements under their own names (not disambiguated). */
export function placementOptions(catalog: EnumCatalog): EnumOption[] {
  return fromNamed(catalog.placements);
}

/** The options of a list, in a stable order (catalog order; custom placements after the catalog). */
export function listOptions(list: ListId, catalog: EnumCatalog): EnumOption[] {
  return OPTIONS[list](catalog);
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
