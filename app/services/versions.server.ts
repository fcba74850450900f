import { findCampaign } from "~/models/campaign.server";
import { findPlanVersions, listPlanVersions } from "~/models/collaboration.server";
import type { PlanSnapshot } from "~/domain/plan";
import { inScope, type Access, type ClientAccess } from "~/tenancy/access.server";
import { loadOrganizationCatalog, type OrganizationCatalog } from "./catalog.server";
import { loadPlan } from "./planner.server";

export type VersionsPage = {
  versions: Awaited<ReturnType<typeof listPlanVersions>>;
  catalog: OrganizationCatalog;
  current: PlanSnapshot;
  snapshots: Map<string, PlanSnapshot>;
};

/** The version list and, for the ids asked, their frozen snapshots (immutable rows). */
export async function getVersions(access: ClientAccess, campaignId: string, snapshotIds: string[]): Promise<VersionsPage | null> {
  return inScope(access, async (scope) => {
    const plan = await loadPlan(scope, access, campaignId);
    if (!plan) return null;
    const [versions, rows] = await Promise.all([listPlanVersions(scope, campaignId), findPlanVersions(scope, campaignId, snapshotIds)]);
    return { versions, catalog: plan.catalog, current: plan.snapshot, snapshots: new Map(rows.map((row) => [row.id, row.snapshot])) };
  });
}

/** A frozen version's snapshot, its number (the plan version it was frozen at) and the organization's catalog, for exporting that version. */
export async function getVersionSnapshot(access: ClientAccess, campaignId: string, versionId: string) {
  return inScope(access, async (scope) => {
    if (!(await findCampaign(scope, access.client.id, campaignId))) return null;
    const [row] = await findPlanVersions(scope, campaignId, [versionId]);
    if (!row) return null;
    return { snapshot: row.snapshot, planVersion: row.planVersion, catalog: await loadOrganizationCatalog(scope) };
  });
}
