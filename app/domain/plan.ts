// The plan as the domain sees it: a campaign and its line items, plain data (no database types).
// Exports, imports, versions and the measurement plan all work on this shape.
import type { BuyingModel } from "./buying-models";
import type { DestinationId, EcosystemId, KpiId, MeasurementOwner } from "./catalog";
import type { FlightingMode } from "./flighting";

export const OBJECTIVES = ["awareness", "consideration", "conversion", "loyalty"] as const;
export type Objective = (typeof OBJECTIVES)[number];

export const CAMPAIGN_STATUSES = ["draft", "in_review", "approved", "live", "completed", "archived"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Reporting currencies HQ typically asks for; the plan itself is always in CNY. */
export const REPORTING_CURRENCIES = ["CNY", "EUR", "USD", "GBP", "CHF", "JPY", "KRW", "SGD", "HKD", "AUD"] as const;
export type ReportingCurrency = (typeof REPORTING_CURRENCIES)[number];

export const CONTRACT_ACCESS = ["yes", "no", "unknown"] as const;
export type ContractAccess = (typeof CONTRACT_ACCESS)[number];

export type CampaignPlan = {
  id: string;
  name: string;
  clientName: string;
  objective: Objective;
  /** ISO dates, inclusive. */
  startDate: string;
  endDate: string;
  budgetFen: number;
  currency: "CNY";
  reportingCurrency: ReportingCurrency;
  /** CNY per one unit of the reporting currency (EUR at 7.8 → 7.8). 1 when the reporting currency is CNY. */
  fxRate: number;
  status: CampaignStatus;
  notes: string;
  version: number;
};

/** What a planner edits on a line's measurement row (issue 6); the rest of the row is derived. */
export type LineMeasurement = {
  owner: MeasurementOwner | null;
  methodId: string | null;
  lagDays: number | null;
  contractAccess: ContractAccess;
  /** WeChat lines: share of converters expected to bind a phone number (0–1). */
  bindingRate: number | null;
};

export type PlanLine = {
  id: string;
  /** Order in the plan, 0-based. */
  position: number;
  name: string;
  ecosystemId: EcosystemId;
  /** A catalog placement id, or "custom-<uuid>" for an organization's own. */
  placementId: string;
  destinationId: DestinationId;
  buyingModel: BuyingModel;
  /** Typed by the planner; null: use the benchmark. */
  unitCostFen: number | null;
  budgetFen: number;
  startDate: string;
  endDate: string;
  kpiId: KpiId | null;
  /** Target value in the KPI's unit (count, ratio, fen, multiple). */
  kpiTarget: number | null;
  audienceNotes: string;
  formatNotes: string;
  flightingMode: FlightingMode;
  /** ISO week → fen, only for custom flighting. */
  customFlightingFen: Record<string, number> | null;
  measurement: LineMeasurement;
  version: number;
};

export type PlanSnapshot = { campaign: CampaignPlan; lines: PlanLine[]; catalogVersion: string };

export const DEFAULT_MEASUREMENT: LineMeasurement = { owner: null, methodId: null, lagDays: null, contractAccess: "unknown", bindingRate: null };

/** The campaign's content fields: what a diff or an import compares (id, currency, version and status are not content). */
export const CAMPAIGN_CONTENT_FIELDS = [
  "name",
  "clientName",
  "objective",
  "startDate",
  "endDate",
  "budgetFen",
  "reportingCurrency",
  "fxRate",
  "notes",
] as const satisfies readonly (keyof CampaignPlan)[];

/** A line's content fields (position is order, not content; flighting amounts and measurement are compared apart). */
export const LINE_CONTENT_FIELDS = [
  "name",
  "ecosystemId",
  "placementId",
  "destinationId",
  "buyingModel",
  "unitCostFen",
  "budgetFen",
  "startDate",
  "endDate",
  "kpiId",
  "kpiTarget",
  "audienceNotes",
  "formatNotes",
  "flightingMode",
] as const satisfies readonly (keyof PlanLine)[];

export const MEASUREMENT_FIELDS = ["owner", "methodId", "lagDays", "contractAccess", "bindingRate"] as const satisfies readonly (keyof LineMeasurement)[];

// ── The line's shape, once ────────────────────────────────────────────────────────────────────
// PlanLine above is the one definition. Every other shape of a line is derived from it here: what a
// person sets (form, file, bulk add), what is stored, and the mappers between them. The table in
// db/schema/campaigns.ts types its columns with the same domain types, so a row is a PlanLine plus
// its tenant keys and timestamps.

type LineContentField = (typeof LINE_CONTENT_FIELDS)[number];
export type LineInputField = Exclude<LineContentField, "ecosystemId"> | "customFlightingFen";

/** What a person sets on a line: its content (the ecosystem follows the placement) and its weekly amounts. */
export const LINE_INPUT_FIELDS: readonly LineInputField[] = [
  ...LINE_CONTENT_FIELDS.filter((field): field is Exclude<LineContentField, "ecosystemId"> => field !== "ecosystemId"),
  "customFlightingFen",
];

export type LineInput = Pick<PlanLine, LineInputField>;

/** A line as stored, without its identity, place and version. */
export type LineFields = Omit<PlanLine, "id" | "position" | "version">;

function pickFields<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = source[key];
  return out;
}

/** The input fields of any line-shaped value (a saved line, an imported one, a merge result). */
export function lineInputOf(line: LineInput): LineInput {
  return pickFields(line, LINE_INPUT_FIELDS);
}

/** What is stored for an input: the name it ends up with, its placement's ecosystem and its measurement row; weekly amounts only for custom flighting. */
export function lineFieldsOf(input: LineInput, derived: { name: string; ecosystemId: EcosystemId; measurement: LineMeasurement }): LineFields {
  return {
    ...lineInputOf(input),
    ...derived,
    customFlightingFen: input.flightingMode === "custom" ? input.customFlightingFen : null,
  };
}

const STORED_FIELDS = ["ecosystemId", "measurement", ...LINE_INPUT_FIELDS] as const satisfies readonly (keyof LineFields)[];

/** The stored fields of a row (a copy, a restore, a duplicate keep exactly these). */
export function storedLineFields(row: LineFields): LineFields {
  return pickFields(row, STORED_FIELDS);
}

/** A stored row as the plan's line (a measurement row saved before a field existed gets its default). */
export function planLineOf(row: LineFields & Pick<PlanLine, "id" | "position" | "version">): PlanLine {
  return { ...storedLineFields(row), id: row.id, position: row.position, version: row.version, measurement: { ...DEFAULT_MEASUREMENT, ...row.measurement } };
}

/** Where a line on a placement lands when nobody said: the placement's first destination. */
export function defaultDestinationOf(placement: { destinations: readonly DestinationId[] }): DestinationId {
  return placement.destinations[0] ?? "none";
}

/** A new line on a placement with its defaults, over the given dates: what "add these placements" starts from. */
export function newLineInput(placement: { id: string; destinations: readonly DestinationId[]; defaultBuyingModel: BuyingModel }, dates: { startDate: string; endDate: string }): LineInput {
  return {
    name: "",
    placementId: placement.id,
    destinationId: defaultDestinationOf(placement),
    buyingModel: placement.defaultBuyingModel,
    unitCostFen: null,
    budgetFen: 0,
    startDate: dates.startDate,
    endDate: dates.endDate,
    kpiId: null,
    kpiTarget: null,
    audienceNotes: "",
    formatNotes: "",
    flightingMode: "even",
    customFlightingFen: null,
  };
}
