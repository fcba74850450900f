import { and, asc, eq, isNull } from "drizzle-orm";
import { benchmarkOverrides, customPlacements, levelOverrides, organizations, type BenchmarkOverrideRow, type CustomPlacementRow, type LevelOverrideRow } from "@db/schema";
import type { Benchmarks } from "~/domain/buying-models";
import type { Scope } from "~/models/scope.server";

export async function findLevelOverride(scope: Scope, targetType: "placement" | "destination", targetId: string) {
  const [row] = await scope.tx
    .select()
    .from(levelOverrides)
    .where(and(eq(levelOverrides.organizationId, scope.organizationId), eq(levelOverrides.targetType, targetType), eq(levelOverrides.targetId, targetId)));
  return row;
}

export async function upsertLevelOverride(
  scope: Scope,
  input: { targetType: "placement" | "destination"; targetId: string; level: LevelOverrideRow["level"]; justification: string; setByName: string },
): Promise<void> {
  const values = { ...input, justification: input.justification.trim(), setBy: scope.userId, setAt: new Date() };
  await scope.tx
    .insert(levelOverrides)
    .values({ organizationId: scope.organizationId, ...values })
    .onConflictDoUpdate({ target: [levelOverrides.organizationId, levelOverrides.targetType, levelOverrides.targetId], set: values });
}

export async function deleteLevelOverride(scope: Scope, targetType: "placement" | "destination", targetId: string): Promise<number> {
  const rows = await scope.tx
    .delete(levelOverrides)
    .where(and(eq(levelOverrides.organizationId, scope.organizationId), eq(levelOverrides.targetType, targetType), eq(levelOverrides.targetId, targetId)))
    .returning({ id: levelOverrides.targetId });
  return rows.length;
}

export async function upsertBenchmarkOverride(scope: Scope, placementId: string, benchmarks: Benchmarks): Promise<void> {
  const set = { benchmarks, updatedBy: scope.userId, updatedAt: new Date() };
  await scope.tx
    .insert(benchmarkOverrides)
    .values({ organizationId: scope.organizationId, placementId, ...set })
    .onConflictDoUpdate({ target: [benchmarkOverrides.organizationId, benchmarkOverrides.placementId], set });
}

export async function deleteBenchmarkOverride(scope: Scope, placementId: string): Promise<void> {
  await scope.tx.delete(benchmarkOverrides).where(and(eq(benchmarkOverrides.organizationId, scope.organizationId), eq(benchmarkOverrides.placementId, placementId)));
}

export type NewCustomPlacement = Omit<typeof customPlacements.$inferInsert, "organizationId" | "id" | "createdBy" | "createdAt" | "archivedAt">;

export async function insertCustomPlacement(scope: Scope, input: NewCustomPlacement): Promise<CustomPlacementRow> {
  const [row] = await scope.tx
    .insert(customPlacements)
    .values({ ...input, organizationId: scope.organizationId, createdBy: scope.userId })
    .returning();
  if (!row) throw new Error("Custom placement insert returned no row.");
  return row;
}

/** The organization's whole catalog overlay (its placements, benchmark and level overrides): one statement. */
export async function findCatalogOverlay(scope: Scope): Promise<{ customs: CustomPlacementRow[]; benchmarks: BenchmarkOverrideRow[]; levels: LevelOverrideRow[] }> {
  const row = await scope.tx.query.organizations.findFirst({
    columns: { id: true },
    where: eq(organizations.id, scope.organizationId),
    with: {
      customPlacements: { where: isNull(customPlacements.archivedAt), orderBy: [asc(customPlacements.createdAt)] },
      benchmarkOverrides: true,
      levelOverrides: { orderBy: [asc(levelOverrides.setAt)] },
    },
  });
  return { customs: row?.customPlacements ?? [], benchmarks: row?.benchmarkOverrides ?? [], levels: row?.levelOverrides ?? [] };
}
