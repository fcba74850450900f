// Relations for drizzle's relational queries: a page that needs a campaign with its lines and comments,
// or an organization with its catalog overlay, reads each in one statement. Keys are composite
// (organization_id, id) like the tables' own foreign keys. Nothing here changes the database.
import { relations } from "drizzle-orm";
import { campaigns, lineItems } from "./campaigns";
import { benchmarkOverrides, customPlacements, levelOverrides } from "./catalog";
import { comments } from "./collaboration";
import { organizations } from "./organizations";

export const campaignRelations = relations(campaigns, ({ many }) => ({ lines: many(lineItems), comments: many(comments) }));

export const lineItemRelations = relations(lineItems, ({ one }) => ({
  campaign: one(campaigns, { fields: [lineItems.organizationId, lineItems.campaignId], references: [campaigns.organizationId, campaigns.id] }),
}));

export const commentRelations = relations(comments, ({ one }) => ({
  campaign: one(campaigns, { fields: [comments.organizationId, comments.campaignId], references: [campaigns.organizationId, campaigns.id] }),
}));

export const organizationRelations = relations(organizations, ({ many }) => ({
  customPlacements: many(customPlacements),
  benchmarkOverrides: many(benchmarkOverrides),
  levelOverrides: many(levelOverrides),
}));

export const customPlacementRelations = relations(customPlacements, ({ one }) => ({
  organization: one(organizations, { fields: [customPlacements.organizationId], references: [organizations.id] }),
}));

export const benchmarkOverrideRelations = relations(benchmarkOverrides, ({ one }) => ({
  organization: one(organizations, { fields: [benchmarkOverrides.organizationId], references: [organizations.id] }),
}));

export const levelOverrideRelations = relations(levelOverrides, ({ one }) => ({
  organization: one(organizations, { fields: [levelOverrides.organizationId], references: [organizations.id] }),
}));
