// Row-level security, the second wall: the app's role cannot bypass it, every table forces it, and
// raw SQL (no WHERE) inside one tenant's transaction neither sees nor writes the other tenant's rows.
// Tenant tables are found in the catalog (every table with an organization_id column, plus
// organizations), so tables added later are covered without editing this file.
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { reserveLoginAttempt } from "~/auth/rate-limit.server";
import { APP_ROLE, getDatabase, withAppTransaction } from "~/db.server";
import { withTenant } from "~/models/scope.server";
import { databaseError } from "./helpers";
import { loadWorld, type World } from "./route-policy";

type Row = Record<string, unknown>;

async function tenantTables(): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    getDatabase().db,
    sql`select c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
        where c.table_schema = 'public' and c.column_name = 'organization_id' and t.table_type = 'BASE TABLE' order by c.table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** The tenant a row belongs to (organizations: its own id). */
const orgOf = (table: string, row: Row) => String(table === "organizations" ? row.id : row.organization_id);

async function superuserRows(table: string): Promise<Row[]> {
  return queryRows<Row>(getDatabase().db, sql`select * from ${sql.identifier(table)}`);
}

const ALL_TENANT_TABLES = async () => ["organizations", ...(await tenantTables())];

async function seed(): Promise<World> {
  const world = await loadWorld();
  await reserveLoginAttempt("192.0.2.1", "someone@example.com");
  return world;
}

describe("row-level security", () => {
  it("runs the app as a role that is neither superuser nor able to bypass RLS", async () => {
    const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean }>(getDatabase().db, sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const [inside] = await withAppTransaction({ organizationId: null, userId: null }, (tx) =>
      queryRows<{ who: string; bypass: boolean }>(tx, sql`select current_user as who, (select rolbypassrls or rolsuper from pg_roles where rolname = current_user) as bypass`),
    );
    expect(inside).toEqual({ who: APP_ROLE, bypass: false });
    // The app role owns no table (an owner is exempt unless FORCE is set; better to own nothing).
    const owned = await queryRows<{ relname: string }>(
      getDatabase().db,
      sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and pg_get_userbyid(c.relowner) = ${APP_ROLE}`,
    );
    expect(owned).toEqual([]);
  });

  it("has RLS enabled and forced, with at least one policy, on every table in schema public", async () => {
    const rows = await queryRows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>(
      getDatabase().db,
      sql`select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                 (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(9);
    const weak = rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity || r.policies === 0);
    expect(weak).toEqual([]);
  });

  it("a raw select * with tenant A set returns A's rows and nothing of B, on every tenant table", async () => {
    const { a, b } = await seed();
    const tables = await ALL_TENANT_TABLES();
    // The seed must give both tenants rows, or the check below would prove nothing.
    const seeded: Record<string, { a: number; b: number }> = {};
    for (const table of tables) {
      const rows = await superuserRows(table);
      seeded[table] = { a: rows.filter((r) => orgOf(table, r) === a.orgId).length, b: rows.filter((r) => orgOf(table, r) === b.orgId).length };
    }
    for (const table of ["organizations", "memberships", "client_accounts", "client_members", "invitations", "activity_events"]) {
      expect(seeded[table], table).toEqual({ a: expect.any(Number), b: expect.any(Number) });
      expect(seeded[table]!.a, `${table} rows of A`).toBeGreaterThan(0);
      expect(seeded[table]!.b, `${table} rows of B`).toBeGreaterThan(0);
    }
    const unseeded = tables.filter((t) => seeded[t]!.b === 0);
    if (unseeded.length) console.log(`rls: no rows of B seeded in ${unseeded.join(", ")} (select check vacuous there; insert/update checks still run)`);

    for (const context of [
      { organizationId: a.orgId, userId: a.owner.id },
      { organizationId: a.orgId, userId: null },
    ]) {
      const seen = await withTenant(context, async (scope) => {
        const result: Record<string, Row[]> = {};
        for (const table of [...tables, "users", "sessions", "rate_limit_buckets"]) result[table] = await queryRows<Row>(scope.tx, sql`select * from ${sql.identifier(table)}`);
        return result;
      });
      for (const table of tables) {
        const foreign = seen[table]!.filter((row) => orgOf(table, row) !== a.orgId);
        expect(foreign, `${table} rows of another tenant seen from A`).toEqual([]);
        expect(seen[table]!.length, `${table}: A sees all of its own rows`).toBe(seeded[table]!.a);
      }
      const text = JSON.stringify(seen);
      expect(b.secrets.filter((secret) => text.includes(secret))).toEqual([]);
      expect(seen.users!.map((u) => u.id)).not.toContain(b.owner.id);
      expect(seen.users!.map((u) => u.id)).not.toContain(b.targetUserId);
      expect(seen.sessions).toEqual([]);
      expect(seen.rate_limit_buckets).toEqual([]);
    }
  });

  it("refuses, with a row-level security error, to insert a row of B or move a row into B while A is set; B's rows cannot be updated or deleted", async () => {
    const { a, b } = await seed();
    const tables = await ALL_TENANT_TABLES();
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, (await superuserRows(t)).filter((r) => orgOf(t, r) === b.orgId).length] as const)));
    const context = { organizationId: a.orgId, userId: a.owner.id };
    const problems: string[] = [];
    for (const table of tables) {
      const column = sql.identifier(table === "organizations" ? "id" : "organization_id");
      // Insert: RLS is checked before NOT NULL and foreign keys, so the other columns do not matter.
      const inserted =
        table === "organizations"
          ? withTenant(context, (s) => s.tx.execute(sql`insert into organizations (id, slug, name, kind) values (${b.orgId}, 'intruder', 'Intruder', 'agency')`))
          : withTenant(context, (s) => s.tx.execute(sql`insert into ${sql.identifier(table)} (organization_id) values (${b.orgId})`));
      const insertError = await databaseError(inserted).catch((e: Error) => `accepted: ${e.message}`);
      if (!/row-level security/.test(insertError)) problems.push(`${table}: insert of B's row: ${insertError}`);

      // Moving one of A's rows into B.
      const hasOwnRow = (await superuserRows(table)).some((r) => orgOf(table, r) === a.orgId);
      if (hasOwnRow) {
        const moved = withTenant(context, (s) => s.tx.execute(sql`update ${sql.identifier(table)} set ${column} = ${b.orgId} where ${column} = ${a.orgId}`));
        const moveError = await databaseError(moved).catch((e: Error) => `accepted: ${e.message}`);
        if (!/row-level security/.test(moveError)) problems.push(`${table}: moving A's row into B was not stopped by RLS: ${moveError}`);
      }

      // Updating or deleting B's rows from A touches nothing.
      const touched = await withTenant(context, async (s) => {
        const updated = await queryRows<{ n: number }>(s.tx, sql`with u as (update ${sql.identifier(table)} set ${column} = ${column} where ${column} = ${b.orgId} returning 1) select count(*)::int as n from u`);
        const deleted = await queryRows<{ n: number }>(s.tx, sql`with d as (delete from ${sql.identifier(table)} where ${column} = ${b.orgId} returning 1) select count(*)::int as n from d`);
        return updated[0]!.n + deleted[0]!.n;
      }).catch((e: Error) => `error: ${(e.cause as Error | undefined)?.message ?? e.message}`);
      // Immutable tables (plan snapshots) refuse updates and deletes outright: stronger still.
      const refusedOutright = typeof touched === "string" && /permission denied/.test(touched);
      if (touched !== 0 && !refusedOutright) problems.push(`${table}: update/delete of B's rows from A touched ${touched}`);
    }
    expect(problems).toEqual([]);
    const after = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, (await superuserRows(t)).filter((r) => orgOf(t, r) === b.orgId).length] as const)));
    expect(after).toEqual(before);
  });

  it("with no tenant and no auth mode, sessions, users, rate-limit buckets, invitations and every tenant table return nothing", async () => {
    await seed();
    const tables = [...(await ALL_TENANT_TABLES()), "users", "sessions", "rate_limit_buckets"];
    for (const table of ["users", "sessions", "rate_limit_buckets", "invitations"]) expect((await superuserRows(table)).length, `${table} seeded`).toBeGreaterThan(0);
    const seen = await withAppTransaction({ organizationId: null, userId: null }, async (tx) => {
      const result: Record<string, number> = {};
      for (const table of tables) result[table] = (await queryRows(tx, sql`select * from ${sql.identifier(table)}`)).length;
      return result;
    });
    expect(seen).toEqual(Object.fromEntries(tables.map((t) => [t, 0])));

    // Nor can such a transaction write the auth tables.
    const [anyUser] = await superuserRows("users");
    const forged = withAppTransaction({ organizationId: null, userId: null }, (tx) =>
      tx.execute(sql`insert into sessions (id, secret_hash, user_id, expires_at, absolute_expires_at) values ('forged', 'x', ${String(anyUser!.id)}, now() + interval '1 day', now() + interval '1 day')`),
    );
    expect(await databaseError(forged)).toMatch(/row-level security/);
    const bucket = withAppTransaction({ organizationId: null, userId: null }, (tx) => tx.execute(sql`insert into rate_limit_buckets (key, window_start, count) values ('login-ip:1.2.3.4', now(), 0)`));
    expect(await databaseError(bucket)).toMatch(/row-level security/);
    expect((await superuserRows("sessions")).map((r) => r.id)).not.toContain("forged");
  });
});
