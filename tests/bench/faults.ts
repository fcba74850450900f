// Faults, tried as an operator would, against PostgreSQL clusters of the benchmark's own (never the
// shared server). Not part of `npm test`: it prints figures, it asserts nothing.
// Run: npm run build && node --import tsx tests/bench/faults.ts   (FAULTS_LOAD_S=60 by default)
//
// 1. Mixed load at 20 connections: requests, errors, p50/p95/p99.
// 2. The database stopped for 10 s under that load: process alive, 503s and how fast, longest request,
//    seconds to recover, acknowledged writes all present.
// 3. kill -9 of the app in the middle of a 2,000-line import apply: all or nothing, and applied again.
// 4. The app started while the database is down: /healthz says why, ready how soon after it appears.
// 5. Three instances behind nginx: the collaboration journey through a drained instance and a
//    PostgreSQL restart.
import Papa from "papaparse";
import postgres from "postgres";
import { startAppProcess, waitForHealthy, type AppProcess } from "../support/app-process";
import { drainOneAndRestartDatabase, requestsPerInstance, startFleet, type Disruption } from "../support/fleet";
import { runCollaborationJourney } from "../support/journey";
import { freePort, startCluster } from "../support/pg-cluster";
import { demoIds, pause, send, signIn, startLoad, type Answer, type DemoIds, type LoadStep } from "../support/qiao-client";
import { percentile } from "./load";

const LOAD_S = Number(process.env.FAULTS_LOAD_S ?? 60);
const OUTAGE_S = 10;

