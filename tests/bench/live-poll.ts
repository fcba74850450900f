// What the live poll of open plans costs the database, measured (issue "live updates without hammering
// the database"): 200 open plan pages, each doing what LiveAwareness (…campaigns.$campaignId._index/
// collaboration.tsx) does in the browser: on mount one heartbeat POST …/live and one poll, then the
// poll (a plain GET …/live, JSON) every 4 s and the heartbeat every 10 s, both only while the tab is
// visible (every tab is taken as visible here: the worst case). Against one app instance on a PostgreSQL cluster of its own (tests/support/pg-cluster.ts),
// so the figures are not mixed with other work on the shared server.
//
//   node --import tsx tests/bench/live-poll.ts
//   BENCH_SKIP_BUILD=1 BENCH_RUNS=2 BENCH_SECONDS=60 BENCH_PAGES=200 node --import tsx tests/bench/live-poll.ts
//
// Figures, never asserted (the machine is shared): CPU seconds of every PostgreSQL process (postmaster,
// backends, background workers; /proc/<pid>/stat utime+stime, and the postmaster's cutime+cstime for
// children that exited) over the window ÷ (window × cores); the Node server's CPU the same way;
// transactions/s (pg_stat_database) and statements/s with executor and planning time (pg_stat_statements,
// BENCH_PGSS=off to leave it out); poll latency p50/p95/p99; and, for comparison, the same request mix
// flat out (closed loop) to get the capacity. The data: 54 people (the 4 demo accounts + 50) on 4 client
// accounts, 40 campaigns, made through the app's services and models; everyone signs in through /login.
import { execSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "@db/client";
import { setDatabase } from "~/db.server";
import { insertClientAccount, upsertClientMember } from "~/models/client-account.server";
import { insertMembership } from "~/models/organization.server";
import { DEMO_ORGANIZATION_SLUG, DEMO_PASSWORD } from "~/services/demo.server";
import type { LineInput } from "~/domain/plan";
import { addLines, createCampaign } from "~/services/planner.server";
import { createUser } from "~/services/signup.server";
import { requireScope } from "~/tenancy/access.server";
import type { ClientRole } from "~/domain/permissions";
import { withTenant } from "~/models/scope.server";
import { startAppProcess } from "../support/app-process";
import { freePort, startCluster } from "../support/pg-cluster";
import { send, signIn } from "../support/qiao-client";
import { Agent, request } from "undici";

// Event streams stay open: a pool of their own, so they never queue the polls.
const streamAgent = new Agent({ connections: 1_000 });
import { percentile } from "./load";
import { benchLine } from "./plan-page";

const PAGES = Number(process.env.BENCH_PAGES ?? 200);
const WINDOW_MS = Number(process.env.BENCH_SECONDS ?? 60) * 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const EXTRA_USERS = Number(process.env.BENCH_USERS ?? 50);
const CLIENTS = 4; // the demo client + 3 more client accounts of the demo agency
const CAMPAIGNS_PER_CLIENT = 10; // 40 campaigns (the demo campaign is one of them)
const LINES_PER_CAMPAIGN = 12;
const CAPACITY_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const CAPACITY_MS = Number(process.env.BENCH_CAPACITY_SECONDS ?? 20) * 1000;
// The browser's cadence (collaboration.tsx). BENCH_MODE=sse (what a page does now): an event stream open
// (…/events; the server writes presence), a poll every 30 s and one when told of a change, no heartbeat.
// BENCH_MODE=poll (the fallback without a stream, and what every page did before): poll every 4 s,
// heartbeat every 10 s. BENCH_CHANGES_PER_S plan changes a second (sse mode), spread over the campaigns.
const MODE = process.env.BENCH_MODE === "poll" ? "poll" : "sse";
const POLL_MS = MODE === "sse" ? 30_000 : 4_000;
const BEAT_MS = 10_000;
const CHANGES_PER_S = Number(process.env.BENCH_CHANGES_PER_S ?? 1);
// Mount times spread uniformly over 20 s (a multiple of both periods), so the polls are spread evenly
// over every 4 s and the heartbeats over every 10 s, as for plans opened at unrelated moments.
const MOUNT_SPREAD_MS = 20_000;
const TARGET_SHARE = 0.05;
// BENCH_PGSS=off: without pg_stat_statements (it costs a little per statement; the CPU figures then have none of it).
const PGSS = process.env.BENCH_PGSS !== "off";

const CORES = os.availableParallelism();
const HZ = Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim()) || 100;

// ---------------------------------------------------------------------------------------------------
// CPU accounting from /proc

