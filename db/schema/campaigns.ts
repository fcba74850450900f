import { sql } from "drizzle-orm";
import { bigint, check, date, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { BuyingModel } from "../../app/domain/buying-models";
import type { DestinationId, EcosystemId, KpiId } from "../../app/domain/catalog";
import type { LineMeasurement } from "../../app/domain/plan";
import { clientAccounts } from "./client-accounts";

// A campaign of a client account. `version` grows by one on every save: a save carrying an older
// version is a conflict, never a silent overwrite.
export const campaigns = pgTable(
  "campaigns",
  {
    organizationId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientAccountId: uuid().notNull(),
    name: text().notNull(),
    objective: text({ enum: ["awareness", "consideration", "conversion", "loyalty"] }).notNull(),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    budgetFen: bigint({ mode: "number" }).notNull(),
    reportingCurrency: text().notNull().default("CNY"),
    fxRate: doublePrecision().notNull().default(1),
    status: text({ enum: ["draft", "in_review", "approved", "live", "completed", "archived"] }).notNull().default("draft"),
    notes: text().notNull().default(""),
    ownerUserId: uuid(),
    version: integer().notNull().default(1),
    /** Grows with every change to the plan (campaign or any line): what reviewers approve. */
    planVersion: integer().notNull().default(1),
    submittedBy: uuid(),
    agencyApprovedBy: uuid(),
    clientApprovedBy: uuid(),
    approvedVersion: integer(),
    lastRejection: jsonb().$type<{ by: string; reason: string; version: number; stage: "agency" | "client" } | null>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.clientAccountId], foreignColumns: [clientAccounts.organizationId, clientAccounts.id] }).onDelete("cascade"),
    index("campaigns_org_client_idx").on(t.organizationId, t.clientAccountId, t.createdAt),
    check("campaigns_dates", sql`${t.endDate} >= ${t.startDate}`),
    check("campaigns_budget", sql`${t.budgetFen} >= 0`),
    check("campaigns_fx", sql`${t.fxRate} > 0`),
  ],
);

export const lineItems = pgTable(
  "line_items",
  {
    organizationId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    campaignId: uuid().notNull(),
    position: integer().notNull(),
    name: text().notNull(),
    // Typed with the domain's types: a row is a PlanLine plus its tenant keys and timestamps.
    ecosystemId: text().$type<EcosystemId>().notNull(),
    placementId: text().notNull(),
    destinationId: text().$type<DestinationId>().notNull(),
    buyingModel: text().$type<BuyingModel>().notNull(),
    unitCostFen: bigint({ mode: "number" }),
    budgetFen: bigint({ mode: "number" }).notNull(),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    kpiId: text().$type<KpiId>(),
    kpiTarget: doublePrecision(),
    audienceNotes: text().notNull().default(""),
    formatNotes: text().notNull().default(""),
    flightingMode: text({ enum: ["even", "front", "back", "custom"] }).notNull().default("even"),
    customFlightingFen: jsonb().$type<Record<string, number>>(),
    measurement: jsonb().$type<LineMeasurement>().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.campaignId], foreignColumns: [campaigns.organizationId, campaigns.id] }).onDelete("cascade"),
    index("line_items_org_campaign_idx").on(t.organizationId, t.campaignId, t.position),
    check("line_items_dates", sql`${t.endDate} >= ${t.startDate}`),
    check("line_items_budget", sql`${t.budgetFen} >= 0`),
    check("line_items_unit_cost", sql`${t.unitCostFen} is null or ${t.unitCostFen} > 0`),
  ],
);

export type CampaignRow = typeof campaigns.$inferSelect;
export type LineItemRow = typeof lineItems.$inferSelect;
