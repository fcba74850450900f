import { notFound } from "~/domain/errors";
import { checkCommentBody } from "~/domain/comments";
import { excerpt } from "~/domain/text-length";
import { extractMentions, type TeamMember } from "~/domain/mentions";
import { recordActivity } from "~/models/activity.server";
import { findCampaign } from "~/models/campaign.server";
import { listClientTeam } from "~/models/client-account.server";
import { findComment, insertComment, insertNotifications, setCommentResolved } from "~/models/collaboration.server";
import { findLine } from "~/models/line-item.server";
import { inScope, type Access, type ClientAccess } from "~/tenancy/access.server";

/** A refused text (too long, empty) comes back for the field; a campaign, line or thread that is not there is a thrown not-found. */
export type CommentResult = { ok: true } | { ok: false; error: string };

/** A comment on the plan or on one of its lines (a reply joins its thread); mentioned teammates are notified. */
export async function postComment(access: ClientAccess, campaignId: string, input: { body: string; lineId: string | null; parentId: string | null }): Promise<CommentResult> {
  // Too long is refused with the length and the limit, never cut (issue 12).
  const checked = checkCommentBody(input.body);
  if (!checked.ok) return { ok: false, error: checked.error };
  const { body } = checked;
  return inScope(access, async (scope) => {
    const campaign = await findCampaign(scope, access.client.id, campaignId);
    if (!campaign) throw notFound();
    if (input.lineId && !(await findLine(scope, campaignId, input.lineId))) throw notFound();
    let lineId = input.lineId;
    if (input.parentId) {
      const parent = await findComment(scope, campaignId, input.parentId);
      if (!parent || parent.parentId) throw notFound();
      lineId = parent.lineId;
    }
    const team = await listClientTeam(scope, access.client.id);
    const mentions = extractMentions(body, team).filter((id) => id !== access.user.id);
    const comment = await insertComment(scope, { campaignId, lineId, parentId: input.parentId, authorName: access.user.name, body, mentions });
    await insertNotifications(
      scope,
      mentions.map((userId) => ({ userId, kind: "mentioned" as const, campaignId, clientAccountId: access.client.id, actorName: access.user.name, payload: { campaignName: campaign.name, commentId: comment.id } })),
    );
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "comment", subjectId: comment.id, action: "created", changes: { lineId, body: excerpt(body, 200) } });
    return { ok: true };
  });
}

export async function resolveComment(access: ClientAccess, campaignId: string, commentId: string, resolved: boolean): Promise<boolean> {
  return inScope(access, async (scope) => {
    const changed = (await setCommentResolved(scope, campaignId, commentId, resolved)) === 1;
    if (changed) await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "comment", subjectId: commentId, action: resolved ? "resolved" : "reopened" });
    return changed;
  });
}

/** Whom this person may mention on a campaign (its client account's team, themselves left out); null: no such campaign. */
export async function getMentionableTeam(access: ClientAccess, campaignId: string): Promise<(TeamMember & { role: string })[] | null> {
  return inScope(access, async (scope) => {
    if (!(await findCampaign(scope, access.client.id, campaignId))) return null;
    const team = await listClientTeam(scope, access.client.id);
    return team.filter((member) => member.id !== access.user.id).map(({ id, name, email, role }) => ({ id, name, email, role }));
  });
}
