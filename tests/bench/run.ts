// `npm run bench`: build, start the server on a real PostgreSQL, drive pages, print req/s and p50/p95/p99.
// Figures go into the issue notes; nothing here asserts a timing. Last, the timings the tests used to
// assert (tests/bench/timings.ts: import answers, login medians, SIGTERM to exit), on the embedded database.
import { execSync } from "node:child_process";
import { printResults, runLoad, type LoadResult, type LoadTarget } from "./load";
import { benchPlanPage } from "./plan-page";
import { startBenchServer } from "./server";
import { runTimings } from "./timings";

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const durationMs = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

if (process.env.BENCH_SKIP_BUILD !== "1") execSync("npx remix build", { stdio: "inherit" });
const server = await startBenchServer({ port: Number(process.env.BENCH_PORT ?? 3400), adminUrl });
try {
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

  // The plan page, signed in as the demo lead planner.
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
  const plan = await benchPlanPage({ baseUrl: server.baseUrl, databaseUrl: server.databaseUrl, cookie, orgSlug: "demo-agency", clientId });
  console.log("\nPlan page (2,000 lines, 50 sequential requests):");
  console.table({
    "SQL statements, 1 line": plan.queriesOneLine,
    "SQL statements, 2,000 lines": plan.queriesTwoThousandLines,
    "server time p50 ms": plan.p50Ms.toFixed(0),
    "server time p95 ms": plan.p95Ms.toFixed(0),
    "HTML KiB (gzip)": `${plan.htmlKiB.toFixed(0)} (${plan.htmlGzipKiB.toFixed(0)})`,
    "JS files / KiB (gzip)": `${plan.jsFiles} / ${plan.jsKiB.toFixed(0)} (${plan.jsGzipKiB.toFixed(0)})`,
  });
} finally {
  await server.stop();
}
await runTimings();