type ProcStat = { ppid: number; utime: number; stime: number; cutime: number; cstime: number };

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]), cutime: Number(fields[13]), cstime: Number(fields[14]) };
  } catch {
    return null;
  }
}

/** CPU ticks of the whole cluster: live children of the postmaster, then the postmaster with its reaped children. */
function clusterTicks(postmasterPid: number): number {
  let ticks = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat && stat.ppid === postmasterPid) ticks += stat.utime + stat.stime;
  }
  const pm = readStat(postmasterPid);
  if (!pm) throw new Error("The postmaster is gone.");
  return ticks + pm.utime + pm.stime + pm.cutime + pm.cstime;
}

function processTicks(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`Process ${pid} is gone.`);
  return stat.utime + stat.stime + stat.cutime + stat.cstime;
}

/** Busy and total ticks of the whole machine (every process, ours and the other engineers'). */
function machineTicks(): { busy: number; total: number } {
  const values = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - values[3]! - values[4]!, total };
}

type Snapshot = {
  at: number;
  db: number;
  app: number;
  bench: number;
  machine: { busy: number; total: number };
  xactCommit: number;
  xactRollback: number;
  load1: number;
};

type Monitor = { sql: postgres.Sql; postmasterPid: number; appPid: number; pgss: boolean };

async function snapshot(m: Monitor): Promise<Snapshot> {
  const [row] = await m.sql<{ xact_commit: string; xact_rollback: string }[]>`
    select xact_commit, xact_rollback from pg_stat_database where datname = current_database()`;
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    db: clusterTicks(m.postmasterPid),
    app: processTicks(m.appPid),
    bench: ((usage.user + usage.system) / 1e6) * HZ,
    machine: machineTicks(),
    xactCommit: Number(row!.xact_commit),
    xactRollback: Number(row!.xact_rollback),
    load1: os.loadavg()[0]!,
  };
}

type Cost = {
  seconds: number;
  dbCpuS: number;
  dbShare: number;
  appShare: number;
  benchShare: number;
  machineShare: number;
  /** Busy share of the machine not spent by the cluster, the app or this script: the other engineers' work. */
  otherShare: number;
  xactPerS: number;
  load1: string;
};

function cost(a: Snapshot, b: Snapshot): Cost {
  const seconds = (b.at - a.at) / 1000;
  const share = (ticks: number) => ticks / HZ / (seconds * CORES);
  const machineShare = (b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total);
  const dbShare = share(b.db - a.db);
  const appShare = share(b.app - a.app);
  const benchShare = share(b.bench - a.bench);
  return {
    seconds,
    dbCpuS: (b.db - a.db) / HZ,
    dbShare,
    appShare,
    benchShare,
    machineShare,
    otherShare: Math.max(0, machineShare - dbShare - appShare - benchShare),
    xactPerS: (b.xactCommit + b.xactRollback - a.xactCommit - a.xactRollback) / seconds,
    load1: `${a.load1.toFixed(1)}→${b.load1.toFixed(1)}`,
  };
}

// pg_stat_statements (loaded by the cluster's shared_preload_libraries), the monitor's own queries left out.
type Statement = { query: string; calls: number; plans: number; totalMs: number; planMs: number; rows: number };

async function resetStatements(m: Monitor) {
  if (m.pgss) await m.sql`select pg_stat_statements_reset()`;
}

