import { notFound } from "~/domain/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { findCampaign } from "~/models/campaign.server";
import { latestActivity, listPresence, touchPresence } from "~/models/collaboration.server";
import { inScope, isUuid, requireScope } from "~/tenancy/access.server";

// Polled every few seconds by an open plan (GET, reads only): its version, the latest change and who
// else is looking. The database is the message bus, so this works with any number of app instances.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const campaignId = params.campaignId;
  const state = await inScope(access, async (scope) => {
    const campaign = await findCampaign(scope, access.client.id, campaignId);
    if (!campaign) return null;
    const [latest, viewers] = await Promise.all([latestActivity(scope, campaignId), listPresence(scope, campaignId, new Date(Date.now() - 15_000))]);
    return { campaign, latest, viewers };
  });
  if (!state) throw notFound();
  return Response.json(
    {
      planVersion: state.campaign.planVersion,
      status: state.campaign.status,
      latest: state.latest ? { id: state.latest.id, action: state.latest.action, subjectType: state.latest.subjectType, actorName: state.latest.actorName, byMe: state.latest.actorUserId === access.user.id } : null,
      viewers: state.viewers.filter((v) => v.userId !== access.user.id).map((v) => v.userName),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

// The heartbeat of an open plan (POST): "I am looking at it".
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const campaignId = params.campaignId;
  const found = await inScope(access, async (scope) => {
    if (!(await findCampaign(scope, access.client.id, campaignId))) return false;
    await touchPresence(scope, campaignId, access.user.name);
    return true;
  });
  if (!found) throw notFound();
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
