import { sql } from "drizzle-orm";
import { queryRows, type DatabaseHandle } from "@db/client";
import { catalogDestinations, catalogEcosystems, catalogPlacements } from "@db/schema";
import { CATALOG_VERSION, DESTINATIONS, ECOSYSTEMS, PLACEMENTS } from "~/domain/catalog";

/**
 * Copies the catalog (reference data in code) into its tables when the stored version differs.
 * Runs at start-up as the owner login, which may write the reference tables; the app role may not.
 */
export async function syncCatalog(handle: DatabaseHandle): Promise<boolean> {
  const rows = await queryRows<{ version: string | null }>(handle.db, sql`select max(catalog_version) as version from catalog_ecosystems`);
  if (rows[0]?.version === CATALOG_VERSION) return false;
  await handle.db.transaction(async (tx) => {
    await tx.delete(catalogPlacements);
    await tx.delete(catalogDestinations);
    await tx.delete(catalogEcosystems);
    await tx.insert(catalogEcosystems).values(ECOSYSTEMS.map((e) => ({ id: e.id, nameEn: e.nameEn, nameZh: e.nameZh, catalogVersion: CATALOG_VERSION })));
    await tx.insert(catalogDestinations).values(
      DESTINATIONS.map((d) => ({ id: d.id, ecosystemId: d.ecosystemId, nameEn: d.nameEn, nameZh: d.nameZh, captureLevel: d.captureLevel, catalogVersion: CATALOG_VERSION })),
    );
    await tx.insert(catalogPlacements).values(
      PLACEMENTS.map((p) => ({
        id: p.id,
        ecosystemId: p.ecosystemId,
        nameEn: p.nameEn,
        nameZh: p.nameZh,
        reportingLevel: p.reportingLevel,
        funnelStage: p.funnelStage,
        buyingModels: [...p.buyingModels],
        destinations: [...p.destinations],
        catalogVersion: CATALOG_VERSION,
      })),
    );
  });
  return true;
}
