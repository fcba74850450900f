// Live updates through LISTEN/NOTIFY and Server-Sent Events, on both drivers: an open plan's stream is
// told when that plan changes (and not when another does), and an open stream counts as someone looking.
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { addLines, createCampaign } from "~/services/planner.server";
import { makeOrganization, makePlannerOnClient, sampleLine } from "./factories";
import { call } from "./http";

async function setup() {
  const { org, client, planner, access } = await makePlannerOnClient("L");
  const campaign = (name: string) =>
    createCampaign(access, { name, objective: "conversion", startDate: "2027-03-01", endDate: "2027-04-30", budgetFen: 100_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
  const [watched, other] = [await campaign("Watched"), await campaign("Other")];
  const eventsPath = (id: string) => `/o/${org.slug}/clients/${client.id}/campaigns/${id}/events`;
  return { access, planner, watched, other, eventsPath };
}

/** Reads an event stream (it never ends by itself): the events that arrive within a time, keeping a read that is still pending. */
function eventReader(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const decoder = new TextDecoder();
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  let buffer = "";
  return async (ms: number): Promise<string[]> => {
    const events: string[] = [];
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
      if (chunk === null) break;
      pending = null;
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value);
      const complete = buffer.lastIndexOf("\n\n");
      for (const match of buffer.slice(0, complete + 2).matchAll(/^event: (\w+)$/gm)) events.push(match[1]!);
      buffer = buffer.slice(complete + 2);
    }
    return events;
  };
}

describe(`live events (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("a plan's stream hears its own plan change, not another plan's, and counts its viewer as looking", async () => {
    const { access, planner, watched, other, eventsPath } = await setup();
    const response = await call(eventsPath(watched.id), { cookie: planner.cookie, headers: { Accept: "text/event-stream" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const eventsWithin = eventReader(reader);
    try {
      expect(new TextDecoder().decode((await reader.read()).value)).toContain("retry: 5000");
      await addLines(access, other.id, [sampleLine()]);
      expect(await eventsWithin(1_000)).toEqual([]);
      await addLines(access, watched.id, [sampleLine()]);
      expect(await eventsWithin(3_000)).toContain("change");
      const looking = await queryRows<{ user_id: string }>(getDatabase().db, sql`select user_id from presence where campaign_id = ${watched.id}`);
      expect(looking.map((r) => r.user_id)).toEqual([planner.id]);
    } finally {
      await reader.cancel();
    }
  });

  it("another tenant's plan has no stream: 404", async () => {
    const { watched } = await setup();
    const stranger = await makeOrganization("Agency M");
    const response = await call(`/o/${stranger.slug}/clients/${watched.clientAccountId}/campaigns/${watched.id}/events`, { cookie: stranger.owner.cookie });
    expect(response.status).toBe(404);
  });
});
