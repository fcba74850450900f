// Starts the built app against a fresh database on the real PostgreSQL server, for benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import postgres from "postgres";

export type BenchServer = { baseUrl: string; databaseUrl: string; child: ChildProcess; stop(): Promise<void>; output(): string };

export async function startBenchServer(options: { port: number; adminUrl: string; env?: Record<string, string> }): Promise<BenchServer> {
  const name = `qiao_bench_${Date.now()}`;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/main.server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      DATABASE_URL: databaseUrl,
      QIAO_SEED_DEMO: "always",
      QIAO_LOG_REQUESTS: "off",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Server exited during start:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 90_000) throw new Error(`Server did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    databaseUrl,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.on("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
