import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// The tenant. Row-level security: a transaction sees only the organization it was opened for.
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["agency", "brand"] }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type OrganizationRow = typeof organizations.$inferSelect;
