import { findCampaign } from "~/models/campaign.server";
import { listActivity } from "~/models/collaboration.server";
import { inScope, type Access } from "~/tenancy/access.server";

export const ACTIVITY_PAGE_SIZE = 50;

/** One page of a client's (or one campaign's) activity, newest first; `before` continues from the last page. Null: no such campaign. */
export async function getActivity(access: Access, options: { campaignId?: string; subjectType?: string; before?: Date }) {
  return inScope(access, async (scope) => {
    if (options.campaignId && !(await findCampaign(scope, access.client!.id, options.campaignId))) return null;
    return listActivity(scope, { clientAccountId: access.client!.id, campaignId: options.campaignId, subjectType: options.subjectType, before: options.before, limit: ACTIVITY_PAGE_SIZE + 1 });
  });
}