async function readStatements(m: Monitor): Promise<Statement[]> {
  if (!m.pgss) return [];
  const rows = await m.sql<{ query: string; calls: string; plans: string; total_exec_time: number; total_plan_time: number; rows: string }[]>`
    select query, calls, plans, total_exec_time, total_plan_time, rows from pg_stat_statements
    where dbid = (select oid from pg_database where datname = current_database())
      and query not ilike '%pg_stat%' and query not ilike '%pg_database%'
    order by calls desc`;
  return rows.map((r) => ({
    query: r.query.replace(/\s+/g, " "),
    calls: Number(r.calls),
    plans: Number(r.plans),
    totalMs: Number(r.total_exec_time),
    planMs: Number(r.total_plan_time),
    rows: Number(r.rows),
  }));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

// postgres.js sends COMMIT over the extended protocol, and PostgreSQL 15's pg_stat_statements does not
// record it then (BEGIN, a simple query, it does). Every transaction of the app ends in one COMMIT.
const commits = (statements: Statement[]) => sum(statements.filter((s) => /^begin/i.test(s.query)).map((s) => s.calls));
const statementCount = (statements: Statement[]) => sum(statements.map((s) => s.calls)) + commits(statements);

// ---------------------------------------------------------------------------------------------------
// Data: 54 people and 40 campaigns across 4 client accounts, through the app's own services and models

type Page = { email: string; cookie: string; campaignId: string; livePath: string };

const line = (i: number): LineInput => benchLine(i, 1_000);

/** A small deterministic PRNG, so every run opens the same pages at the same moments. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function seed(baseUrl: string, databaseUrl: string): Promise<{ pages: Page[]; users: number; campaigns: number; clients: number }> {
  const handle = await openDatabase({ url: databaseUrl, maxConnections: 4 });
  setDatabase(handle, { timeoutMs: 60_000 });
  try {
    const owner = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [org] = await owner<{ id: string }[]>`select id from organizations where slug = ${DEMO_ORGANIZATION_SLUG}`;
    const [demoClient] = await owner<{ id: string }[]>`select id from client_accounts where organization_id = ${org!.id} order by created_at limit 1`;
    const demoUsers = await owner<{ id: string; email: string }[]>`select id, email from users where email like '%@qiao-demo.example' order by email`;
    await owner.end();
    const adminId = demoUsers.find((u) => u.email === "admin@qiao-demo.example")!.id;

    // Three more client accounts of the demo agency, and 50 more people on their teams.
    const clientIds = [demoClient!.id];
    await withTenant({ organizationId: org!.id, userId: adminId }, async (scope) => {
      for (const name of ["Lotus Tea", "Panda Sport", "Jade Beauty"]) {
        const client = await insertClientAccount(scope, { name, namingTemplate: "{client}_{ecosystem}_{placement}_{objective}_{yyyymm}" });
        clientIds.push(client.id);
      }
    });
    const people: { email: string; clients: string[] }[] = [
      { email: "lead@qiao-demo.example", clients: [clientIds[0]!] },
      { email: "planner@qiao-demo.example", clients: [clientIds[0]!] },
      { email: "viewer@qiao-demo.example", clients: [clientIds[0]!] },
      { email: "admin@qiao-demo.example", clients: clientIds }, // the owner sees every client account
    ];
    const roles: ClientRole[] = ["planner", "planner", "viewer", "lead_planner"];
    const created = await Promise.all(
      Array.from({ length: EXTRA_USERS }, async (_, i) => {
        const email = `bench-${i + 1}@qiao-bench.example`;
        const result = await createUser({
          email,
          name: `Bench Person ${i + 1}`,
          password: DEMO_PASSWORD,
          locale: null,
        });
        if (!result.ok) throw new Error(`User ${email}: ${JSON.stringify(result.fieldErrors)}`);
        // Everyone on one client team; every third person on a second one too.
        const clients = i % 3 === 0 ? [clientIds[i % CLIENTS]!, clientIds[(i + 1) % CLIENTS]!] : [clientIds[i % CLIENTS]!];
        return { email, userId: result.userId, clients, role: roles[i % roles.length]! };
      }),
    );
    await withTenant({ organizationId: org!.id, userId: adminId }, async (scope) => {
      for (const person of created) {
        await insertMembership(scope, person.userId, "member");
        for (const clientId of person.clients) await upsertClientMember(scope, clientId, person.userId, person.role);
      }
    });
    people.push(...created.map((p) => ({ email: p.email, clients: p.clients })));

    // Campaigns: the demo campaign plus 39 more, each with 12 lines (so each has activity to poll).
    const adminCookie = await signIn(baseUrl, "admin@qiao-demo.example");
    const campaignsByClient = new Map<string, string[]>();
    const ownerSql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [demoCampaign] = await ownerSql<{ id: string }[]>`select id from campaigns where client_account_id = ${clientIds[0]!} order by created_at limit 1`;
    await ownerSql.end();
    campaignsByClient.set(clientIds[0]!, [demoCampaign!.id]);
    for (const clientId of clientIds) {
      const access = await requireScope(
        new Request(`${baseUrl}/o/${DEMO_ORGANIZATION_SLUG}`, {
          headers: { Cookie: adminCookie },
        }),
        { orgSlug: DEMO_ORGANIZATION_SLUG, clientId },
        "client.plan.edit",
      );
      const list = campaignsByClient.get(clientId) ?? [];
      while (list.length < CAMPAIGNS_PER_CLIENT) {
        const campaign = await createCampaign(access, {
          name: `Bench campaign ${clientIds.indexOf(clientId) + 1}-${list.length + 1}`,
          objective: "conversion",
          startDate: "2027-03-01",
          endDate: "2027-05-31",
          budgetFen: 500_000_000,
          reportingCurrency: "EUR",
          fxRate: 7.8,
          notes: "",
        });
        const added = await addLines(
          access,
          campaign.id,
          Array.from({ length: LINES_PER_CAMPAIGN }, (_, i) => line(i + list.length)),
        );
        if (!added?.ok) throw new Error(`Lines of ${campaign.id}: ${JSON.stringify(added)}`);
        list.push(campaign.id);
      }
      campaignsByClient.set(clientId, list);
    }

    // Sign every person in through the login route (a browser session each; tabs of one person share it).
    const cookies = new Map<string, string>();
    for (const person of people) cookies.set(person.email, await signIn(baseUrl, person.email));

    // 200 open pages: person k's j-th tab shows the j-th plan of their client accounts (distinct pairs),
    // people taken round-robin, so most have 3–4 plans open and each plan 3–7 viewers.
    const pages: Page[] = [];
    const tabs = new Map<string, number>();
    for (let k = 0; pages.length < PAGES; k++) {
      const person = people[k % people.length]!;
      const theirs = person.clients.flatMap((c) => campaignsByClient.get(c)!.map((id) => ({ clientId: c, id })));
      const j = tabs.get(person.email) ?? 0;
      if (j >= theirs.length) continue;
      tabs.set(person.email, j + 1);
      const pick = theirs[(j * 3 + k) % theirs.length]!;
      if (pages.some((p) => p.email === person.email && p.campaignId === pick.id)) {
        // (j*3+k) collided with an earlier tab: take the first plan not open yet.
        const free = theirs.find((t) => !pages.some((p) => p.email === person.email && p.campaignId === t.id));
        if (!free) continue;
        pick.id = free.id;
        pick.clientId = free.clientId;
      }
      const livePath = `/o/${DEMO_ORGANIZATION_SLUG}/clients/${pick.clientId}/campaigns/${pick.id}/live`;
      pages.push({
        email: person.email,
        cookie: cookies.get(person.email)!,
        campaignId: pick.id,
        livePath,
      });
    }
    return { pages, users: people.length, campaigns: sum([...campaignsByClient.values()].map((l) => l.length)), clients: clientIds.length };
  } finally {
    await handle.close();
    setDatabase(undefined);
  }
}

// ---------------------------------------------------------------------------------------------------
// The two requests, as the browser sends them

type Kind = "poll" | "beat";
type Sample = { kind: Kind; startedAt: number; ms: number; status: number };

async function hit(baseUrl: string, page: Page, kind: Kind): Promise<{ status: number; ms: number; body: string }> {
  const answer =
    kind === "poll"
      ? await send(baseUrl, page.livePath, {
          cookie: page.cookie,
          headers: { accept: "application/json", "sec-fetch-site": "same-origin" },
        })
      : await send(baseUrl, page.livePath, {
          method: "POST",
          cookie: page.cookie,
          headers: {
            accept: "*/*",
            origin: baseUrl,
            "sec-fetch-site": "same-origin",
          },
        });
  return { status: answer.status, ms: answer.ms, body: answer.body };
}

