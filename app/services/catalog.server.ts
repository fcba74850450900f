import { BUYING_MODELS, isBuyingModel, type Benchmarks, type BuyingModel } from "~/domain/buying-models";
import {
  DESTINATIONS,
  ECOSYSTEM_IDS,
  FUNNEL_STAGES,
  getDestination,
  getPlacement,
  PLACEMENTS,
  PLACEMENT_FORMATS,
  type DestinationId,
  type EcosystemId,
  type FunnelStage,
  type Placement,
  type PlacementFormat,
} from "~/domain/catalog";
import { isDataLevel, type DataLevel } from "~/domain/data-level";
import { MIN_JUSTIFICATION_LENGTH, type LevelOverride } from "~/domain/openness";
import { recordActivity } from "~/models/activity.server";
import {
  deleteBenchmarkOverride,
  deleteLevelOverride,
  findCatalogOverlay,
  findLevelOverride,
  insertCustomPlacement,
  upsertBenchmarkOverride,
  upsertLevelOverride,
} from "~/models/catalog.server";
import type { CustomPlacementRow } from "@db/schema";
import { inScope, type Access } from "~/tenancy/access.server";
import type { Scope } from "~/models/scope.server";

export const CUSTOM_PREFIX = "custom-";

/** The catalog as one organization sees it: catalog + its custom placements, its benchmarks and level overrides. */
export type OrganizationCatalog = {
  placements: Placement[];
  benchmarkOverrides: Record<string, Benchmarks>;
  levelOverrides: LevelOverride[];
};

export function customPlacementToDomain(row: CustomPlacementRow): Placement {
  const buyingModels = row.buyingModels.filter(isBuyingModel);
  return {
    id: `${CUSTOM_PREFIX}${row.id}`,
    ecosystemId: row.ecosystemId as EcosystemId,
    nameEn: row.nameEn,
    nameZh: row.nameZh,
    descriptionEn: row.descriptionEn,
    descriptionZh: row.descriptionZh,
    buyingModels,
    defaultBuyingModel: isBuyingModel(row.defaultBuyingModel) ? row.defaultBuyingModel : (buyingModels[0] ?? "cpm"),
    bidBoundsFen: {},
    reportingLevel: isDataLevel(row.reportingLevel) ? row.reportingLevel : "aggregated",
    funnelStage: row.funnelStage as FunnelStage,
    formats: row.formats as PlacementFormat[],
    benchmarks: row.benchmarks,
    benchmarkStatus: "indicative",
    destinations: row.destinations as DestinationId[],
    dataProducts: [],
    isCustom: true,
    sources: [],
  };
}

/** One statement, whatever the size of the catalog. */
export async function loadOrganizationCatalog(scope: Scope): Promise<OrganizationCatalog> {
  const { customs, benchmarks, levels } = await findCatalogOverlay(scope);
  return {
    placements: [...PLACEMENTS, ...customs.map(customPlacementToDomain)],
    benchmarkOverrides: Object.fromEntries(benchmarks.map((row) => [row.placementId, row.benchmarks])),
    levelOverrides: levels.map((row) => ({
      targetType: row.targetType,
      targetId: row.targetId,
      level: row.level,
      justification: row.justification,
      by: row.setByName ?? undefined,
      at: row.setAt.toISOString(),
    })),
  };
}

export function findOrganizationPlacement(catalog: OrganizationCatalog, placementId: string): Placement | undefined {
  return catalog.placements.find((placement) => placement.id === placementId);
}

export type CatalogChangeResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> };

