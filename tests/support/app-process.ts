// The built app as a real server process (`node --expose-gc --import tsx app/server/main.server.ts`, as npm start runs it), for tests and
// benchmarks that need what only a process shows: that it survives, how it drains, how it exits.
import { spawn, type ChildProcess } from "node:child_process";

export type AppProcess = {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  output(): string;
  isAlive(): boolean;
  /** SIGTERM and wait for the exit; returns the exit code. */
  stop(): Promise<number | null>;
};

export async function startAppProcess(options: { port: number; env: Record<string, string>; waitForHealthy?: boolean }): Promise<AppProcess> {
  let output = "";
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "app/server/main.server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      QIAO_LOG_REQUESTS: "off",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const app: AppProcess = {
    baseUrl,
    port: options.port,
    child,
    output: () => output,
    isAlive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (app.isAlive()) child.kill("SIGTERM");
      return exited;
    },
  };
  if (options.waitForHealthy !== false) await waitForHealthy(app);
  return app;
}

export async function waitForHealthy(app: AppProcess, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (!app.isAlive()) throw new Error(`Server exited during start:\n${app.output()}`);
    try {
      if ((await fetch(`${app.baseUrl}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`Server did not become healthy:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
