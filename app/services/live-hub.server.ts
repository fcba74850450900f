// Live updates for open plans, per app instance: one LISTEN on qiao_live (drizzle/0013: a plan's version
// or status changed) fanned out to the Server-Sent Event streams of this instance, and the presence of
// every open stream written in one statement per organization every 10 s. The database stays the bus, so
// any number of instances agree; a page that has no stream falls back to polling …/live.
import type { DatabaseHandle } from "@db/client";
import { touchPresenceMany } from "~/models/collaboration.server";
import { withTenant } from "~/models/scope.server";

type LiveEvent = "change" | "resync";

export type LiveViewer = { organizationId: string; campaignId: string; userId: string; userName: string };

type Stream = LiveViewer & { send: (event: LiveEvent) => void; close: () => void };

type Hub = { streams: Set<Stream>; unlisten: (() => Promise<void>) | null; presenceTimer: NodeJS.Timeout | null };

const PRESENCE_EVERY_MS = 10_000;
const CHANNEL = "qiao_live";

// On globalThis: one hub per process, whichever module graph asks.
const holder = globalThis as typeof globalThis & { __qiaoLiveHub?: Hub };
const hub: Hub = (holder.__qiaoLiveHub ??= { streams: new Set(), unlisten: null, presenceTimer: null });

/** Starts listening; a failure leaves pages on the poll (logged, never fatal). */
export async function startLiveHub(handle: DatabaseHandle): Promise<void> {
  if (hub.unlisten) return;
  try {
    hub.unlisten = await handle.listen(
      CHANNEL,
      (payload) => {
        const [organizationId, campaignId] = payload.split(":");
        for (const stream of hub.streams) if (stream.organizationId === organizationId && stream.campaignId === campaignId) stream.send("change");
      },
      // Listening again after a lost connection: what was announced meanwhile is unknown, so every page looks once.
      () => {
        for (const stream of hub.streams) stream.send("resync");
      },
    );
  } catch (error) {
    console.warn(`Live updates fall back to polling: ${(error as Error).message}`);
    return;
  }
  hub.presenceTimer = setInterval(() => void writePresence(), PRESENCE_EVERY_MS);
  hub.presenceTimer.unref();
}

export async function stopLiveHub(): Promise<void> {
  closeLiveStreams();
  if (hub.presenceTimer) clearInterval(hub.presenceTimer);
  hub.presenceTimer = null;
  const unlisten = hub.unlisten;
  hub.unlisten = null;
  await unlisten?.().catch(() => {});
}

/** Ends every open stream (draining an instance): browsers reconnect, through the balancer, elsewhere. */
export function closeLiveStreams(): void {
  for (const stream of [...hub.streams]) stream.close();
}

export function isLiveHubListening(): boolean {
  return hub.unlisten !== null;
}

/** Registers an open stream; returns the function that removes it. Its presence is written at once and then every 10 s. */
function addLiveStream(stream: Stream): () => void {
  hub.streams.add(stream);
  void writePresence([stream]);
  return () => hub.streams.delete(stream);
}

const MAX_STREAM_MS = 10 * 60_000;
const PING_MS = 15_000;

/**
 * The Server-Sent Events of one open plan for one person: "change" when the plan's version or status
 * changed (on any instance), "resync" after this instance regained its LISTEN, a comment every 15 s so
 * proxies keep it open. It ends when the client goes (signal), when the instance drains, or after 10
 * minutes, so the browser reconnects and access is checked again.
 */
export function liveEventStream(viewer: LiveViewer, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let open = true;
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
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
      const remove = addLiveStream({ ...viewer, send: (event) => write(`event: ${event}\ndata: {}\n\n`), close });
      const ping = setInterval(() => write(": ping\n\n"), PING_MS);
      const lifetime = setTimeout(close, MAX_STREAM_MS);
      cleanup = () => {
        remove();
        clearInterval(ping);
        clearTimeout(lifetime);
      };
      signal.addEventListener("abort", close);
      write("retry: 5000\n: open\n\n");
    },
    cancel() {
      open = false;
      cleanup();
    },
  });
}

async function writePresence(streams: Iterable<Stream> = hub.streams): Promise<void> {
  const byOrganization = new Map<string, Stream[]>();
  for (const stream of streams) byOrganization.set(stream.organizationId, [...(byOrganization.get(stream.organizationId) ?? []), stream]);
  for (const [organizationId, viewers] of byOrganization) {
    // A database blip costs one round of presence, nothing else: the next round writes it again.
    await withTenant({ organizationId, userId: null }, (scope) => touchPresenceMany(scope, viewers)).catch(() => {});
  }
}
