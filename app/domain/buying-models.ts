// Buying models seen across the platforms (product brief, "Channel catalog").
export const BUYING_MODELS = ["cpm", "cpc", "ocpm", "ocpc", "cpv", "cpa", "cpe", "cpt", "cps"] as const;
export type BuyingModel = (typeof BUYING_MODELS)[number];

/** How each model is written in every language (the industry's abbreviations): the UI's `model.*` strings and the sheets' drop-downs. */
export const BUYING_MODEL_LABELS: Record<BuyingModel, string> = {
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

export function isBuyingModel(value: unknown): value is BuyingModel {
  return typeof value === "string" && (BUYING_MODELS as readonly string[]).includes(value);
}

/** How the money of a buy behaves: paid per unit delivered, a fixed price per period, or a commission on sales. */
export type CostBasis = "per-unit" | "fixed" | "commission";

export const COST_BASIS: Record<BuyingModel, CostBasis> = {
  cpm: "per-unit",
  cpc: "per-unit",
  ocpm: "per-unit", // optimised CPM: billed per thousand impressions, bid towards a conversion goal
  ocpc: "per-unit", // optimised CPC: billed per click
  cpv: "per-unit",
  cpa: "per-unit",
  cpe: "per-unit",
  cpt: "fixed", // cost per time: a fixed price for a slot and period
  cps: "commission", // cost per sale: a commission, no upfront budget
};

/**
 * Indicative benchmarks for one placement. Money in fen; rates as ratios (0.012 = 1.2 %).
 * Always "indicative": weak public figures, editable defaults, never facts.
 */
export type Benchmarks = {
  cpmFen?: number;
  cpcFen?: number;
  cpvFen?: number;
  cpaFen?: number;
  cpeFen?: number;
  /** Price of a fixed (CPT) buy per day. */
  cptFenPerDay?: number;
  /** Impressions a fixed (CPT) slot delivers per day, when the platform publishes a figure. */
  impressionsPerDay?: number;
  /** Clicks per impression. */
  ctr?: number;
  /** Views (video plays counted by the platform) per impression. */
  viewRate?: number;
  /** Conversions per click. */
  cvr?: number;
  /** Engagements per impression. */
  engagementRate?: number;
  /** Commission on sales for a CPS buy. */
  commissionRate?: number;
};
