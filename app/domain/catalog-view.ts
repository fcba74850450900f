// What the catalog page shows: each placement with its reachable destinations and the level each
// route gives back (brief rules 1–3), filtered; plus the ecosystem × level counts for the chart.
import type { BuyingModel } from "./buying-models";
import { DESTINATIONS, ECOSYSTEMS, getDestination, type Destination, type FunnelStage, type Placement } from "./catalog";
import { DATA_LEVELS, levelRank, type DataLevel } from "./data-level";
import { destinationLevel, placementLevel, resolveLineLevel, type LevelOverride, type ResolvedLevel } from "./openness";

export type CatalogRoute = { destination: Destination; capture: ResolvedLevel; effective: DataLevel };

export type CatalogRow = {
  placement: Placement;
  reporting: ResolvedLevel;
  routes: CatalogRoute[];
  /** The most open route (first in catalog order among equals). */
  best: CatalogRoute | null;
  bestLevel: DataLevel;
};

export type CatalogFilters = { ecosystemId?: string; level?: DataLevel; funnelStage?: FunnelStage; buyingModel?: BuyingModel };

export function buildCatalogRows(placements: readonly Placement[], overrides: readonly LevelOverride[] = []): CatalogRow[] {
  return placements.map((placement) => {
    const reporting = placementLevel(placement, overrides);
    const routes: CatalogRoute[] = placement.destinations.flatMap((id) => {
      const destination = getDestination(id);
      if (!destination) return [];
      return [{ destination, capture: destinationLevel(destination, overrides), effective: resolveLineLevel(placement, destination, overrides).effective }];
    });
    const best = routes.reduce<CatalogRoute | null>((top, route) => (!top || levelRank(route.effective) > levelRank(top.effective) ? route : top), null);
    return { placement, reporting, routes, best, bestLevel: best?.effective ?? reporting.level };
  });
}

export function filterCatalogRows(rows: readonly CatalogRow[], filters: CatalogFilters): CatalogRow[] {
  return rows.filter(
    (row) =>
      (!filters.ecosystemId || row.placement.ecosystemId === filters.ecosystemId) &&
      (!filters.level || row.bestLevel === filters.level) &&
      (!filters.funnelStage || row.placement.funnelStage === filters.funnelStage) &&
      (!filters.buyingModel || row.placement.buyingModels.includes(filters.buyingModel)),
  );
}

export type EcosystemLevelCounts = { ecosystemId: string; counts: Record<DataLevel, number> };

/** Per ecosystem, how many placement → destination routes give each level (the small chart). */
export function countRoutesByEcosystemAndLevel(rows: readonly CatalogRow[]): EcosystemLevelCounts[] {
  return ECOSYSTEMS.map((ecosystem) => {
    const counts = Object.fromEntries(DATA_LEVELS.map((level) => [level, 0])) as Record<DataLevel, number>;
    for (const row of rows) {
      if (row.placement.ecosystemId !== ecosystem.id) continue;
      for (const route of row.routes) counts[route.effective]++;
    }
    return { ecosystemId: ecosystem.id, counts };
  });
}

export { DESTINATIONS };
