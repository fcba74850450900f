// The app as a real process on a PostgreSQL cluster of the test's own, while that database breaks:
// backends terminated mid-query, then the server stopped and started again under load. The process
// lives, every request ends (none waits for the client's 15 s timeout), nothing answers 500, every 503
// carries Retry-After, and the app serves again once the database is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { freePort, startCluster, type PgCluster } from "../support/pg-cluster";
import { demoIds, pause, send, signIn, startLoad, type Answer, type DemoIds } from "../support/qiao-client";
import postgres from "postgres";
import { hasPgServerBinaries } from "./harness";

const DEADLINE_MS = 2_000;

describe.skipIf(!hasPgServerBinaries)("the app while its database breaks", () => {
  let cluster: PgCluster;
  let app: AppProcess;
  let ids: DemoIds;
  let cookie: string;

  beforeAll(async () => {
    cluster = await startCluster();
    app = await startAppProcess({
      port: await freePort(),
      env: { DATABASE_URL: cluster.url, QIAO_SEED_DEMO: "always", QIAO_DB_TIMEOUT_MS: String(DEADLINE_MS), QIAO_LOG_REQUESTS: "off" },
    });
    ids = await demoIds(cluster.url);
    cookie = await signIn(app.baseUrl, "planner@qiao-demo.example");
  });

  afterAll(async () => {
    await app?.stop();
    cluster?.destroy();
  });

  const paths = () => [ids.campaignPath, `${ids.campaignPath}/live`, `${ids.campaignPath}.data`, `/o/${ids.orgSlug}/clients/${ids.clientId}`, "/healthz"];

  function expectOnlyFastAnswers(answers: Answer[]) {
    const hung = answers.filter((a) => a.status === 0);
    const failed = answers.filter((a) => a.status >= 500 && a.status !== 503);
    const without = answers.filter((a) => a.status === 503 && !a.retryAfter);
    expect(hung.map((a) => `${a.path}: ${a.error}`)).toEqual([]);
    expect(failed.map((a) => `${a.status} ${a.path}: ${a.body.slice(0, 120)}`)).toEqual([]);
    expect(without.map((a) => a.path)).toEqual([]);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 503).map((a) => `${a.status} ${a.path}`)).toEqual([]);
  }

  it("survives backends terminated in the middle of queries: every request ends with 200 or 503", async () => {
    const load = startLoad(app.baseUrl, paths(), { workers: 6, cookie });
    const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    let terminated = 0;
    for (let round = 0; round < 15; round++) {
      await pause(150);
      const rows = await admin`select pg_terminate_backend(pid) as ok from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`;
      terminated += rows.length;
    }
    await admin.end();
    await pause(1_000);
    const answers = await load.stop();
    expect(app.isAlive()).toBe(true);
    expect(terminated).toBeGreaterThan(10);
    // Terminations open the breaker for a moment (fast 503s), so some, not most, answers are 200.
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    expectOnlyFastAnswers(answers);
    expect((await send(app.baseUrl, ids.campaignPath, { cookie })).status).toBe(200);
  });

  it("answers 503 with Retry-After while the server is stopped, in the person's language and as JSON for data, and recovers", async () => {
    const load = startLoad(app.baseUrl, paths(), { workers: 6, cookie });
    await pause(500);
    cluster.stop("immediate");
    await pause(1_500);
    // While it is down: a page in Chinese for a Chinese browser, JSON for a resource route, a reason on /healthz.
    const page = await send(app.baseUrl, ids.campaignPath, { cookie, headers: { "accept-language": "zh-CN,zh;q=0.9" } });
    const exported = await send(app.baseUrl, `${ids.campaignPath}/export.csv`, { cookie });
    const health = await send(app.baseUrl, "/healthz");
    await pause(1_500);
    cluster.start();
    let recovered = false;
    for (let i = 0; i < 100 && !recovered; i++) {
      recovered = (await send(app.baseUrl, "/healthz")).status === 200;
      if (!recovered) await pause(100);
    }
    await pause(500);
    const answers = await load.stop();

    expect(app.isAlive()).toBe(true);
    expect(page.status).toBe(503);
    expect(page.retryAfter).toBeTruthy();
    expect(page.contentType).toContain("text/html");
    expect(page.body).toContain('lang="zh-CN"');
    expect(page.body).toContain("暂时无法使用");
    expect(exported.status).toBe(503);
    expect(exported.contentType).toContain("application/json");
    expect(JSON.parse(exported.body)).toMatchObject({ status: "unavailable" });
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ status: "unavailable", database: "down", reason: expect.stringMatching(/unreachable|did not answer/) });
    expect(recovered).toBe(true);
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(10);
    expectOnlyFastAnswers(answers);
    expect((await send(app.baseUrl, ids.campaignPath, { cookie })).status).toBe(200);
  });
});
