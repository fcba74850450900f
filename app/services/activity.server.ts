import { findCampaign } from "~/models/campaign.server";
import { listActivity } from "~/models/collaboration.server";
import { inScope, type Access, type ClientAccess } from "~/tenancy/access.server";

export const ACTIVITY_PAGE_SIZE = 50;

/** One page of a client's (or one campaign's) activity, newest first; `before` continues from the last page. Null: no such campaign. */
export async function getActivity(access: ClientAccess, options: { campaignId?: string; subjectType?: string; before?: Date }) {
  return inScope(access, async (scope) => {
    if (options.campaignId && !(await findCampaign(scope, access.client.id, options.campaignId))) return null;
    return listActivity(scope, { clientAccountId: access.client.id, campaignId: options.campaignId, subjectType: options.subjectType, before: options.before, limit: ACTIVITY_PAGE_SIZE + 1 });
  });
}

/** One page of the feed as the activity pages show it, read from the URL (?type=…&before=…); null: no such campaign. */
export async function getActivityPage(access: ClientAccess, url: URL, campaignId?: string) {
  const type = url.searchParams.get("type") ?? "";
  const beforeParam = url.searchParams.get("before");
  const before = beforeParam && !Number.isNaN(Date.parse(beforeParam)) ? new Date(beforeParam) : undefined;
  const rows = await getActivity(access, { campaignId, subjectType: type || undefined, before });
  if (!rows) return null;
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE);
  return {
    filter: type,
    items: page.map((r) => ({ id: r.id, subjectType: r.subjectType, action: r.action, actorName: r.actorName, createdAt: r.createdAt.toISOString(), changes: withoutRestoreCopy(r.changes) })),
    nextBefore: rows.length > ACTIVITY_PAGE_SIZE ? page.at(-1)!.createdAt.toISOString() : null,
  };
}

/** A deleted line's full copy (kept for "Undo") is not part of what the feed shows. */
function withoutRestoreCopy(changes: unknown): Record<string, unknown> | null {
  if (!changes || typeof changes !== "object") return null;
  const { restore: _restore, ...shown } = changes as Record<string, unknown>;
  return shown;
}