/** Open loop: every page fires on its own clock whether or not its last request has answered (like setInterval). */
async function openLoop(baseUrl: string, pages: Page[], m: Monitor, rand: () => number) {
  const records: Sample[] = [];
  const inFlight = new Set<Promise<void>>();
  const windowStart = MOUNT_SPREAD_MS + 2_000;
  const windowEnd = windowStart + WINDOW_MS;
  let maxLagMs = 0;
  const t0 = performance.now();
  const timers = new Set<NodeJS.Timeout>();
  const at = (t: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      maxLagMs = Math.max(maxLagMs, performance.now() - t0 - t);
      fn();
    }, Math.max(0, t0 + t - performance.now()));
    timers.add(timer);
  };
  const fire = (page: Page, kind: Kind, t: number, every: number) => {
    at(t, () => {
      const startedAt = performance.now() - t0;
      const p = hit(baseUrl, page, kind).then((a) => void records.push({ kind, startedAt, ms: a.ms, status: a.status }));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      if (t + every < windowEnd) fire(page, kind, t + every, every);
    });
  };
  const streams: { destroy(): void }[] = [];
  for (const page of pages) {
    const mount = rand() * MOUNT_SPREAD_MS;
    if (MODE === "poll") fire(page, "beat", mount, BEAT_MS);
    else
      at(mount, () => {
        // The page's event stream: each "change" makes it poll at once, as LiveAwareness does.
        void request(`${baseUrl}${page.livePath.replace(/\/live$/, "/events")}`, { headers: { cookie: page.cookie, accept: "text/event-stream" }, dispatcher: streamAgent }).then(
          (response) => {
            streams.push(response.body);
            response.body.on("error", () => {});
            response.body.on("data", (chunk: Buffer) => {
              if (!String(chunk).includes("event: change")) return;
              const startedAt = performance.now() - t0;
              const p = hit(baseUrl, page, "poll").then((a) => void records.push({ kind: "poll", startedAt, ms: a.ms, status: a.status }));
              inFlight.add(p);
              void p.finally(() => inFlight.delete(p));
            });
          },
          () => {},
        );
      });
    fire(page, "poll", mount, POLL_MS);
  }
  // Plans change while people look at them: one plan version bump every 1/CHANGES_PER_S s.
  if (MODE === "sse" && CHANGES_PER_S > 0) {
    const campaignIds = [...new Set(pages.map((p) => p.campaignId))];
    const change = (t: number, n: number) =>
      at(t, () => {
        void m.sql`update campaigns set plan_version = plan_version + 1 where id = ${campaignIds[n % campaignIds.length]!}`.catch(() => {});
        if (t + 1000 / CHANGES_PER_S < windowEnd) change(t + 1000 / CHANGES_PER_S, n + 1);
      });
    change(MOUNT_SPREAD_MS, 0);
  }
  let before: Snapshot | undefined;
  let after: Snapshot | undefined;
  let statements: Statement[] = [];
  await new Promise<void>((resolve, reject) => {
    at(windowStart, () => {
      void resetStatements(m)
        .then(() => snapshot(m))
        .then((s) => (before = s), reject);
    });
    at(windowEnd, () => {
      void snapshot(m)
        .then(async (s) => {
          after = s;
          statements = await readStatements(m);
        })
        .then(resolve, reject);
    });
  });
  await Promise.all([...inFlight]);
  for (const timer of timers) clearTimeout(timer);
  for (const stream of streams) stream.destroy();
  const inWindow = records.filter((r) => r.startedAt >= windowStart && r.startedAt < windowEnd);
  // Answered in the window (whenever sent): what the database really served while the CPU was counted.
  const answered = records.filter((r) => r.startedAt + r.ms >= windowStart && r.startedAt + r.ms < windowEnd).length;
  return { cost: cost(before!, after!), records: inWindow, answered, statements, maxLagMs };
}

