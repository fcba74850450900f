import { activityEvents } from "@db/schema";
import type { Scope } from "~/tenancy/scope.server";

export type ActivityInput = {
  clientAccountId?: string | null;
  campaignId?: string | null;
  subjectType: string;
  subjectId?: string | null;
  action: string;
  changes?: Record<string, unknown> | null;
};

/** One entry per mutation: who (the scope's user), when (now), what (old → new in changes). */
export async function recordActivity(scope: Scope, input: ActivityInput): Promise<void> {
  await scope.tx.insert(activityEvents).values({
    organizationId: scope.organizationId,
    actorUserId: scope.userId,
    clientAccountId: input.clientAccountId ?? null,
    campaignId: input.campaignId ?? null,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    action: input.action,
    changes: input.changes ?? null,
  });
}
