// N app instances on one PostgreSQL cluster of their own, behind nginx: the documented way to outgrow
// one machine, started on loopback for a test or a benchmark.
import { startAppProcess, type AppProcess } from "./app-process";
import { startBalancer, type Balancer } from "./balancer";
import { freePort, startCluster, type PgCluster } from "./pg-cluster";
import { pause } from "./qiao-client";

export type Fleet = { cluster: PgCluster; instances: AppProcess[]; balancer: Balancer; stop(): Promise<void> };

export async function startFleet(options: { instances: number; env?: Record<string, string> }): Promise<Fleet> {
  const cluster = await startCluster();
  const instances: AppProcess[] = [];
  let balancer: Balancer | undefined;
  try {
    const ports = await Promise.all(Array.from({ length: options.instances }, () => freePort()));
    const env = {
      DATABASE_URL: cluster.url,
      QIAO_SEED_DEMO: "always",
      // The same secret everywhere: a toast cookie set by one instance is read by another.
      QIAO_COOKIE_SECRET: "fleet-secret-shared-by-every-instance-0123456789",
      QIAO_LOG_REQUESTS: "on",
      ...options.env,
    };
    // All at once, as an orchestrator would: the start-up lock lets one migrate and seed.
    instances.push(...(await Promise.all(ports.map((port) => startAppProcess({ port, env })))));
    balancer = await startBalancer({ port: await freePort(), upstreamPorts: ports });
  } catch (error) {
    await Promise.all(instances.map((i) => i.stop()));
    cluster.destroy();
    throw error;
  }
  return {
    cluster,
    instances,
    balancer,
    async stop() {
      await balancer?.stop();
      await Promise.all(instances.map((i) => i.stop()));
      cluster.destroy();
    },
  };
}

/** Which instances answered a request line ("POST /path 200"), from their request logs. */
export function instancesThatServed(instances: AppProcess[], method: string, path: string, status?: number): number[] {
  const pattern = new RegExp(`^${method} ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\?\\S*)? ${status ?? "\\d+"} `, "m");
  return instances.flatMap((instance, index) => (pattern.test(instance.output()) ? [index] : []));
}

/** Requests each instance logged. */
export function requestsPerInstance(instances: AppProcess[]): number[] {
  return instances.map((instance) => instance.output().split("\n").filter((line) => /^(GET|POST|HEAD) \//.test(line)).length);
}

export type Disruption = { drainedExitCode: number | null; drainMs: number; outageMs: number };

/** What the multi-instance runs do to the fleet: drain instance #1 (SIGTERM), then stop PostgreSQL for a while and start it again. */
export async function drainOneAndRestartDatabase(fleet: Fleet, timing: { drainAfterMs: number; outageAfterMs: number; outageMs: number }): Promise<Disruption> {
  await pause(timing.drainAfterMs);
  const drainStarted = performance.now();
  const drainedExitCode = await fleet.instances[1]!.stop();
  const drainMs = performance.now() - drainStarted;
  await pause(timing.outageAfterMs);
  const outageStarted = performance.now();
  fleet.cluster.stop("fast");
  await pause(timing.outageMs);
  fleet.cluster.start();
  return { drainedExitCode, drainMs, outageMs: performance.now() - outageStarted };
}
