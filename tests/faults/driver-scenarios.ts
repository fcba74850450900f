// Run in a child process by driver-guard.test.ts (an unguarded postgres.js crash must not take the
// test runner down): breaks connections in the middle of work and prints one JSON line of outcomes.
import postgres from "postgres";

const [url, only] = process.argv.slice(2);
if (!url) throw new Error("usage: driver-scenarios.ts <postgres url> [reserved|transaction|pipelined]");
const runs = (name: string) => !only || only === name;
const outcomes: Record<string, string> = {};
process.on("uncaughtException", (error) => {
  console.log(JSON.stringify({ ...outcomes, crashed: error.message }));
  process.exit(3);
});

const within = <T>(promise: Promise<T>, ms: number): Promise<T | "hung"> =>
  Promise.race([promise, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), ms))]);
const settle = (promise: Promise<unknown>) => within(promise.then(() => "ok", (error: { code?: string }) => `error ${error.code ?? "?"}`), 5_000);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const table = `qiao_guard_${process.pid}`;
const admin = postgres(url, { max: 1, onnotice: () => {} });
await admin.unsafe(`create table ${table} (x int)`);
try {
  // 1. A reserved connection whose backend is terminated (porsager/postgres #1208): the next query on it
  //    must fail, not crash the process from setImmediate, and the pool must serve again after release.
  if (runs("reserved")) {
    const sql = postgres(url, { max: 2, onnotice: () => {} });
    const reserved = await sql.reserve();
    const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
    await admin`select pg_terminate_backend(${row!.pid})`;
    await pause(200);
    outcomes.reservedAfterTerminate = await settle(reserved`select 1`);
    reserved.release();
    outcomes.poolAfterRelease = await settle(sql`select 1`);
    await sql.end({ timeout: 1 });
  }
  // 2. A transaction whose connection is terminated while the app goes on (#1155): the late insert must
  //    fail instead of running, outside the transaction, on the reconnected connection.
  if (runs("transaction")) {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const transaction = sql.begin(async (tx) => {
      const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await admin`select pg_terminate_backend(${row!.pid})`;
      await tx`select pg_sleep(0.2)`.catch(() => {});
      await pause(300);
      outcomes.lateInsert = await settle(tx.unsafe(`insert into ${table} values (1)`));
    });
    const other = sql`select 1`.catch(() => {});
    outcomes.transaction = await settle(transaction);
    await other;
    await pause(300);
    const [count] = await admin.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
    outcomes.rowsWritten = String(count!.n);
    await sql.end({ timeout: 1 });
  }
  // 3. Many small pipelined queries while every backend of this pool is terminated, ten times over: each
  //    query settles (result or error), none hangs, the process lives, and the pool answers afterwards.
  if (runs("pipelined")) {
    const sql = postgres(url, { max: 4, onnotice: () => {}, backoff: () => 0.05 });
    let hung = 0;
    let settled = 0;
    for (let round = 0; round < 10; round++) {
      const queries = Array.from({ length: 40 }, (_, i) => settle(sql`select ${i}::int as i, pg_sleep(0.01)`));
      await pause(15);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'postgres.js' and pid <> pg_backend_pid() and query like '%pg_sleep(0.01)%'`;
      for (const outcome of await Promise.all(queries)) outcome === "hung" ? hung++ : settled++;
    }
    outcomes.pipelinedSettled = String(settled);
    outcomes.pipelinedHung = String(hung);
    // A connection terminated while idle may fail the one query sent as its close arrives: allow a retry.
    let after = "hung";
    for (let attempt = 0; attempt < 3 && after !== "ok"; attempt++) after = await settle(sql`select 1`);
    outcomes.poolAfterTerminations = after;
    await sql.end({ timeout: 1 });
  }
} finally {
  await admin.unsafe(`drop table if exists ${table}`);
  await admin.end();
}
console.log(JSON.stringify(outcomes));
