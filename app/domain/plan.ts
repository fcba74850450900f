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