export async function setLevelOverride(
  access: Access,
  input: { targetType: "placement" | "destination"; targetId: string; level: DataLevel; justification: string },
): Promise<CatalogChangeResult> {
  if (input.justification.trim().length < MIN_JUSTIFICATION_LENGTH) return { ok: false, fieldErrors: { justification: ["catalog.justificationTooShort"] } };
  return inScope(access, async (scope) => {
    const catalog = await loadOrganizationCatalog(scope);
    const exists = input.targetType === "placement" ? Boolean(findOrganizationPlacement(catalog, input.targetId)) : Boolean(getDestination(input.targetId));
    if (!exists) return { ok: false, fieldErrors: { targetId: ["catalog.unknownTarget"] } };
    if (input.targetType === "destination" && input.targetId === "none") return { ok: false, fieldErrors: { targetId: ["catalog.noClickOutFixed"] } };
    const before = await findLevelOverride(scope, input.targetType, input.targetId);
    await upsertLevelOverride(scope, { ...input, setByName: access.user.name });
    await recordActivity(scope, {
      subjectType: `level_override:${input.targetType}`,
      subjectId: input.targetId,
      action: before ? "updated" : "created",
      changes: { level: { from: before?.level ?? null, to: input.level }, justification: { from: before?.justification ?? null, to: input.justification.trim() } },
    });
    return { ok: true };
  });
}

export async function removeLevelOverride(access: Access, targetType: "placement" | "destination", targetId: string): Promise<boolean> {
  return inScope(access, async (scope) => {
    const before = await findLevelOverride(scope, targetType, targetId);
    if (!before || (await deleteLevelOverride(scope, targetType, targetId)) === 0) return false;
    await recordActivity(scope, {
      subjectType: `level_override:${targetType}`,
      subjectId: targetId,
      action: "removed",
      changes: { level: { from: before.level, to: null }, justification: { from: before.justification, to: null } },
    });
    return true;
  });
}

export async function setBenchmarkOverride(access: Access, placementId: string, benchmarks: Benchmarks): Promise<CatalogChangeResult> {
  return inScope(access, async (scope) => {
    const catalog = await loadOrganizationCatalog(scope);
    if (!findOrganizationPlacement(catalog, placementId)) return { ok: false, fieldErrors: { placementId: ["catalog.unknownTarget"] } };
    const cleaned = Object.fromEntries(Object.entries(benchmarks).filter(([, v]) => v !== undefined && v !== null)) as Benchmarks;
    const before = catalog.benchmarkOverrides[placementId] ?? null;
    if (Object.keys(cleaned).length === 0) await deleteBenchmarkOverride(scope, placementId);
    else await upsertBenchmarkOverride(scope, placementId, cleaned);
    await recordActivity(scope, { subjectType: "benchmark_override", subjectId: placementId, action: "updated", changes: { benchmarks: { from: before, to: cleaned } } });
    return { ok: true };
  });
}

export type CustomPlacementInput = {
  ecosystemId: EcosystemId;
  nameEn: string;
  nameZh: string;
  buyingModels: BuyingModel[];
  reportingLevel: DataLevel;
  funnelStage: FunnelStage;
  destinations: DestinationId[];
  benchmarks: Benchmarks;
};

export async function addCustomPlacement(access: Access, input: CustomPlacementInput): Promise<{ id: string }> {
  return inScope(access, async (scope) => {
    const row = await insertCustomPlacement(scope, {
      ecosystemId: input.ecosystemId,
      nameEn: input.nameEn.trim(),
      nameZh: input.nameZh.trim(),
      buyingModels: input.buyingModels,
      defaultBuyingModel: input.buyingModels[0]!,
      reportingLevel: input.reportingLevel,
      funnelStage: input.funnelStage,
      formats: [],
      benchmarks: input.benchmarks,
      destinations: input.destinations,
    });
    await recordActivity(scope, { subjectType: "custom_placement", subjectId: row.id, action: "created", changes: { nameEn: row.nameEn, nameZh: row.nameZh, ecosystemId: row.ecosystemId } });
    return { id: `${CUSTOM_PREFIX}${row.id}` };
  });
}

export const CATALOG_ENUMS = { ECOSYSTEM_IDS, FUNNEL_STAGES, BUYING_MODELS, DESTINATION_IDS: DESTINATIONS.map((d) => d.id), PLACEMENT_FORMATS };
export { getPlacement };
