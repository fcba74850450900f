import { withUserScope } from "~/models/scope.server";
import { listOwnNotifications, markOwnNotificationsRead } from "~/models/collaboration.server";
import { organizationsOf } from "./navigation.server";

/** A person's notifications with links back to the plan (their organizations resolve the slugs). */
export async function getOwnNotifications(userId: string) {
  const [rows, organizations] = await Promise.all([
    withUserScope(userId, (scope) => listOwnNotifications(scope)),
    organizationsOf(userId),
  ]);
  const slugs = new Map(organizations.map((o) => [o.id, o.slug]));
  return rows.map((n) => {
    const slug = slugs.get(n.organizationId);
    return {
      id: n.id,
      kind: n.kind,
      actorName: n.actorName,
      campaignName: String(n.payload.campaignName ?? ""),
      reason: n.payload.reason === null || n.payload.reason === undefined ? null : String(n.payload.reason),
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
      href: slug && n.clientAccountId && n.campaignId ? `/o/${slug}/clients/${n.clientAccountId}/campaigns/${n.campaignId}` : null,
    };
  });
}

export async function markAllRead(userId: string): Promise<void> {
  await withUserScope(userId, (scope) => markOwnNotificationsRead(scope));
}
