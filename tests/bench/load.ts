// A small closed-loop load generator: N connections, each sends its next request when the last answered.
// It records every latency, so p50/p95/p99 are exact rather than histogram buckets.
import { Agent, request } from "undici";

export type LoadResult = {
  name: string;
  requests: number;
  errors: number;
  non2xx: number;
  status5xx: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  avgBytes: number;
  /** Every latency, sorted (only with `keepLatencies`: to merge rounds into exact percentiles). */
  latenciesMs?: number[];
};

export type LoadTarget = {
  name: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export async function runLoad(target: LoadTarget, options: { connections: number; durationMs: number; maxRequests?: number; keepLatencies?: boolean }): Promise<LoadResult> {
  const agent = new Agent({ connections: options.connections, keepAliveTimeout: 10_000 });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let status5xx = 0;
  let bytes = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline && (options.maxRequests === undefined || sent < options.maxRequests)) {
      sent++;
      const t0 = performance.now();
      try {
        const response = await request(target.url, {
          method: target.method ?? "GET",
          headers: target.headers,
          body: target.body,
          dispatcher: agent,
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        const body = await response.body.arrayBuffer();
        bytes += body.byteLength;
        if (response.statusCode < 200 || response.statusCode >= 300) non2xx++;
        if (response.statusCode >= 500) status5xx++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const durationS = (performance.now() - started) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  return {
    name: target.name,
    requests: latencies.length,
    errors,
    non2xx,
    status5xx,
    durationS,
    rps: latencies.length / durationS,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    avgBytes: latencies.length ? bytes / latencies.length : 0,
    ...(options.keepLatencies ? { latenciesMs: latencies } : {}),
  };
}

export function printResults(results: LoadResult[]) {
  const rows = results.map((r) => ({
    target: r.name,
    "req/s": r.rps.toFixed(0),
    requests: r.requests,
    "p50 ms": r.p50Ms.toFixed(1),
    "p95 ms": r.p95Ms.toFixed(1),
    "p99 ms": r.p99Ms.toFixed(1),
    "max ms": r.maxMs.toFixed(1),
    non2xx: r.non2xx,
    "5xx": r.status5xx,
    errors: r.errors,
    "bytes/resp": r.avgBytes.toFixed(0),
  }));
  console.table(rows);
}
