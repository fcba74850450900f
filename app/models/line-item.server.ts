import { and, asc, eq, gt, gte, inArray, sql, type SQL } from "drizzle-orm";
import { lineItems, type LineItemRow } from "@db/schema";
import type { LineFields } from "~/domain/plan";
import type { Scope } from "~/models/scope.server";

export type { LineFields };


/** One line of one campaign in the scope's organization, plus any extra conditions. */
function oneLine(scope: Scope, campaignId: string, lineId: string, ...extra: SQL[]): SQL {
  return and(eq(lineItems.organizationId, scope.organizationId), eq(lineItems.campaignId, campaignId), eq(lineItems.id, lineId), ...extra)!;
}

/** Every line of a campaign in plan order: one query, whatever the number of lines. */
export async function listLines(scope: Scope, campaignId: string): Promise<LineItemRow[]> {
  return scope.tx
    .select()
    .from(lineItems)
    .where(and(eq(lineItems.organizationId, scope.organizationId), eq(lineItems.campaignId, campaignId)))
    .orderBy(asc(lineItems.position), asc(lineItems.createdAt));
}

export async function findLine(scope: Scope, campaignId: string, lineId: string): Promise<LineItemRow | undefined> {
  const [row] = await scope.tx
    .select()
    .from(lineItems)
    .where(oneLine(scope, campaignId, lineId));
  return row;
}

export async function nextPosition(scope: Scope, campaignId: string): Promise<number> {
  const [row] = await scope.tx
    .select({ max: sql<number | null>`max(${lineItems.position})` })
    .from(lineItems)
    .where(and(eq(lineItems.organizationId, scope.organizationId), eq(lineItems.campaignId, campaignId)));
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export async function insertLines(scope: Scope, campaignId: string, lines: (LineFields & { position: number; id?: string })[]): Promise<LineItemRow[]> {
  if (lines.length === 0) return [];
  return scope.tx
    .insert(lineItems)
    .values(lines.map((line) => ({ ...line, organizationId: scope.organizationId, campaignId })))
    .returning();
}

/** Saves only when the stored version is the one the person edited; null on a conflict (or a deleted line). */
export async function updateLineIfVersion(scope: Scope, campaignId: string, lineId: string, expectedVersion: number, changes: Partial<LineFields>): Promise<LineItemRow | null> {
  const [row] = await scope.tx
    .update(lineItems)
    .set({ ...changes, version: sql`${lineItems.version} + 1`, updatedAt: new Date() })
    .where(oneLine(scope, campaignId, lineId, eq(lineItems.version, expectedVersion)))
    .returning();
  return row ?? null;
}

export async function deleteLineIfVersion(scope: Scope, campaignId: string, lineId: string, expectedVersion: number): Promise<boolean> {
  const rows = await scope.tx
    .delete(lineItems)
    .where(oneLine(scope, campaignId, lineId, eq(lineItems.version, expectedVersion)))
    .returning({ id: lineItems.id });
  return rows.length === 1;
}

/** Renumbers positions 0..n-1 in the given order (a reorder touches positions only, not versions). */
export async function setPositions(scope: Scope, campaignId: string, orderedIds: string[]): Promise<void> {
  if (orderedIds.length === 0) return;
  const cases = sql.join(
    orderedIds.map((id, index) => sql`when ${id}::uuid then ${index}::int`),
    sql` `,
  );
  await scope.tx
    .update(lineItems)
    .set({ position: sql`case ${lineItems.id} ${cases} end` })
    .where(and(eq(lineItems.organizationId, scope.organizationId), eq(lineItems.campaignId, campaignId), inArray(lineItems.id, orderedIds)));
}

/** Closes the gaps a removal leaves: positions become 0..n-1 in plan order, so "#" in a file counts 1, 2, 3… (one statement). */
export async function compactPositions(scope: Scope, campaignId: string): Promise<void> {
  await scope.tx.execute(sql`
    update ${lineItems} set position = ordered.place
    from (
      select id, (row_number() over (order by position, created_at) - 1)::int as place
      from ${lineItems}
      where organization_id = ${scope.organizationId} and campaign_id = ${campaignId}
    ) as ordered
    where ${lineItems.organizationId} = ${scope.organizationId} and ${lineItems.campaignId} = ${campaignId}
      and ${lineItems.id} = ordered.id and ${lineItems.position} <> ordered.place`);
}

/** Makes room at a position: every line from it on moves down one (a restored line goes back in its place). */
export async function shiftPositionsFrom(scope: Scope, campaignId: string, position: number): Promise<void> {
  await scope.tx
    .update(lineItems)
    .set({ position: sql`${lineItems.position} + 1` })
    .where(and(eq(lineItems.organizationId, scope.organizationId), eq(lineItems.campaignId, campaignId), gte(lineItems.position, position)));
}