/** Closed loop: N connections, each sends the next request of the mix (5 polls : 2 heartbeats) when the last answered. */
async function closedLoop(baseUrl: string, pages: Page[], m: Monitor, durationMs: number, measure: boolean) {
  const records: Sample[] = [];
  const before = measure ? (await resetStatements(m), await snapshot(m)) : undefined;
  const deadline = performance.now() + durationMs;
  const worker = async (w: number) => {
    for (let i = w; performance.now() < deadline; i += CAPACITY_CONNECTIONS) {
      const page = pages[(i * 13) % pages.length]!;
      const kind: Kind = i % 7 === 2 || i % 7 === 5 ? "beat" : "poll";
      const startedAt = performance.now();
      const a = await hit(baseUrl, page, kind);
      records.push({ kind, startedAt, ms: a.ms, status: a.status });
    }
  };
  await Promise.all(Array.from({ length: CAPACITY_CONNECTIONS }, (_, w) => worker(w)));
  if (!measure) return null;
  const after = await snapshot(m);
  return { cost: cost(before!, after), records, statements: await readStatements(m) };
}

function latency(records: Sample[], kind: Kind) {
  const ms = records
    .filter((r) => r.kind === kind)
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), max: ms.at(-1) ?? 0 };
}

const pct = (share: number) => `${(share * 100).toFixed(2)} %`;
const f1 = (n: number) => n.toFixed(1);

// ---------------------------------------------------------------------------------------------------

if (process.env.BENCH_SKIP_BUILD !== "1") execSync("npx remix build", { stdio: "inherit" });

