import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

// Who changed what, when: every mutation writes one entry (old → new in `changes`).
export const activityEvents = pgTable(
  "activity_events",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid().notNull().defaultRandom(),
    actorUserId: uuid(),
    clientAccountId: uuid(),
    campaignId: uuid(),
    subjectType: text().notNull(),
    subjectId: text(),
    action: text().notNull(),
    changes: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    index("activity_org_client_idx").on(t.organizationId, t.clientAccountId, t.createdAt),
    index("activity_org_campaign_idx").on(t.organizationId, t.campaignId, t.createdAt),
  ],
);

export type ActivityEventRow = typeof activityEvents.$inferSelect;
