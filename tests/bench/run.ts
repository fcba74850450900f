// `npm run bench`: build, start the server on a real PostgreSQL, drive pages, print req/s and p50/p95/p99.
// Figures go into the issue notes; nothing here asserts a timing. Then the app against a bare baseline
// (bare-server.ts: node:http + postgres.js, the same data in one RLS transaction) on the plan, measurement
// and catalog pages, in interleaved rounds, with the ratio app/bare. Then the 2,000-line plan page. Last,
// the timings the tests used to assert (timings.ts: import answers, login medians, SIGTERM to exit), on
// the embedded database; the XLSX export against bare exceljs (spreadsheets.ts); idle RSS on both
// databases (idle-rss.ts).
//
// Environment: BENCH_SECONDS (per target and per round, default 10), BENCH_CONNECTIONS (default 20),
// BENCH_ROUNDS (app/bare rounds per page, default 3), BENCH_SKIP_BUILD=1 (use the existing build),
// BENCH_PORT / BENCH_BARE_PORT (3400 / 3401), BENCH_DATABASE_URL (admin URL of the PostgreSQL server),
// BENCH_ONLY=pages (only the app-vs-bare comparison: no home/healthz, no 2,000-line page, no timings),
// BENCH_BARE_PAD=1 (the bare pages padded to the app's byte count, to compare at equal bytes; by default
// each page is its own size, as the issue defines the baseline).
import { execFileSync, execSync } from "node:child_process";
import { measureIdleRss, printIdleRss } from "./idle-rss";
import { startBareServer } from "./bare-server";
import { comparePages, printComparisons } from "./compare";
import { printResults, runLoad, type LoadResult, type LoadTarget } from "./load";
import { benchPlanPage } from "./plan-page";
import { startBenchServer } from "./server";
import { runTimings } from "./timings";

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const durationMs = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const onlyPages = process.env.BENCH_ONLY === "pages";

if (process.env.BENCH_SKIP_BUILD !== "1") execSync("npx remix build", { stdio: "inherit" });
const server = await startBenchServer({ port: Number(process.env.BENCH_PORT ?? 3400), adminUrl });
try {
  if (!onlyPages) {
    const targets: LoadTarget[] = [
      { name: "home (en)", url: `${server.baseUrl}/` },
      { name: "home (zh)", url: `${server.baseUrl}/`, headers: { "Accept-Language": "zh-CN" } },
      { name: "healthz", url: `${server.baseUrl}/healthz` },
    ];
    const results: LoadResult[] = [];
    for (const target of targets) {
      await runLoad(target, { connections: 4, durationMs: 1_000 }); // warm-up
      results.push(await runLoad(target, { connections, durationMs }));
    }
    console.log(`\n${connections} connections, ${durationMs / 1000} s per target, PostgreSQL at ${new URL(adminUrl).host}`);
    printResults(results);
  }

  // Signed in as the demo lead planner.
  const login = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: "lead@qiao-demo.example", password: "qiao-demo-2026" }),
    headers: { Origin: server.baseUrl },
    redirect: "manual",
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const orgHtml = await (await fetch(`${server.baseUrl}/o/demo-agency`, { headers: { Cookie: cookie } })).text();
  const clientId = /clients\/([0-9a-f-]{36})/.exec(orgHtml)?.[1];
  if (!clientId) throw new Error("Demo client not found");

  await compareWithBare(cookie, clientId);

  if (!onlyPages) {
    const plan = await benchPlanPage({ baseUrl: server.baseUrl, databaseUrl: server.databaseUrl, cookie, orgSlug: "demo-agency", clientId });
    console.log("\nPlan page (2,000 lines, 50 sequential requests):");
    console.table({
      "SQL statements / transactions, 1 line": `${plan.queriesOneLine.statements} / ${plan.queriesOneLine.transactions}`,
      "SQL statements / transactions, 2,000 lines": `${plan.queriesTwoThousandLines.statements} / ${plan.queriesTwoThousandLines.transactions}`,
      "server time p50 ms": plan.p50Ms.toFixed(0),
      "server time p95 ms": plan.p95Ms.toFixed(0),
      "HTML KiB (gzip)": `${plan.htmlKiB.toFixed(0)} (${plan.htmlGzipKiB.toFixed(0)})`,
      "JS files / KiB (gzip)": `${plan.jsFiles} / ${plan.jsKiB.toFixed(0)} (${plan.jsGzipKiB.toFixed(0)})`,
    });
  }
} finally {
  await server.stop();
}
if (!onlyPages) {
  await runTimings();
  // XLSX export of 10,000 lines against bare exceljs, and the import benchmark (tests/bench/spreadsheets.ts).
  execFileSync(process.execPath, ["--import", "tsx", "--expose-gc", "tests/bench/spreadsheets.ts"], { stdio: "inherit" });
  // Memory at rest right after start, on the embedded database (first start and restart) and on PostgreSQL.
  const idle = await measureIdleRss({ adminUrl });
  printIdleRss([idle.pglite, idle.pgliteRestart, idle.postgres]);
}

