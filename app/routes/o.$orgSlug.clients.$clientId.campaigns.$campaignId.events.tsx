import { notFound } from "~/domain/errors";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCampaign } from "~/models/campaign.server";
import { isLiveHubListening, liveEventStream } from "~/services/live-hub.server";
import { inScope, isUuid, requireScope } from "~/tenancy/access.server";

// Server-Sent Events for an open plan (services/live-hub.server.ts). No plan data travels here: the page
// fetches …/live, which checks access again, when told that the plan changed.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const campaignId = params.campaignId;
  const found = await inScope(access, (scope) => findCampaign(scope, access.client.id, campaignId));
  if (!found) throw notFound();
  // Not listening (the database was away at start-up): the page keeps polling.
  if (!isLiveHubListening()) return new Response(null, { status: 204 });
  const headers = {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    // nginx would otherwise buffer the stream.
    "X-Accel-Buffering": "no",
  };
  // A stream that stays open only for an EventSource (it asks for text/event-stream); any other caller has
  // had its access check and gets a stream that ends at once.
  if (!(request.headers.get("Accept") ?? "").includes("text/event-stream")) return new Response("retry: 5000\n\n", { headers });
  const viewer = { organizationId: access.organization.id, campaignId, userId: access.user.id, userName: access.user.name };
  return new Response(liveEventStream(viewer, request.signal), { headers });
}
