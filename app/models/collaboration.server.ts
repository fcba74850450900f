import { and, count, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { activityEvents, comments, notifications, planVersions, presence, users, type PlanVersionRow } from "@db/schema";
import type { PlanSnapshot } from "~/domain/plan";
import type { Scope, UserScope } from "~/models/scope.server";

export async function insertPlanVersion(scope: Scope, input: { campaignId: string; planVersion: number; trigger: string; snapshot: PlanSnapshot; createdByName: string }): Promise<PlanVersionRow> {
  const [row] = await scope.tx
    .insert(planVersions)
    .values({ ...input, organizationId: scope.organizationId, createdBy: scope.userId })
    .returning();
  if (!row) throw new Error("Plan version insert returned no row.");
  return row;
}

/** The version list: who froze which version and when (without the snapshots themselves). */
export async function listPlanVersions(scope: Scope, campaignId: string) {
  return scope.tx
    .select({ id: planVersions.id, planVersion: planVersions.planVersion, trigger: planVersions.trigger, createdByName: planVersions.createdByName, createdAt: planVersions.createdAt })
    .from(planVersions)
    .where(and(eq(planVersions.organizationId, scope.organizationId), eq(planVersions.campaignId, campaignId)))
    .orderBy(desc(planVersions.createdAt));
}

export async function findPlanVersions(scope: Scope, campaignId: string, ids: string[]): Promise<PlanVersionRow[]> {
  if (ids.length === 0) return [];
  return scope.tx
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.organizationId, scope.organizationId), eq(planVersions.campaignId, campaignId), inArray(planVersions.id, ids)));
}

export async function insertComment(scope: Scope, input: { campaignId: string; lineId: string | null; parentId: string | null; authorName: string; body: string; mentions: string[] }) {
  const [row] = await scope.tx
    .insert(comments)
    .values({ ...input, organizationId: scope.organizationId, authorId: scope.userId })
    .returning();
  if (!row) throw new Error("Comment insert returned no row.");
  return row;
}

export async function findComment(scope: Scope, campaignId: string, commentId: string) {
  const [row] = await scope.tx
    .select()
    .from(comments)
    .where(and(eq(comments.organizationId, scope.organizationId), eq(comments.campaignId, campaignId), eq(comments.id, commentId)));
  return row;
}

export async function setCommentResolved(scope: Scope, campaignId: string, commentId: string, resolved: boolean): Promise<number> {
  const rows = await scope.tx
    .update(comments)
    .set(resolved ? { resolvedAt: new Date(), resolvedBy: scope.userId } : { resolvedAt: null, resolvedBy: null })
    .where(and(eq(comments.organizationId, scope.organizationId), eq(comments.campaignId, campaignId), eq(comments.id, commentId), isNull(comments.parentId)))
    .returning({ id: comments.id });
  return rows.length;
}

export type NewNotification = Omit<typeof notifications.$inferInsert, "organizationId" | "id" | "readAt" | "createdAt">;

export async function insertNotifications(scope: Scope, rows: NewNotification[]): Promise<void> {
  if (rows.length === 0) return;
  await scope.tx.insert(notifications).values(rows.map((row) => ({ ...row, organizationId: scope.organizationId })));
}

/** The signed-in person's own notifications, across organizations (RLS admits only theirs). */
export async function listOwnNotifications(scope: UserScope, limit = 50) {
  return scope.tx
    .select()
    .from(notifications)
    .where(eq(notifications.userId, scope.userId!))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function countOwnUnread(scope: UserScope): Promise<number> {
  const [row] = await scope.tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, scope.userId!), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markOwnNotificationsRead(scope: UserScope): Promise<void> {
  await scope.tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, scope.userId!), isNull(notifications.readAt)));
}

export async function touchPresence(scope: Scope, campaignId: string, userName: string): Promise<void> {
  const now = new Date();
  await scope.tx
    .insert(presence)
    .values({ organizationId: scope.organizationId, campaignId, userId: scope.userId!, userName, seenAt: now })
    .onConflictDoUpdate({ target: [presence.organizationId, presence.campaignId, presence.userId], set: { seenAt: now, userName } });
}

/** Many people looking at plans of one organization at once (the open live streams of an instance), in one statement. */
export async function touchPresenceMany(scope: Scope, viewers: { campaignId: string; userId: string; userName: string }[]): Promise<void> {
  // One row per person and plan (two tabs are one viewer): ON CONFLICT may touch a row only once.
  const unique = [...new Map(viewers.map((v) => [`${v.campaignId}:${v.userId}`, v])).values()];
  if (unique.length === 0) return;
  const now = new Date();
  await scope.tx
    .insert(presence)
    .values(unique.map((v) => ({ organizationId: scope.organizationId, campaignId: v.campaignId, userId: v.userId, userName: v.userName, seenAt: now })))
    .onConflictDoUpdate({ target: [presence.organizationId, presence.campaignId, presence.userId], set: { seenAt: now, userName: sql`excluded.user_name` } });
}

export async function listPresence(scope: Scope, campaignId: string, since: Date) {
  return scope.tx
    .select({ userId: presence.userId, userName: presence.userName })
    .from(presence)
    .where(and(eq(presence.organizationId, scope.organizationId), eq(presence.campaignId, campaignId), gt(presence.seenAt, since)));
}

export type ActivityFilter = { clientAccountId: string; campaignId?: string; subjectType?: string; before?: Date; limit: number };

/** Newest first, keyset-paginated on created_at, with the actor's name joined in (one query). */
export async function listActivity(scope: Scope, filter: ActivityFilter) {
  const conditions = [eq(activityEvents.organizationId, scope.organizationId), eq(activityEvents.clientAccountId, filter.clientAccountId)];
  if (filter.campaignId) conditions.push(eq(activityEvents.campaignId, filter.campaignId));
  if (filter.subjectType) conditions.push(eq(activityEvents.subjectType, filter.subjectType));
  if (filter.before) conditions.push(lt(activityEvents.createdAt, filter.before));
  return scope.tx
    .select({
      id: activityEvents.id,
      subjectType: activityEvents.subjectType,
      subjectId: activityEvents.subjectId,
      action: activityEvents.action,
      changes: activityEvents.changes,
      createdAt: activityEvents.createdAt,
      campaignId: activityEvents.campaignId,
      actorName: sql<string | null>`${users.name}`,
    })
    .from(activityEvents)
    .leftJoin(users, eq(users.id, activityEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(activityEvents.createdAt))
    .limit(filter.limit);
}

/** The newest change to a campaign: what a poll compares against. */
export async function latestActivity(scope: Scope, campaignId: string) {
  const [row] = await scope.tx
    .select({ id: activityEvents.id, action: activityEvents.action, subjectType: activityEvents.subjectType, createdAt: activityEvents.createdAt, actorUserId: activityEvents.actorUserId, actorName: users.name })
    .from(activityEvents)
    .leftJoin(users, eq(users.id, activityEvents.actorUserId))
    .where(and(eq(activityEvents.organizationId, scope.organizationId), eq(activityEvents.campaignId, campaignId)))
    .orderBy(desc(activityEvents.createdAt))
    .limit(1);
  return row;
}
