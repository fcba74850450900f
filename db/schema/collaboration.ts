import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { PlanSnapshot } from "../../app/domain/plan";
import { campaigns } from "./campaigns";

// An immutable snapshot of the whole plan, frozen at every submission and approval. The app role
// may insert and read these rows, never change or delete them (drizzle/0009).
export const planVersions = pgTable(
  "plan_versions",
  {
    organizationId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    campaignId: uuid().notNull(),
    planVersion: integer().notNull(),
    trigger: text().notNull(),
    snapshot: jsonb().$type<PlanSnapshot>().notNull(),
    createdBy: uuid(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.campaignId], foreignColumns: [campaigns.organizationId, campaigns.id] }).onDelete("cascade"),
    index("plan_versions_campaign_idx").on(t.organizationId, t.campaignId, t.createdAt),
  ],
);

// Comments on a campaign or one of its lines; a reply points at its thread's first comment.
export const comments = pgTable(
  "comments",
  {
    organizationId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    campaignId: uuid().notNull(),
    lineId: uuid(),
    parentId: uuid(),
    authorId: uuid(),
    authorName: text().notNull(),
    body: text().notNull(),
    mentions: uuid().array().notNull().default([]),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.campaignId], foreignColumns: [campaigns.organizationId, campaigns.id] }).onDelete("cascade"),
    index("comments_campaign_idx").on(t.organizationId, t.campaignId, t.createdAt),
  ],
);

// In-app notifications: review requested, approved, rejected (with the reason), mentioned.
export const notifications = pgTable(
  "notifications",
  {
    organizationId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    userId: uuid().notNull(),
    kind: text({ enum: ["review-requested", "approved", "rejected", "mentioned"] }).notNull(),
    campaignId: uuid(),
    clientAccountId: uuid(),
    actorName: text().notNull(),
    payload: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] }), index("notifications_user_idx").on(t.organizationId, t.userId, t.createdAt)],
);

// Who has a plan open right now (refreshed by each poll; stale after a few seconds).
export const presence = pgTable(
  "presence",
  {
    organizationId: uuid().notNull(),
    campaignId: uuid().notNull(),
    userId: uuid().notNull(),
    userName: text().notNull(),
    seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.campaignId, t.userId] })],
);

export type PlanVersionRow = typeof planVersions.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;

// An uploaded plan file, parsed and previewed; applying it sets applied_at once (a second submit,
// or a concurrent one, finds it already applied and changes nothing).
export const importJobs = pgTable(
  "import_jobs",
  {
    organizationId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    campaignId: uuid().notNull(),
    createdBy: uuid(),
    fileName: text().notNull(),
    format: text().notNull(),
    planVersion: integer().notNull(),
    parsed: jsonb().$type<unknown>().notNull(),
    hasErrors: integer().notNull().default(0),
    appliedAt: timestamp({ withTimezone: true }),
    result: jsonb().$type<Record<string, number> | null>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.campaignId], foreignColumns: [campaigns.organizationId, campaigns.id] }).onDelete("cascade"),
  ],
);
