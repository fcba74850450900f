import { listApprovers } from "~/models/client-account.server";
import { inScope, type ClientAccess } from "~/tenancy/access.server";
import { loadPlan } from "./planner.server";

/**
 * Everything the plan page reads of the tenant, in one transaction of four statements: the campaign with
 * its lines and comments, the organization's catalog overlay and, while the plan is being written or
 * reviewed, who approves.
 */
export async function getPlanPage(access: ClientAccess, campaignId: string) {
  return inScope(access, async (scope) => {
    // All sent at once (postgres.js pipelines them); who approves matters only while the plan is written or reviewed.
    const [plan, approvers] = await Promise.all([loadPlan(scope, access, campaignId, { comments: true }), listApprovers(scope, access.client.id)]);
    if (!plan) return null;
    const { status } = plan.campaign;
    return { plan, comments: plan.comments, approvers: status === "draft" || status === "in_review" ? approvers : null };
  });
}
