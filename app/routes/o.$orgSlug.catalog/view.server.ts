import { isBuyingModel, type BuyingModel } from "~/domain/buying-models";
import { DESTINATIONS, ECOSYSTEMS, FUNNEL_STAGES, getEcosystem, type FunnelStage } from "~/domain/catalog";
import { buildCatalogRows, countRoutesByEcosystemAndLevel, filterCatalogRows, type CatalogFilters } from "~/domain/catalog-view";
import { isDataLevel, type DataLevel } from "~/domain/data-level";
import { explainLevel, type LevelOverride, type ResolvedLevel } from "~/domain/openness";
import type { Locale } from "~/i18n/config";
import type { OrganizationCatalog } from "~/services/catalog.server";

// Shapes the catalog for the page in the reader's language, so the browser gets text, not the catalog.

export function readFilters(url: URL): CatalogFilters {
  const ecosystemId = url.searchParams.get("ecosystem") ?? "";
  const level = url.searchParams.get("level") ?? "";
  const stage = url.searchParams.get("stage") ?? "";
  const model = url.searchParams.get("model") ?? "";
  return {
    ecosystemId: getEcosystem(ecosystemId) ? ecosystemId : undefined,
    level: isDataLevel(level) ? level : undefined,
    funnelStage: (FUNNEL_STAGES as readonly string[]).includes(stage) ? (stage as FunnelStage) : undefined,
    buyingModel: isBuyingModel(model) ? (model as BuyingModel) : undefined,
  };
}

type OverrideView = { by: string | null; at: string | null; justification: string } | null;

function overrideView(resolved: ResolvedLevel): OverrideView {
  const o: LevelOverride | null = resolved.override;
  return o ? { by: o.by ?? null, at: o.at ?? null, justification: o.justification } : null;
}

const pick = (locale: Locale, en: string, zh: string) => (locale === "zh" ? zh : en);

export function catalogPageData(catalog: OrganizationCatalog, filters: CatalogFilters, locale: Locale) {
  const rows = buildCatalogRows(catalog.placements, catalog.levelOverrides);
  const filtered = filterCatalogRows(rows, filters);
  const placements = filtered.map((row) => {
    const { placement } = row;
    const ecosystem = getEcosystem(placement.ecosystemId);
    return {
      id: placement.id,
      name: pick(locale, placement.nameEn, placement.nameZh),
      otherName: pick(locale, placement.nameZh, placement.nameEn),
      description: pick(locale, placement.descriptionEn, placement.descriptionZh),
      ecosystemId: placement.ecosystemId,
      ecosystemName: ecosystem ? pick(locale, ecosystem.nameEn, ecosystem.nameZh) : placement.ecosystemId,
      ecosystemColor: ecosystem?.colorHex ?? "#64748b",
      funnelStage: placement.funnelStage,
      buyingModels: [...placement.buyingModels],
      isCustom: placement.isCustom,
      reporting: { level: row.reporting.level, catalogLevel: row.reporting.catalogLevel, override: overrideView(row.reporting) },
      routes: row.routes.map((route) => ({
        destinationId: route.destination.id,
        name: pick(locale, route.destination.nameEn, route.destination.nameZh),
        captured: pick(locale, route.destination.capturedEn, route.destination.capturedZh),
        capture: { level: route.capture.level, catalogLevel: route.capture.catalogLevel, override: overrideView(route.capture) },
        effective: route.effective,
      })),
      bestLevel: row.bestLevel,
      bestExplanation: row.best ? explainLevel(placement, row.best.destination, locale, catalog.levelOverrides) : null,
      benchmarks: placement.benchmarks,
      orgBenchmarks: catalog.benchmarkOverrides[placement.id] ?? null,
      bidBounds: Object.entries(placement.bidBoundsFen).map(([model, bounds]) => ({ model, minFen: bounds!.minFen, maxFen: bounds!.maxFen })),
    };
  });
  const chart = countRoutesByEcosystemAndLevel(rows).map((entry) => {
    const ecosystem = getEcosystem(entry.ecosystemId)!;
    return { ecosystemId: entry.ecosystemId, name: pick(locale, ecosystem.nameEn, ecosystem.nameZh), color: ecosystem.colorHex, counts: entry.counts };
  });
  return {
    placements,
    chart,
    total: rows.length,
    ecosystems: ECOSYSTEMS.map((e) => ({ id: e.id, name: pick(locale, e.nameEn, e.nameZh) })),
    placementOptions: catalog.placements.map((p) => ({ id: p.id, name: pick(locale, p.nameEn, p.nameZh), ecosystemId: p.ecosystemId })),
    destinationOptions: DESTINATIONS.filter((d) => d.isClickOut).map((d) => ({ id: d.id, name: pick(locale, d.nameEn, d.nameZh) })),
    overrides: catalog.levelOverrides.map((o) => ({ ...o, level: o.level as DataLevel })),
  };
}
