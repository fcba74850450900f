import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { clientAccounts } from "./client-accounts";
import { organizations } from "./organizations";
import { users } from "./users";

// A single-use link (only its SHA-256 stored) for an e-mail address: to the organization with an
// org role, or to one client account with a client role.
export const invitations = pgTable(
  "invitations",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid().notNull().defaultRandom(),
    tokenHash: text().notNull(),
    email: text().notNull(),
    orgRole: text({ enum: ["admin", "member"] }),
    clientAccountId: uuid(),
    clientRole: text({ enum: ["lead_planner", "planner", "viewer"] }),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    // Token first: a link is looked up by its hash alone, before anyone knows its tenant. With organization_id
    // in it the constraint holds shard by shard when tables are distributed by tenant (docs/scaling.md).
    unique("invitations_token_hash_organization_id_unique").on(t.tokenHash, t.organizationId),
    foreignKey({ columns: [t.organizationId, t.clientAccountId], foreignColumns: [clientAccounts.organizationId, clientAccounts.id] }).onDelete(
      "cascade",
    ),
    index("invitations_org_client_idx").on(t.organizationId, t.clientAccountId),
    check(
      "invitations_target",
      sql`(${t.clientAccountId} is null and ${t.orgRole} is not null and ${t.clientRole} is null) or (${t.clientAccountId} is not null and ${t.clientRole} is not null)`,
    ),
  ],
);

export type InvitationRow = typeof invitations.$inferSelect;
