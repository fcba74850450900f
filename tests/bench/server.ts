// Starts the built app against a fresh database on the real PostgreSQL server, for benchmarks.
import type { ChildProcess } from "node:child_process";
import postgres from "postgres";
import { startAppProcess } from "../support/app-process";

export type BenchServer = { baseUrl: string; databaseUrl: string; child: ChildProcess; stop(): Promise<void>; output(): string };

export async function startBenchServer(options: { port: number; adminUrl: string; env?: Record<string, string> }): Promise<BenchServer> {
  const name = `qiao_bench_${Date.now()}`;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const app = await startAppProcess({ port: options.port, env: { DATABASE_URL: databaseUrl, QIAO_SEED_DEMO: "always", ...options.env } });
  return {
    baseUrl: app.baseUrl,
    databaseUrl,
    child: app.child,
    output: app.output,
    async stop() {
      await app.stop();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