const cluster = await startCluster({
  settings: PGSS ? { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track_planning": "on" } : {},
});
let app: Awaited<ReturnType<typeof startAppProcess>> | undefined;
const monitorSql = postgres(cluster.url, { max: 1, onnotice: () => {} });
try {
  let pgss = PGSS;
  try {
    if (pgss) await monitorSql`create extension if not exists pg_stat_statements`;
  } catch (error) {
    pgss = false;
    console.warn(`pg_stat_statements unavailable (${(error as Error).message}): statements per second from pg_stat_database only.`);
  }
  const port = await freePort();
  app = await startAppProcess({
    port,
    env: { DATABASE_URL: cluster.url, QIAO_SEED_DEMO: "always" },
  });
  const postmasterPid = Number(readFileSync(path.join(cluster.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const m: Monitor = { sql: monitorSql, postmasterPid, appPid: app.child.pid!, pgss };

  const seeded0 = performance.now();
  const { pages, users, campaigns, clients } = await seed(app.baseUrl, cluster.url);
  const perCampaign = new Map<string, number>();
  for (const p of pages) perCampaign.set(p.campaignId, (perCampaign.get(p.campaignId) ?? 0) + 1);
  const perUser = new Map<string, number>();
  for (const p of pages) perUser.set(p.email, (perUser.get(p.email) ?? 0) + 1);
  const [counts] = await monitorSql<{ activity: string; lines: string; presence: string }[]>`
    select (select count(*) from activity_events) as activity, (select count(*) from line_items) as lines, (select count(*) from presence) as presence`;
  console.log(
    `\nSeeded in ${((performance.now() - seeded0) / 1000).toFixed(0)} s: ${users} people (4 demo + ${EXTRA_USERS}), ${clients} client accounts, ${campaigns} campaigns, ` +
      `${counts!.lines} lines, ${counts!.activity} activity events; ${pages.length} open pages on ${perCampaign.size} campaigns ` +
      `(${Math.min(...perCampaign.values())}–${Math.max(...perCampaign.values())} viewers each) by ${perUser.size} people (${Math.min(...perUser.values())}–${Math.max(
        ...perUser.values(),
      )} tabs each).`,
  );

  // What one request sends the database, counted alone (pg_stat_statements; the app is otherwise idle).
  const check = await hit(app.baseUrl, pages[0]!, "poll");
  if (check.status !== 200 || !check.body.includes("planVersion")) throw new Error(`The poll answered ${check.status}: ${check.body.slice(0, 200)}`);
  const perRequest: { kind: Kind; statements: number; transactions: number; execMs: number; planMs: number; plans: number; dbCpuMs: number }[] = [];
  for (const kind of ["poll", "beat"] as Kind[]) {
    for (let i = 0; i < 20; i++) await hit(app.baseUrl, pages[i]!, kind); // warm-up: JIT, every pooled connection open
    await resetStatements(m);
    const n = 100;
    const ticks0 = clusterTicks(m.postmasterPid);
    for (let i = 0; i < n; i++) await hit(app.baseUrl, pages[i % pages.length]!, kind);
    const dbCpuMs = ((clusterTicks(m.postmasterPid) - ticks0) / HZ / n) * 1000;
    const statements = await readStatements(m);
    perRequest.push({
      kind,
      statements: statementCount(statements) / n,
      transactions: commits(statements) / n,
      execMs: sum(statements.map((s) => s.totalMs)) / n,
      planMs: sum(statements.map((s) => s.planMs)) / n,
      plans: sum(statements.map((s) => s.plans)) / n,
      dbCpuMs,
    });
  }
  console.log(`\nOne request alone (100 sequential${pgss ? ", pg_stat_statements" : ""}):`);
  console.table(
    perRequest.map((r) => ({
      request: r.kind === "poll" ? "GET …/live (poll)" : "POST …/live (heartbeat)",
      ...(pgss
        ? {
            "SQL statements (incl. COMMIT)": f1(r.statements),
            transactions: f1(r.transactions),
            plannings: f1(r.plans),
            "planning ms": r.planMs.toFixed(3),
            "executor ms": r.execMs.toFixed(3),
          }
        : {}),
      "DB CPU ms": r.dbCpuMs.toFixed(2),
    })),
  );

  // Calibration: what a statement costs this database on this machine at all, sequentially on one
  // connection: a prepared `select 1`, and the app's transaction envelope (begin; set_config ×5; commit).
  const calibration = { selectOneUs: 0, envelopeUs: 0 };
  {
    const n = 3_000;
    const t0 = clusterTicks(m.postmasterPid);
    for (let i = 0; i < n; i++) await monitorSql`select 1`;
    const t1 = clusterTicks(m.postmasterPid);
    for (let i = 0; i < n / 3; i++) {
      await monitorSql.begin(async (tx) => {
        await tx`select set_config('role', 'qiao_app', true), set_config('app.organization_id', '', true), set_config('app.user_id', '', true), set_config('app.auth', '', true), set_config('statement_timeout', '5000', true)`;
      });
    }
    const t2 = clusterTicks(m.postmasterPid);
    calibration.selectOneUs = (((t1 - t0) / HZ) * 1e6) / n;
    calibration.envelopeUs = (((t2 - t1) / HZ) * 1e6) / (n / 3);
    console.log(
      `\nCalibration (one connection, sequential): DB CPU ${calibration.selectOneUs.toFixed(0)} µs per \`select 1\`, ` +
        `${calibration.envelopeUs.toFixed(0)} µs per empty app transaction (begin; set_config ×5; commit).`,
    );
  }

  type RunResult = { idle: Cost; open: Awaited<ReturnType<typeof openLoop>>; capacity: NonNullable<Awaited<ReturnType<typeof closedLoop>>> };
  const results: RunResult[] = [];
  for (let run = 1; run <= RUNS; run++) {
    console.log(
      `\nRun ${run}/${RUNS}: idle 10 s, ${pages.length} open pages (${MOUNT_SPREAD_MS / 1000} s of mounts + ${
        WINDOW_MS / 1000
      } s measured), then ${CAPACITY_CONNECTIONS} connections flat out for ${CAPACITY_MS / 1000} s…`,
    );
    const idle0 = await snapshot(m);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const idle = cost(idle0, await snapshot(m));
    const open = await openLoop(app.baseUrl, pages, m, prng(run));
    await closedLoop(app.baseUrl, pages, m, 3_000, false); // warm-up
    const capacity = (await closedLoop(app.baseUrl, pages, m, CAPACITY_MS, true))!;
    results.push({ idle, open, capacity });
  }

  // ------------------------------------------------------------------------------------------------
  const offered = pages.length * (1000 / POLL_MS + (MODE === "poll" ? 1000 / BEAT_MS : 0));
  const openRps = (r: RunResult) => r.open.records.length / r.open.cost.seconds;
  const capRps = (r: RunResult) => r.capacity.records.length / r.capacity.cost.seconds;
  // DB CPU per request the database really served in the window (when the app falls behind, fewer than were sent).
  const dbMsPerAnswered = (r: RunResult) => (r.open.cost.dbCpuS * 1000) / r.open.answered;
  // What the database would spend if every offered request were served at that cost.
  const projectedShare = (r: RunResult) => (dbMsPerAnswered(r) * offered) / 1000 / CORES;
  // The database's own ceiling for this mix if its CPU were the only limit and scaled linearly.
  const dbCeilingRps = (r: RunResult) => capRps(r) / r.capacity.cost.dbShare;
  const bad = (records: Sample[]) => String(records.filter((r) => r.status < 200 || r.status >= 300).length);
  const lat = (records: Sample[], kind: Kind) => {
    const l = latency(records, kind);
    return `${f1(l.p50)} / ${f1(l.p95)} / ${f1(l.p99)}`;
  };
  type Figure = [label: string, value: (r: RunResult) => string];
  const costFigures = (c: (r: RunResult) => Cost, statements: (r: RunResult) => Statement[]): Figure[] => [
    ["DB CPU s", (r) => c(r).dbCpuS.toFixed(2)],
    ["DB CPU share of 2 cores", (r) => pct(c(r).dbShare)],
    ["DB transactions/s", (r) => f1(c(r).xactPerS)],
    ...(pgss
      ? ([
          ["DB statements/s (incl. COMMIT)", (r) => f1(statementCount(statements(r)) / c(r).seconds)],
          ["DB executor time ms/s", (r) => f1(sum(statements(r).map((s) => s.totalMs)) / c(r).seconds)],
          ["DB planning time ms/s", (r) => f1(sum(statements(r).map((s) => s.planMs)) / c(r).seconds)],
          [
            "DB plans per executed statement",
            (r) =>
              (
                sum(statements(r).map((s) => s.plans)) /
                sum(
                  statements(r)
                    .filter((s) => !/^begin/i.test(s.query))
                    .map((s) => s.calls),
                )
              ).toFixed(2),
          ],
        ] as Figure[])
      : []),
    ["app (Node) CPU share of 2 cores", (r) => pct(c(r).appShare)],
    ["load generator CPU share", (r) => pct(c(r).benchShare)],
    ["other work on the machine", (r) => pct(c(r).otherShare)],
    ["machine busy, all processes", (r) => pct(c(r).machineShare)],
    ["load average 1 min", (r) => c(r).load1],
  ];
  const sections: [string, Figure[]][] = [
    [
      "idle 10 s",
      [
        ["DB CPU share of 2 cores", (r) => pct(r.idle.dbShare)],
        ["app CPU share", (r) => pct(r.idle.appShare)],
        ["other work on the machine", (r) => pct(r.idle.otherShare)],
      ],
    ],
    [
      `${pages.length} open`,
      [
        ["window s", (r) => f1(r.open.cost.seconds)],
        ["requests/s offered (GET+POST)", () => f1(offered)],
        ["requests/s sent", (r) => f1(openRps(r))],
        ["requests/s answered", (r) => f1(r.open.answered / r.open.cost.seconds)],
        ["non-2xx or transport errors", (r) => bad(r.open.records)],
        ["poll GET p50/p95/p99 ms", (r) => lat(r.open.records, "poll")],
        ["heartbeat POST p50/p95/p99 ms", (r) => lat(r.open.records, "beat")],
        ...costFigures(
          (r) => r.open.cost,
          (r) => r.open.statements,
        ),
        ["DB CPU share minus idle  ◀", (r) => pct(r.open.cost.dbShare - r.idle.dbShare)],
        ["DB CPU ms per answered request", (r) => dbMsPerAnswered(r).toFixed(2)],
        ["DB share if all offered were served  ◀", (r) => pct(projectedShare(r))],
        ["generator timer lag max ms", (r) => f1(r.open.maxLagMs)],
      ],
    ],
    [
      `flat out ${CAPACITY_CONNECTIONS} conn`,
      [
        ["requests/s", (r) => f1(capRps(r))],
        ["non-2xx or transport errors", (r) => bad(r.capacity.records)],
        ["poll GET p50/p95/p99 ms", (r) => lat(r.capacity.records, "poll")],
        ...costFigures(
          (r) => r.capacity.cost,
          (r) => r.capacity.statements,
        ),
        ["DB CPU ms per request", (r) => ((r.capacity.cost.dbCpuS * 1000) / r.capacity.records.length).toFixed(2)],
      ],
    ],
    [
      "ratio",
      [
        ["offered poll load / measured capacity  ◀", (r) => pct(offered / capRps(r))],
        ["DB-only ceiling req/s (flat-out req/s ÷ DB share)", (r) => f1(dbCeilingRps(r))],
        ["offered poll load / DB-only ceiling", (r) => pct(offered / dbCeilingRps(r))],
      ],
    ],
  ];
  const table: Record<string, Record<string, string>> = {};
  for (const [section, figures] of sections) {
    for (const [label, value] of figures) table[`${section} | ${label}`] = Object.fromEntries(results.map((r, i) => [`run ${i + 1}`, value(r)]));
  }
  console.log(`\nFigures (${CORES} cores, ${HZ} ticks/s; DB = every process of the cluster: postmaster, backends, background workers):`);
  console.table(table);

  if (pgss) {
    const last = results.at(-1)!.open;
    const total = statementCount(last.statements);
    const listed = [
      ...last.statements,
      {
        query: "commit  (not recorded by pg_stat_statements over the extended protocol: one per begin)",
        calls: commits(last.statements),
        plans: 0,
        totalMs: 0,
        planMs: 0,
        rows: 0,
      },
    ].sort((a, b) => b.calls - a.calls);
    // (A statement may show its planning under a second entry with 0 calls: pg_stat_statements files the
    // plan of drizzle's inlined set_config under another normalized text.)
    console.log(`\nStatements during the last ${pages.length}-page window (${f1(total / last.cost.seconds)}/s), by calls:`);
    console.table(
      listed.slice(0, 16).map((s) => ({
        "calls/s": f1(s.calls / last.cost.seconds),
        share: pct(s.calls / total),
        "mean exec ms": s.totalMs ? (s.totalMs / Math.max(1, s.calls)).toFixed(3) : "",
        "exec ms/s": s.totalMs ? f1(s.totalMs / last.cost.seconds) : "",
        "planning ms/s": s.planMs ? f1(s.planMs / last.cost.seconds) : "",
        query: s.query.length > 100 ? `${s.query.slice(0, 97)}…` : s.query,
      })),
    );
  }

  const dbShares = results.map((r) => Math.max(r.open.cost.dbShare, projectedShare(r)));
  // What the pages really sent (scheduled polls plus those a change caused) against one instance's capacity.
  const ratios = results.map((r) => openRps(r) / capRps(r));
  const worst = Math.max(...dbShares);
  console.log(
    `\n5 % target at ${pages.length} open plans (${MODE} mode): DB CPU share (measured, or projected to every offered request when the app fell behind) ${dbShares.map(pct).join(", ")} → ` +
      (worst < TARGET_SHARE ? "HOLDS in every run" : `does NOT hold (worst ${pct(worst)}, ${(worst / TARGET_SHARE).toFixed(1)}× the target)`) +
      `. For the app instance, not the database: requests sent / flat-out capacity ${ratios.map(pct).join(", ")}.`,
  );
} finally {
  await monitorSql.end({ timeout: 2 }).catch(() => {});
  if (app) await app.stop();
  cluster.destroy();
}
