// The app against the bare baseline (bare-server.ts), page by page, in interleaved rounds: each round
// loads one side then the other (the first side alternates, so drift of the machine falls on both),
// after a short warm-up. Latencies of every round are merged, so p50/p95/p99 are exact.
import { percentile, runLoad, type LoadResult } from "./load";

export type ComparedPage = { name: string; path: string };
export type Side = { rps: number; requests: number; p50Ms: number; p95Ms: number; p99Ms: number; non2xx: number; errors: number; avgBytes: number; roundsRps: number[] };
/** bareOwnBytes: the bare page before padding (its data and minimal markup). */
export type PageComparison = { name: string; app: Side; bare: Side; ratio: number; appBytes: number; bareOwnBytes: number };

function merge(rounds: LoadResult[]): Side {
  const latencies = rounds.flatMap((r) => r.latenciesMs ?? []).sort((a, b) => a - b);
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = rounds.reduce((n, r) => n + r.durationS, 0);
  return {
    rps: requests / seconds,
    requests,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    avgBytes: rounds.reduce((n, r) => n + r.avgBytes * r.requests, 0) / Math.max(1, requests),
    roundsRps: rounds.map((r) => r.rps),
  };
}

export async function comparePages(options: {
  appBaseUrl: string;
  bareBaseUrl: string;
  cookie: string;
  pages: ComparedPage[];
  connections: number;
  roundMs: number;
  rounds: number;
  warmUpMs?: number;
  /** Pad the bare page to the app's byte count (bare-server.ts, X-Bench-Pad-To); default true. */
  padBare?: boolean;
}): Promise<PageComparison[]> {
  const comparisons: PageComparison[] = [];
  const headers = { Cookie: options.cookie };
  for (const page of options.pages) {
    const appBytes = (await (await fetch(`${options.appBaseUrl}${page.path}`, { headers })).arrayBuffer()).byteLength;
    const bareOwnBytes = (await (await fetch(`${options.bareBaseUrl}${page.path}`, { headers })).arrayBuffer()).byteLength;
    const sides = {
      app: { url: `${options.appBaseUrl}${page.path}`, headers },
      bare: { url: `${options.bareBaseUrl}${page.path}`, headers: options.padBare === false ? headers : { ...headers, "X-Bench-Pad-To": String(appBytes) } },
    };
    const results: Record<keyof typeof sides, LoadResult[]> = { app: [], bare: [] };
    for (let round = 0; round < options.rounds; round++) {
      const order: (keyof typeof sides)[] = round % 2 === 0 ? ["app", "bare"] : ["bare", "app"];
      for (const side of order) {
        const target = { name: `${page.name} (${side})`, ...sides[side] };
        await runLoad(target, { connections: 4, durationMs: options.warmUpMs ?? 500 });
        results[side].push(await runLoad(target, { connections: options.connections, durationMs: options.roundMs, keepLatencies: true }));
      }
    }
    const app = merge(results.app);
    const bare = merge(results.bare);
    comparisons.push({ name: page.name, app, bare, ratio: app.rps / bare.rps, appBytes, bareOwnBytes });
  }
  return comparisons;
}

export function printComparisons(comparisons: PageComparison[]) {
  const rows: Record<string, string | number>[] = [];
  for (const c of comparisons) {
    for (const side of ["app", "bare"] as const) {
      const s = c[side];
      rows.push({
        page: c.name,
        side,
        "req/s": s.rps.toFixed(0),
        "rounds req/s": s.roundsRps.map((r) => r.toFixed(0)).join(" / "),
        "p50 ms": s.p50Ms.toFixed(1),
        "p95 ms": s.p95Ms.toFixed(1),
        "p99 ms": s.p99Ms.toFixed(1),
        non2xx: s.non2xx,
        errors: s.errors,
        "bytes/resp": s.avgBytes.toFixed(0),
        "own bytes": side === "app" ? c.appBytes : c.bareOwnBytes,
        "app/bare": side === "app" ? c.ratio.toFixed(2) : "",
      });
    }
  }
  console.table(rows);
}
