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
    const plan = await loadPlan(scope, access, campaignId, { comments: true });
    if (!plan) return null;
    const { status } = plan.campaign;
    const approvers = status === "draft" || status === "in_review" ? await listApprovers(scope, access.client.id) : null;
    return { plan, comments: plan.comments, approvers };
  });
}
