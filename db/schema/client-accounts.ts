import { sql } from "drizzle-orm";
import { check, foreignKey, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { memberships, organizations } from "./organizations";

export const CLIENT_ROLES = ["lead_planner", "planner", "viewer"] as const;

// A brand served by the organization. Children reference (organization_id, id) so a row can never
// point into another tenant.
export const clientAccounts = pgTable(
  "client_accounts",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    namingTemplate: text(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] })],
);

export const clientMembers = pgTable(
  "client_members",
  {
    organizationId: uuid().notNull(),
    clientAccountId: uuid().notNull(),
    userId: uuid().notNull(),
    role: text({ enum: CLIENT_ROLES }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.clientAccountId, t.userId] }),
    foreignKey({ columns: [t.organizationId, t.clientAccountId], foreignColumns: [clientAccounts.organizationId, clientAccounts.id] }).onDelete(
      "cascade",
    ),
    // A client team member is always a member of the organization.
    foreignKey({ columns: [t.organizationId, t.userId], foreignColumns: [memberships.organizationId, memberships.userId] }).onDelete("cascade"),
    check("client_members_role", sql`${t.role} in ('lead_planner', 'planner', 'viewer')`),
  ],
);

export type ClientAccountRow = typeof clientAccounts.$inferSelect;
export type ClientMemberRow = typeof clientMembers.$inferSelect;
export type ClientRole = (typeof CLIENT_ROLES)[number];