function summarize(answers: Answer[]) {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const count = (predicate: (a: Answer) => boolean) => answers.filter(predicate).length;
  return {
    requests: answers.length,
    ok: count((a) => a.status >= 200 && a.status < 400),
    status503: count((a) => a.status === 503),
    status5xxOther: count((a) => a.status >= 500 && a.status !== 503),
    other4xx: count((a) => a.status >= 400 && a.status < 500),
    noAnswer: count((a) => a.status === 0),
    p50Ms: round(percentile(ms, 50)),
    p95Ms: round(percentile(ms, 95)),
    p99Ms: round(percentile(ms, 99)),
    maxMs: round(ms.at(-1) ?? 0),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

function mixedSteps(ids: DemoIds): { steps: LoadStep[]; comments: string[] } {
  const comments: string[] = [];
  let n = 0;
  const steps: LoadStep[] = [
    ids.campaignPath,
    `${ids.campaignPath}/live`,
    { path: `${ids.campaignPath}/live`, form: () => ({}) },
    ids.campaignPath,
    `/o/${ids.orgSlug}/clients/${ids.clientId}`,
    {
      path: `${ids.campaignPath}/comments`,
      form: () => {
        const body = `load note ${n++} ${Date.now()}`;
        comments.push(body);
        return { intent: "post", body };
      },
    },
  ];
  return { steps, comments };
}

async function singleInstance() {
  const cluster = await startCluster();
  const app = await startAppProcess({ port: await freePort(), env: { DATABASE_URL: cluster.url, QIAO_SEED_DEMO: "always" } });
  try {
    const ids = await demoIds(cluster.url);
    const cookie = await signIn(app.baseUrl, "lead@qiao-demo.example");

    // 1. Load.
    {
      const { steps } = mixedSteps(ids);
      const started = performance.now();
      const load = startLoad(app.baseUrl, steps, { workers: 20, cookie });
      await pause(LOAD_S * 1000);
      const answers = await load.stop();
      const s = summarize(answers);
      console.log(`\n1. Mixed load, 20 connections, ${LOAD_S} s`);
      console.table([{ ...s, rps: round(answers.length / ((performance.now() - started) / 1000)), processAlive: app.isAlive() }]);
    }

    // 2. Database stopped for 10 s under load.
    {
      const { steps, comments } = mixedSteps(ids);
      const load = startLoad(app.baseUrl, steps, { workers: 20, cookie });
      await pause(3_000);
      const stoppedAt = performance.now();
      cluster.stop("fast");
      await pause(OUTAGE_S * 1000);
      cluster.start();
      const startedAt = performance.now();
      let recoveredMs = NaN;
      for (;;) {
        const probe = await send(app.baseUrl, ids.campaignPath, { cookie });
        if (probe.status === 200) {
          recoveredMs = performance.now() - startedAt;
          break;
        }
        if (performance.now() - startedAt > 30_000) break;
        await pause(50);
      }
      await pause(3_000);
      const answers = await load.stop();
      const during = answers.filter((a) => a.status === 503);
      const fast = during.filter((a) => a.ms <= 1_000).length;
      const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
      const stored = new Set((await admin<{ body: string }[]>`select body from comments where body like 'load note %'`).map((r) => r.body));
      await admin.end();
      // A comment is acknowledged when its POST answered 200; every one of those must be stored.
      const acked = answers.filter((a) => a.path.endsWith("/comments") && a.status === 200).map((a) => a.form?.body ?? "");
      const acknowledged = acked.length;
      const lost = acked.filter((body) => !stored.has(body)).length;
      console.log(`\n2. PostgreSQL stopped (pg_ctl stop -m fast) for ${OUTAGE_S} s under the same load`);
      console.table([
        {
          ...summarize(answers),
          processAlive: app.isAlive(),
          "503 within 1 s": `${fast}/${during.length} (${during.length ? round((100 * fast) / during.length) : 0} %)`,
          longest503Ms: round(Math.max(0, ...during.map((a) => a.ms))),
          recoverS: round(recoveredMs / 1000),
          outageS: round((startedAt - stoppedAt) / 1000),
          commentsAcked: acknowledged,
          commentsAckedButLost: lost,
          commentsTried: comments.length,
        },
      ]);
    }

    // 3. kill -9 during a 2,000-line import apply.
    await killDuringImport(cluster.url, app, ids, cookie);
  } finally {
    await app.stop().catch(() => {});
    cluster.destroy();
  }
}

async function killDuringImport(databaseUrl: string, first: AppProcess, ids: DemoIds, cookie: string) {
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const count = async () => Number((await admin<{ n: number }[]>`select count(*)::int as n from line_items where campaign_id = ${ids.campaignId}`)[0]!.n);
  const template = (await admin<{ name: string; placement_id: string; destination_id: string; buying_model: string; start_date: string; end_date: string; ecosystem_id: string }[]>`
    select name, placement_id, destination_id, buying_model, start_date::text, end_date::text, ecosystem_id from line_items where campaign_id = ${ids.campaignId} order by position limit 1`)[0]!;
  // 2,000 new lines in the plan's own words (names of the catalog ids are accepted as well as labels).
  const rows = Array.from({ length: 2_000 }, (_, i) => ({
    "Line name": `Bulk line ${i + 1}`,
    Ecosystem: template.ecosystem_id,
    Placement: template.placement_id,
    "Landing destination": template.destination_id,
    "Buying model": template.buying_model,
    "Budget (CNY)": String(1_000 + i),
    Start: template.start_date,
    End: template.end_date,
  }));
  const csv = Papa.unparse(rows);
  const before = await count();
  let app = first;
  const upload = new FormData();
  upload.append("file", new Blob([csv], { type: "text/csv" }), "bulk-2000.csv");
  const preview = await send(app.baseUrl, `${ids.campaignPath}/import`, { cookie, multipart: upload, timeoutMs: 60_000 });
  const [job] = await admin<{ id: string }[]>`select id from import_jobs where campaign_id = ${ids.campaignId} order by created_at desc limit 1`;
  let killedAfterMs = NaN;
  let afterKill = NaN;
  let afterReapply = NaN;
  let reapplyStatus = 0;
  if (preview.status === 200 && job) {
    const applying = send(app.baseUrl, `${ids.campaignPath}/import`, { cookie, form: { jobId: job.id }, timeoutMs: 60_000 });
    // Wait until the apply is inside its transaction (it holds the campaign row), then kill.
    const started = performance.now();
    for (let i = 0; i < 400; i++) {
      const [busy] = await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where state = 'active' and query ilike 'insert into "line_items"%'`;
      if (busy!.n > 0) break;
      await pause(5);
    }
    killedAfterMs = performance.now() - started;
    app.child.kill("SIGKILL");
    await applying;
    await pause(500);
    afterKill = await count();
    app = await startAppProcess({ port: app.port, env: { DATABASE_URL: databaseUrl, QIAO_SEED_DEMO: "never" } });
    const again = await send(app.baseUrl, `${ids.campaignPath}/import`, { cookie, form: { jobId: job.id }, timeoutMs: 60_000 });
    reapplyStatus = again.status;
    afterReapply = await count();
  }
  await admin.end();
  await app.stop();
  console.log("\n3. kill -9 in the middle of a 2,000-line import apply");
  console.table([
    {
      previewStatus: preview.status,
      linesBefore: before,
      killedAfterMs: round(killedAfterMs),
      linesAfterKill: afterKill,
      allOrNothing: afterKill === before || afterKill === before + 2_000,
      reapplyStatus,
      linesAfterReapply: afterReapply,
    },
  ]);
  if (preview.status !== 200) console.log(preview.body.slice(0, 500));
}

async function startWithoutDatabase() {
  const cluster = await startCluster();
  cluster.stop("fast");
  const app = await startAppProcess({ port: await freePort(), env: { DATABASE_URL: cluster.url, QIAO_SEED_DEMO: "always" }, waitForHealthy: false });
  try {
    let health: Answer | null = null;
    for (let i = 0; i < 100 && (!health || health.status === 0); i++) {
      health = await send(app.baseUrl, "/healthz");
      await pause(100);
    }
    await pause(3_000);
    const whileDown = await send(app.baseUrl, "/healthz");
    const page = await send(app.baseUrl, "/login");
    cluster.start();
    const appeared = performance.now();
    await waitForHealthy(app);
    const readyMs = performance.now() - appeared;
    console.log("\n4. Started while PostgreSQL is down, then PostgreSQL starts");
    console.table([{ healthWhileDown: `${whileDown.status} ${whileDown.body}`, pageWhileDown: `${page.status} Retry-After ${page.retryAfter}`, readySAfterDbUp: round(readyMs / 1000), processAlive: app.isAlive() }]);
  } finally {
    await app.stop();
    cluster.destroy();
  }
}

async function threeInstances() {
  const fleet = await startFleet({ instances: 3 });
  try {
    let disruption: Disruption | undefined;
    const report = await runCollaborationJourney({
      baseUrl: fleet.balancer.baseUrl,
      databaseUrl: fleet.cluster.url,
      instances: fleet.instances,
      editPhaseMs: 20_000,
      disrupt: async () => {
        disruption = await drainOneAndRestartDatabase(fleet, { drainAfterMs: 4_000, outageAfterMs: 2_000, outageMs: OUTAGE_S * 1000 });
      },
    });
    const unavailable = report.answers.filter((a) => a.status === 503);
    console.log("\n5. Three instances behind nginx (round-robin): the collaboration journey, one instance drained, PostgreSQL stopped 10 s");
    console.table([
      {
        ...summarize(report.answers),
        "503 within 1 s": `${unavailable.filter((a) => a.ms <= 1_000).length}/${unavailable.length}`,
        drainedExitCode: disruption?.drainedExitCode,
        drainS: round((disruption?.drainMs ?? NaN) / 1000),
        outageS: round((disruption?.outageMs ?? NaN) / 1000),
        editsAcked: report.editsAcknowledged,
        editsRetried: report.editsRetried,
        lostEdits: report.lostEdits.length,
        commentsAcked: report.commentsAcknowledged,
        commentsMissing: report.commentsMissing,
        importPreview: `${report.importPreviewStatus} on #${report.previewInstance}`,
        importApply: `${report.importApplyStatus} on #${report.applyInstance}`,
        workflow: report.workflowStatuses.join(","),
        finalStatus: report.finalStatus,
        perInstance: requestsPerInstance(fleet.instances).join("/"),
      },
    ]);
  } finally {
    await fleet.stop();
  }
}

await singleInstance();
await startWithoutDatabase();
await threeInstances();
