import { beforeAll, beforeEach, inject } from "vitest";
import { getDatabase, openAndMigrate, pingDatabase, setDatabase } from "~/db.server";
import { setAvailabilityProbe } from "~/db-availability.server";
import { startLiveHub } from "~/services/live-hub.server";
import { queryRows, sql } from "@db/client";
import { syncCatalog } from "~/services/catalog-sync.server";

// One database per project (kept across files: isolate is off), emptied before every test.
beforeAll(async () => {
  const holder = globalThis as { __qiaoDatabase?: unknown };
  if (holder.__qiaoDatabase) return;
  const driver = process.env.QIAO_TEST_DRIVER;
  const handle =
    driver === "postgres"
      ? await openAndMigrate({ url: inject("pgUrl"), maxConnections: 8 })
      : await openAndMigrate({ dataDir: "memory://" });
  await syncCatalog(handle);
  setDatabase(handle, { timeoutMs: 10_000 });
  // As at boot: a breaker opened by a test closes again once the database answers; live notices are listened to.
  setAvailabilityProbe(pingDatabase);
  await startLiveHub(handle);
});

beforeEach(async () => {
  const { db } = getDatabase();
  const tables = await queryRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public' and tablename not like 'catalog\_%'`,
  );
  if (tables.length === 0) return;
  const list = tables.map((t) => `"public"."${t.tablename}"`).join(", ");
  await db.execute(sql.raw(`truncate ${list} restart identity cascade`));
});
