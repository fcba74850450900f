// Integrity rules of a placement: checked over the whole catalog in the unit tests and reusable
// for the custom placements organizations add (same Placement type).
import { BUYING_MODELS, type Benchmarks, type BuyingModel } from "../buying-models";
import { isDataLevel } from "../data-level";
import { DATA_PRODUCTS } from "./data-products";
import { DESTINATION_IDS, ECOSYSTEM_IDS, FUNNEL_STAGES, PLACEMENT_FORMATS, type Placement } from "./types";

export type PlacementProblemCode =
  | "invalid-id"
  | "unknown-ecosystem"
  | "missing-name"
  | "no-buying-models"
  | "unknown-buying-model"
  | "duplicate-buying-model"
  | "default-model-not-offered"
  | "bounds-for-model-not-offered"
  | "invalid-bounds"
  | "benchmark-outside-bounds"
  | "invalid-benchmark"
  | "invalid-level"
  | "invalid-funnel-stage"
  | "invalid-format"
  | "no-destinations"
  | "unknown-destination"
  | "duplicate-destination"
  | "unknown-data-product"
  | "data-product-of-other-ecosystem";

export type PlacementProblem = { code: PlacementProblemCode; detail?: string };

const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MONEY_KEYS = ["cpmFen", "cpcFen", "cpvFen", "cpaFen", "cpeFen", "cptFenPerDay"] as const satisfies readonly (keyof Benchmarks)[];
const RATE_KEYS = ["ctr", "viewRate", "cvr", "engagementRate", "commissionRate"] as const satisfies readonly (keyof Benchmarks)[];

// What a bid on each model prices, to compare a benchmark with the API bounds; oCPM / oCPC bid a target cost per conversion.
const UNIT_BID_KEY: Partial<Record<BuyingModel, keyof Benchmarks>> = { cpc: "cpcFen", cpm: "cpmFen", cpv: "cpvFen", cpe: "cpeFen", cpa: "cpaFen" };

function isPositiveSafeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

function checkBenchmarks(benchmarks: Benchmarks, problems: PlacementProblem[]) {
  for (const key of MONEY_KEYS) {
    const value = benchmarks[key];
    if (value !== undefined && !isPositiveSafeInteger(value)) problems.push({ code: "invalid-benchmark", detail: key });
  }
  for (const key of RATE_KEYS) {
    const value = benchmarks[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0 && value <= 1)) problems.push({ code: "invalid-benchmark", detail: key });
  }
  if (benchmarks.impressionsPerDay !== undefined && !isPositiveSafeInteger(benchmarks.impressionsPerDay)) {
    problems.push({ code: "invalid-benchmark", detail: "impressionsPerDay" });
  }
}

/** Every problem of a placement; an empty list means it is consistent with the catalog. */
export function listPlacementProblems(placement: Placement): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  if (!KEBAB_ID.test(placement.id)) problems.push({ code: "invalid-id", detail: placement.id });
  if (!(ECOSYSTEM_IDS as readonly string[]).includes(placement.ecosystemId)) problems.push({ code: "unknown-ecosystem", detail: placement.ecosystemId });
  if (placement.nameEn.trim() === "") problems.push({ code: "missing-name", detail: "nameEn" });
  if (placement.nameZh.trim() === "") problems.push({ code: "missing-name", detail: "nameZh" });

  if (placement.buyingModels.length === 0) problems.push({ code: "no-buying-models" });
  for (const model of placement.buyingModels) {
    if (!(BUYING_MODELS as readonly string[]).includes(model)) problems.push({ code: "unknown-buying-model", detail: model });
  }
  if (new Set(placement.buyingModels).size !== placement.buyingModels.length) problems.push({ code: "duplicate-buying-model" });
  if (!placement.buyingModels.includes(placement.defaultBuyingModel)) {
    problems.push({ code: "default-model-not-offered", detail: placement.defaultBuyingModel });
  }

  for (const [model, bounds] of Object.entries(placement.bidBoundsFen) as [BuyingModel, NonNullable<Placement["bidBoundsFen"][BuyingModel]>][]) {
    if (!placement.buyingModels.includes(model)) problems.push({ code: "bounds-for-model-not-offered", detail: model });
    if (!(isPositiveSafeInteger(bounds.minFen) && isPositiveSafeInteger(bounds.maxFen) && bounds.minFen < bounds.maxFen)) {
      problems.push({ code: "invalid-bounds", detail: model });
      continue;
    }
    const key = bounds.bidsOn === "conversion-target" ? "cpaFen" : UNIT_BID_KEY[model];
    const benchmark = key === undefined ? undefined : placement.benchmarks[key];
    if (benchmark !== undefined && (benchmark < bounds.minFen || benchmark > bounds.maxFen)) {
      problems.push({ code: "benchmark-outside-bounds", detail: model });
    }
  }
  checkBenchmarks(placement.benchmarks, problems);

  if (!isDataLevel(placement.reportingLevel)) problems.push({ code: "invalid-level", detail: String(placement.reportingLevel) });
  if (!(FUNNEL_STAGES as readonly string[]).includes(placement.funnelStage)) problems.push({ code: "invalid-funnel-stage" });
  for (const format of placement.formats) {
    if (!(PLACEMENT_FORMATS as readonly string[]).includes(format)) problems.push({ code: "invalid-format", detail: format });
  }

  if (placement.destinations.length === 0) problems.push({ code: "no-destinations" });
  for (const id of placement.destinations) {
    if (!(DESTINATION_IDS as readonly string[]).includes(id)) problems.push({ code: "unknown-destination", detail: id });
  }
  if (new Set(placement.destinations).size !== placement.destinations.length) problems.push({ code: "duplicate-destination" });

  for (const id of placement.dataProducts) {
    const product = DATA_PRODUCTS.find((candidate) => candidate.id === id);
    if (!product) problems.push({ code: "unknown-data-product", detail: id });
    else if (product.ecosystemId !== placement.ecosystemId) problems.push({ code: "data-product-of-other-ecosystem", detail: id });
  }
  return problems;
}