/** The demo's 20-line campaign (the client's only one until the 2,000-line bench adds its own), app vs bare. */
async function compareWithBare(cookie: string, clientId: string) {
  const clientHtml = await (await fetch(`${server.baseUrl}/o/demo-agency/clients/${clientId}`, { headers: { Cookie: cookie } })).text();
  const campaignId = /campaigns\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(clientHtml)?.[1];
  if (!campaignId) throw new Error("Demo campaign not found");
  const bare = await startBareServer({ port: Number(process.env.BENCH_BARE_PORT ?? 3401), databaseUrl: server.databaseUrl });
  try {
    const campaignPath = `/o/demo-agency/clients/${clientId}/campaigns/${campaignId}`;
    const pages = [
      { name: "plan page", path: campaignPath },
      { name: "measurement", path: `${campaignPath}/measurement` },
      { name: "catalog", path: "/o/demo-agency/catalog" },
    ];
    // Both sides answer 200 with the plan's data before anything is timed; the bare one a 404 for a missing campaign.
    for (const page of pages) {
      for (const base of [server.baseUrl, bare.baseUrl]) {
        const response = await fetch(`${base}${page.path}`, { headers: { Cookie: cookie }, redirect: "manual" });
        const html = await response.text();
        if (response.status !== 200) throw new Error(`${base}${page.path} answered ${response.status}: ${html.slice(0, 300)}`);
        if (page.name !== "catalog" && !html.includes("Chinese New Year 2027")) throw new Error(`${base}${page.path} lacks the campaign`);
      }
    }
    const missing = await fetch(`${bare.baseUrl}/o/demo-agency/clients/${clientId}/campaigns/00000000-0000-4000-8000-000000000000`, { headers: { Cookie: cookie } });
    if (missing.status !== 404) throw new Error(`The bare server answered ${missing.status} for a missing campaign`);
    const sample = await (await fetch(`${bare.baseUrl}${campaignPath}`, { headers: { Cookie: cookie } })).text();
    const data = JSON.parse(/window\.__DATA=(.*)<\/script>/.exec(sample)![1]!) as { campaign: { name: string; status: string }; lines: unknown[]; comments: unknown[]; unread: number; approvers: unknown };
    console.log(`\nBare plan page: "${data.campaign.name}" (${data.campaign.status}), ${data.lines.length} lines, ${data.comments.length} comments, ${data.unread} unread, approvers ${JSON.stringify(data.approvers)}`);

    const comparisons = await comparePages({ appBaseUrl: server.baseUrl, bareBaseUrl: bare.baseUrl, cookie, pages, connections, roundMs: durationMs, rounds, padBare: process.env.BENCH_BARE_PAD === "1" });
    const padding = process.env.BENCH_BARE_PAD === "1" ? "bare pages padded to the app's bytes" : "bare pages at their own size";
    console.log(`\nApp vs bare baseline: ${rounds} interleaved rounds of ${durationMs / 1000} s per side and page, ${connections} connections, ${padding}`);
    printComparisons(comparisons);
    return comparisons;
  } finally {
    await bare.stop();
  }
}
