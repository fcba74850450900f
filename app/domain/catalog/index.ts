// The channel catalog: shared reference data, versioned in code (brief "Domain model"; issue 4).
// Bump CATALOG_VERSION whenever a level, a reachable destination or a KPI requirement changes, so
// stored plans can tell which catalog they were made against.
import { DATA_PRODUCTS } from "./data-products";
import { DESTINATIONS } from "./destinations";
import { ECOSYSTEMS } from "./ecosystems";
import { KPIS } from "./kpis";
import { MEASUREMENT_METHODS } from "./measurement-methods";
import { PLACEMENTS } from "./placements";
import type { DataProduct, Destination, DestinationId, Ecosystem, EcosystemId, Kpi, KpiId, MeasurementMethod, Placement } from "./types";

export const CATALOG_VERSION = "2026.11-1";

export * from "./types";
export { DATA_PRODUCTS, DESTINATIONS, ECOSYSTEMS, KPIS, MEASUREMENT_METHODS, PLACEMENTS };
export { SOURCES, type Source } from "./sources";
export { listPlacementProblems, type PlacementProblem, type PlacementProblemCode } from "./validate";

function indexById<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

const ECOSYSTEMS_BY_ID = indexById(ECOSYSTEMS);
const PLACEMENTS_BY_ID = indexById(PLACEMENTS);
const DESTINATIONS_BY_ID = indexById(DESTINATIONS);
const DATA_PRODUCTS_BY_ID = indexById(DATA_PRODUCTS);
const KPIS_BY_ID = indexById(KPIS);
const METHODS_BY_ID = indexById(MEASUREMENT_METHODS);

// Lookups take plain strings because ids arrive from the database, URLs and imports; unknown ids give undefined.
export function getEcosystem(id: string): Ecosystem | undefined {
  return ECOSYSTEMS_BY_ID.get(id);
}
/** A catalog placement; custom placements of an organization live in the database, not here. */
export function getPlacement(id: string): Placement | undefined {
  return PLACEMENTS_BY_ID.get(id);
}
export function getDestination(id: string): Destination | undefined {
  return DESTINATIONS_BY_ID.get(id);
}
export function getDataProduct(id: string): DataProduct | undefined {
  return DATA_PRODUCTS_BY_ID.get(id);
}
export function getKpi(id: string): Kpi | undefined {
  return KPIS_BY_ID.get(id);
}
/** A typed id from a plain string (a form, a file), or false. */
export function isDestinationId(id: string): id is DestinationId {
  return DESTINATIONS_BY_ID.has(id);
}
export function isKpiId(id: string): id is KpiId {
  return KPIS_BY_ID.has(id);
}
export function getMeasurementMethod(id: string): MeasurementMethod | undefined {
  return METHODS_BY_ID.get(id);
}

export function listPlacementsOf(ecosystemId: EcosystemId): Placement[] {
  return PLACEMENTS.filter((placement) => placement.ecosystemId === ecosystemId);
}
