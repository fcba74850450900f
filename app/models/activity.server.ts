import { and, desc, eq, inArray } from "drizzle-orm";
import { activityEvents } from "@db/schema";
import type { Scope } from "~/models/scope.server";

export type ActivityInput = {
  clientAccountId?: string | null;
  campaignId?: string | null;
  subjectType: string;
  subjectId?: string | null;
  action: string;
  changes?: Record<string, unknown> | null;
};

/** One entry per mutation: who (the scope's user), when (now), what (old → new in changes). */
export async function recordActivity(scope: Scope, input: ActivityInput): Promise<void> {
  await scope.tx.insert(activityEvents).values({
    organizationId: scope.organizationId,
    actorUserId: scope.userId,
    clientAccountId: input.clientAccountId ?? null,
    campaignId: input.campaignId ?? null,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    action: input.action,
    changes: input.changes ?? null,
  });
}

/** The latest entry of one action on one subject of a campaign (what an undo restores from), or null. */
export async function findLatestActivity(scope: Scope, where: { campaignId: string; subjectType: string; subjectId: string; action: string | readonly string[] }): Promise<{ changes: Record<string, unknown> | null; createdAt: Date } | null> {
  const [row] = await scope.tx
    .select({ changes: activityEvents.changes, createdAt: activityEvents.createdAt })
    .from(activityEvents)
    .where(
      and(
        eq(activityEvents.organizationId, scope.organizationId),
        eq(activityEvents.campaignId, where.campaignId),
        eq(activityEvents.subjectType, where.subjectType),
        eq(activityEvents.subjectId, where.subjectId),
        typeof where.action === "string" ? eq(activityEvents.action, where.action) : inArray(activityEvents.action, [...where.action]),
      ),
    )
    .orderBy(desc(activityEvents.createdAt))
    .limit(1);
  return row ? { changes: (row.changes as Record<string, unknown> | null) ?? null, createdAt: row.createdAt } : null;
}
