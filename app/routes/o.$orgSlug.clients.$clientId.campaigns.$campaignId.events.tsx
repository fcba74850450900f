import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCampaign } from "~/models/campaign.server";
import { addLiveStream, isLiveHubListening, type LiveEvent } from "~/services/live-hub.server";
import { inScope, isUuid, notFound, requireScope } from "~/tenancy/access.server";

// Server-Sent Events for an open plan: "change" when its version or status changed (on any instance),
// "resync" after this instance lost and regained its LISTEN. No plan data travels here: the page then
// fetches …/live, which checks access again. A stream ends after 10 minutes (the browser reconnects,
// so access is checked again) or when the instance drains.
const MAX_STREAM_MS = 10 * 60_000;
const PING_MS = 15_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const campaignId = params.campaignId;
  const found = await inScope(access, (scope) => findCampaign(scope, access.client!.id, campaignId));
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

  const encoder = new TextEncoder();
  let cleanup = () => {};
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (!open) return;
        open = false;
        cleanup();
        try {
          controller.close();
        } catch {
          // already cancelled by the reader
        }
      };
      const remove = addLiveStream({
        organizationId: access.organization.id,
        campaignId,
        userId: access.user.id,
        userName: access.user.name,
        send: (event: LiveEvent) => write(`event: ${event}\ndata: {}\n\n`),
        close,
      });
      const ping = setInterval(() => write(": ping\n\n"), PING_MS);
      const lifetime = setTimeout(close, MAX_STREAM_MS);
      cleanup = () => {
        remove();
        clearInterval(ping);
        clearTimeout(lifetime);
      };
      request.signal.addEventListener("abort", close);
      write("retry: 5000\n: open\n\n");
    },
    cancel() {
      open = false;
      cleanup();
    },
  });
  return new Response(body, { headers });
}
