import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Benchmarks } from "../../app/domain/buying-models";
import { organizations } from "./organizations";

// Reference data, copied from app/domain/catalog at start-up (the code is the source; these rows let
// SQL and other tools see the same catalog). Everyone reads them; only the owner login writes.
export const catalogEcosystems = pgTable("catalog_ecosystems", {
  id: text().primaryKey(),
  nameEn: text().notNull(),
  nameZh: text().notNull(),
  catalogVersion: text().notNull(),
});

export const catalogPlacements = pgTable("catalog_placements", {
  id: text().primaryKey(),
  ecosystemId: text()
    .notNull()
    .references(() => catalogEcosystems.id),
  nameEn: text().notNull(),
  nameZh: text().notNull(),
  reportingLevel: text().notNull(),
  funnelStage: text().notNull(),
  buyingModels: text().array().notNull(),
  destinations: text().array().notNull(),
  catalogVersion: text().notNull(),
});

export const catalogDestinations = pgTable("catalog_destinations", {
  id: text().primaryKey(),
  ecosystemId: text(),
  nameEn: text().notNull(),
  nameZh: text().notNull(),
  captureLevel: text().notNull(),
  catalogVersion: text().notNull(),
});

// An organization's own indicative benchmarks for a placement (catalog or custom).
export const benchmarkOverrides = pgTable(
  "benchmark_overrides",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    placementId: text().notNull(),
    benchmarks: jsonb().$type<Benchmarks>().notNull(),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.placementId] })],
);

// The landscape moves: an organization may override a placement's or destination's level, only
// with a written justification (brief rule 2). Shown wherever the level is used; history in activity.
export const levelOverrides = pgTable(
  "level_overrides",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    targetType: text({ enum: ["placement", "destination"] }).notNull(),
    targetId: text().notNull(),
    level: text({ enum: ["aggregated", "transactional", "individual"] }).notNull(),
    justification: text().notNull(),
    setBy: uuid(),
    setByName: text(),
    setAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.targetType, t.targetId] }),
    check("level_overrides_target_type", sql`${t.targetType} in ('placement', 'destination')`),
    check("level_overrides_level", sql`${t.level} in ('aggregated', 'transactional', 'individual')`),
    check("level_overrides_justification", sql`length(trim(${t.justification})) >= 10`),
  ],
);

// Placements an organization adds itself (a new product, a local partner).
export const customPlacements = pgTable(
  "custom_placements",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid().notNull().defaultRandom(),
    ecosystemId: text().notNull(),
    nameEn: text().notNull(),
    nameZh: text().notNull(),
    descriptionEn: text().notNull().default(""),
    descriptionZh: text().notNull().default(""),
    buyingModels: text().array().notNull(),
    defaultBuyingModel: text().notNull(),
    reportingLevel: text().notNull(),
    funnelStage: text().notNull(),
    formats: text().array().notNull(),
    benchmarks: jsonb().$type<Benchmarks>().notNull(),
    destinations: text().array().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] }), index("custom_placements_org_eco_idx").on(t.organizationId, t.ecosystemId)],
);

export type LevelOverrideRow = typeof levelOverrides.$inferSelect;
export type CustomPlacementRow = typeof customPlacements.$inferSelect;
export type BenchmarkOverrideRow = typeof benchmarkOverrides.$inferSelect;
