// `npm run bench`: build, start the server on a real PostgreSQL, drive pages, print req/s and p50/p95/p99.
// Figures go into the issue notes; nothing here asserts a timing.
import { execSync } from "node:child_process";
import { printResults, runLoad, type LoadResult, type LoadTarget } from "./load";
import { startBenchServer } from "./server";

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
} finally {
  await server.stop();
}
