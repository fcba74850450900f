// The one path for a database that is away, on both drivers: a 503 with Retry-After (never a 500), a
// deadline that no transaction outlives (and that rolls back, never commits late), and an open breaker
// that answers without sending a single statement.
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, queryCounter, queryRows, sql, type DatabaseHandle } from "@db/client";
import { breakerStatus, runWithDatabaseDeadline } from "~/db-availability.server";
import { getDatabase, setDatabase, withAppTransaction } from "~/db.server";
import { call } from "./http";
import { makeClientAccount, makeOrganization } from "./factories";
import { currentDriver } from "./helpers";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

/** Runs with another handle in place of the test database, then puts the test database back and waits for the breaker to close. */
async function withBrokenDatabase(broken: DatabaseHandle, work: () => Promise<void>) {
  const original = getDatabase();
  setDatabase(broken, { timeoutMs: 10_000 });
  try {
    await work();
  } finally {
    setDatabase(original, { timeoutMs: 10_000 });
    for (let i = 0; i < 100 && breakerStatus().open; i++) await pause(50);
  }
}

async function brokenHandle(): Promise<DatabaseHandle> {
  if (currentDriver() === "postgres") {
    // Nothing listens on port 9 of loopback: every connection attempt is refused.
    return openDatabase({ url: "postgres://postgres@127.0.0.1:9/none" });
  }
  // The embedded database's own failure: an instance that has been closed.
  const handle = await openDatabase({ dataDir: "memory://" });
  await handle.close();
  return handle;
}

describe("a database that is away", () => {
  afterEach(() => expect(breakerStatus().open).toBe(false));

  it("is a 503 with Retry-After and a JSON reason for a resource route, and the breaker then answers without a statement", async () => {
    const org = await makeOrganization();
    const client = await makeClientAccount(org);
    const path = `/o/${org.slug}/clients/${client.id}/campaigns/00000000-0000-4000-8000-000000000000/export.csv`;
    const broken = await brokenHandle();
    await withBrokenDatabase(broken, async () => {
      const answers: Response[] = [];
      for (let i = 0; i < 3; i++) answers.push(await call(path, { cookie: org.owner.cookie }));
      expect(answers.map((a) => a.status)).toEqual([503, 503, 503]);
      expect(answers[0]!.headers.get("Retry-After")).toBe("2");
      expect(await answers[0]!.json()).toMatchObject({ status: "unavailable", messageKey: "errors.unavailableBody" });
      expect(breakerStatus().open).toBe(true);

      const before = queryCounter.count;
      const page = await call(`/o/${org.slug}/clients/${client.id}`, { cookie: org.owner.cookie, headers: { "Accept-Language": "zh-CN" } });
      expect(queryCounter.count - before).toBe(0);
      expect(page.status).toBe(503);
      const html = await page.text();
      expect(html).toContain('lang="zh-CN"');
      expect(html).toContain("暂时无法使用");
    });
    if (currentDriver() === "postgres") await broken.close();
  });

  it("ends a transaction at the request's deadline with a 503 and rolls it back instead of committing late", async () => {
    const org = await makeOrganization();
    const error = await caught(
      runWithDatabaseDeadline(300, () =>
        withAppTransaction({ organizationId: org.id, userId: org.owner.id }, async (tx) => {
          await tx.execute(sql`update organizations set name = 'Renamed late' where id = ${org.id}`);
          await pause(800);
          return "done";
        }),
      ),
    );
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(503);
    await pause(800);
    const rows = await queryRows<{ name: string }>(getDatabase().db, sql`select name from organizations where id = ${org.id}`);
    expect(rows[0]!.name).not.toBe("Renamed late");
    // A deadline spent before the work starts sends nothing at all.
    const before = queryCounter.count;
    const late = await caught(runWithDatabaseDeadline(0, () => withAppTransaction({ organizationId: org.id, userId: null }, async () => "never")));
    expect((late as Response).status).toBe(503);
    expect(queryCounter.count).toBe(before);
    // Deadline failures count towards the breaker: close it again for the next test.
    for (let i = 0; i < 100 && breakerStatus().open; i++) await pause(50);
  });

  it.runIf(process.env.QIAO_TEST_DRIVER === "postgres")("cancels a statement that outlives the deadline on the server (statement_timeout), as a 503", async () => {
    const error = await caught(
      runWithDatabaseDeadline(400, () => withAppTransaction({ organizationId: null, userId: null }, (tx) => tx.execute(sql`select pg_sleep(3)`))),
    );
    expect((error as Response).status).toBe(503);
    const body = (await (error as Response).json()) as { reason: string };
    expect(body.reason).toMatch(/57014|deadline/);
  });
});
