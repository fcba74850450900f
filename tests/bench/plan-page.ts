// The plan page of a 2,000-line campaign on real PostgreSQL: SQL statements per request (1 line vs
// 2,000), server time p50/p95 over 50 requests, HTML transfer size and the page's JavaScript.
import type { ServerBuild } from "@remix-run/node";
import { requestHandler } from "../integration/http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { openDatabase, queryCounter } from "@db/client";
import { setDatabase } from "~/db.server";
import { getPlacement } from "~/domain/catalog";
import type { LineInput } from "~/domain/plan";
import { addLines, createCampaign } from "~/services/planner.server";
import { requireScope } from "~/tenancy/access.server";
import { percentile } from "./load";

const PLACEMENTS: [string, string][] = [
  ["alimama-zhitongche", "tmall-store"],
  ["douyin-infeed", "wechat-mini-program"],
  ["wechat-moments", "wechat-official-account"],
  ["baidu-search", "baidu-landing-page"],
  ["jd-search", "jd-store"],
];

/** Line i of a bench plan (five routes in turn); budgets rise by `budgetStepFen` a line. */
export function benchLine(i: number, budgetStepFen = 1): LineInput {
  const [placementId, destinationId] = PLACEMENTS[i % PLACEMENTS.length]!;
  return {
    name: `Line ${i + 1}`,
    placementId,
    destinationId: destinationId as LineInput["destinationId"],
    buyingModel: getPlacement(placementId)!.defaultBuyingModel,
    unitCostFen: null,
    budgetFen: 100_000 + i * budgetStepFen,
    startDate: "2027-03-01",
    endDate: "2027-05-31",
    kpiId: i % 3 === 0 ? "repurchase-rate" : "clicks",
    kpiTarget: null,
    audienceNotes: "",
    formatNotes: "",
    flightingMode: (["even", "front", "back"] as const)[i % 3]!,
    customFlightingFen: null,
  };
}

export async function benchPlanPage(options: { baseUrl: string; databaseUrl: string; cookie: string; orgSlug: string; clientId: string }) {
  const handle = await openDatabase({ url: options.databaseUrl, maxConnections: 4 });
  setDatabase(handle);
  const access = await requireScope(new Request(`${options.baseUrl}/o/${options.orgSlug}`, { headers: { Cookie: options.cookie } }), { orgSlug: options.orgSlug, clientId: options.clientId }, "client.plan.edit");
  const base = { objective: "conversion" as const, startDate: "2027-03-01", endDate: "2027-05-31", budgetFen: 500_000_000, reportingCurrency: "EUR" as const, fxRate: 7.8, notes: "" };
  const one = await createCampaign(access, { ...base, name: "Bench — 1 line" });
  await addLines(access, one.id, [benchLine(0)]);
  const big = await createCampaign(access, { ...base, name: "Bench — 2,000 lines" });
  for (let start = 0; start < 2_000; start += 250) await addLines(access, big.id, Array.from({ length: 250 }, (_, i) => benchLine(start + i)));

  // SQL statements per page request, through the real request handler in this process.
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const handler = requestHandler(build);
  const pageUrl = (id: string) => `${options.baseUrl}/o/${options.orgSlug}/clients/${options.clientId}/campaigns/${id}`;
  // Statements and transactions (each app transaction opens with its set_config of the role) of one
  // document request, as the server sees it (documentRequest in the load context).
  const count = async (id: string) => {
    queryCounter.recorded = [];
    const response = await handler(new Request(pageUrl(id), { headers: { Cookie: options.cookie } }), { cspNonce: "bench", clientIp: "127.0.0.1", documentRequest: true });
    await response.text();
    const statements = queryCounter.recorded;
    queryCounter.recorded = undefined;
    return { statements: statements.length, transactions: statements.filter((q) => q.startsWith("select set_config('role'")).length };
  };
  const queriesOne = await count(one.id);
  const queriesBig = await count(big.id);

  // Server time over HTTP, 50 sequential requests of the 2,000-line page.
  const times: number[] = [];
  let htmlBytes = 0;
  let gzipBytes = 0;
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const response = await fetch(pageUrl(big.id), { headers: { Cookie: options.cookie, "Accept-Encoding": "identity" } });
    const html = await response.text();
    times.push(performance.now() - t0);
    htmlBytes = Buffer.byteLength(html);
    gzipBytes = gzipSync(html).length;
  }
  times.sort((a, b) => a - b);

  // The page's JavaScript: every script and modulepreload the document references.
  const html = await (await fetch(pageUrl(one.id), { headers: { Cookie: options.cookie } })).text();
  const scripts = [...new Set([...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]!))];
  let jsBytes = 0;
  let jsGzip = 0;
  for (const script of scripts) {
    const body = Buffer.from(await (await fetch(`${options.baseUrl}${script}`)).arrayBuffer());
    jsBytes += body.length;
    jsGzip += gzipSync(body).length;
  }
  await handle.close();
  return {
    queriesOneLine: queriesOne,
    queriesTwoThousandLines: queriesBig,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    htmlKiB: htmlBytes / 1024,
    htmlGzipKiB: gzipBytes / 1024,
    jsFiles: scripts.length,
    jsKiB: jsBytes / 1024,
    jsGzipKiB: jsGzip / 1024,
  };
}
