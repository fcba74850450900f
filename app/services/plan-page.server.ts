import { listApprovers } from "~/models/client-account.server";
import { listComments } from "~/models/collaboration.server";
import { inScope, type ClientAccess } from "~/tenancy/access.server";
import { loadPlan } from "./planner.server";

/**
 * Everything the plan page reads of the tenant, in one transaction: the plan (campaign, lines, the
 * organization's catalog), its comments and, while the plan is being written or reviewed, who approves.
 */
export async function getPlanPage(access: ClientAccess, campaignId: string) {
  return inScope(access, async (scope) => {
    const plan = await loadPlan(scope, access, campaignId);
    if (!plan) return null;
    const { status } = plan.campaign;
    const [comments, approvers] = await Promise.all([
      listComments(scope, campaignId),
      status === "draft" || status === "in_review" ? listApprovers(scope, access.client.id) : Promise.resolve(null),
    ]);
    return { plan, comments, approvers };
  });
}
