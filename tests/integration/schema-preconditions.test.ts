// The preconditions for sharding by tenant (Citus: every tenant table distributed by organization_id,
// colocated; docs/scaling.md), read from the migrated database's own catalog. Every table of schema
// public is classified — a tenant table is one with an organization_id column, the others are named
// below — so a table added later is checked without editing this file, and an unclassified one fails.
import { TransactionRollbackError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows, sql, type Executor } from "@db/client";
import { getDatabase } from "~/db.server";

/** Global tables replicated to every node (create_reference_table): small, read everywhere, written rarely; tenant rows may point at them. */
const REFERENCE_TABLES = ["organizations", "users", "catalog_ecosystems", "catalog_placements", "catalog_destinations"];

/** Global tables kept on one node: written at every login, read only by app/auth by their own key; no tenant row points at them. */
const LOCAL_TABLES = ["sessions", "rate_limit_buckets"];

/**
 * Indexes of tenant tables that do not start with organization_id, because the lookup they serve
 * crosses tenants by design. Citus accepts them (a unique one must still include organization_id);
 * the query they serve goes to every shard. Keep this list short: each entry is a fan-out.
 */
const CROSS_TENANT_INDEXES: Record<string, string> = {
  memberships_user_idx: "the organizations of the person signed in (requireScope by slug, the switcher)",
  invitations_token_hash_organization_id_unique: "an invitation link, opened by someone who is not in its tenant yet",
};

const TENANT_COLUMN = "organization_id";

type Table = { name: string; isTenant: boolean; rowSecurity: boolean; forceRowSecurity: boolean; tenantColumnNullable: boolean | null; tenantColumnType: string | null };
type Index = { table: string; name: string; isUnique: boolean; isPrimary: boolean; columns: string[] };
type ForeignKey = { name: string; from: string; to: string; fromColumns: string[]; toColumns: string[]; onDelete: string; onUpdate: string };
type Catalog = { tables: Table[]; indexes: Index[]; foreignKeys: ForeignKey[] };

// Column names in key order; an expression column shows as "(expression)". Arrays come back as JSON
// text, which both drivers hand over the same way.
async function readCatalog(executor: Executor): Promise<Catalog> {
  const tables = await queryRows<{ name: string; rls: boolean; force: boolean; nullable: boolean | null; type: string | null }>(
    executor,
    sql`select c.relname::text as name, c.relrowsecurity as rls, c.relforcerowsecurity as force,
               not a.attnotnull as nullable, format_type(a.atttypid, a.atttypmod) as type
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        left join pg_attribute a on a.attrelid = c.oid and a.attname = ${TENANT_COLUMN} and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`,
  );
  const indexes = await queryRows<{ table: string; name: string; is_unique: boolean; is_primary: boolean; columns: string }>(
    executor,
    sql`select t.relname::text as table, i.relname::text as name, x.indisunique as is_unique, x.indisprimary as is_primary,
               (select json_agg(coalesce(a.attname::text, '(expression)') order by k.ord)::text
                  from unnest(x.indkey::int2[]) with ordinality k(attnum, ord)
                  left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
                  where k.ord <= x.indnkeyatts) as columns
        from pg_index x
        join pg_class t on t.oid = x.indrelid
        join pg_class i on i.oid = x.indexrelid
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public' and t.relkind in ('r', 'p')
        order by t.relname, i.relname`,
  );
  const foreignKeys = await queryRows<{ name: string; from: string; to: string; from_columns: string; to_columns: string; on_delete: string; on_update: string }>(
    executor,
    sql`select k.conname::text as name, s.relname::text as from, d.relname::text as to, k.confdeltype::text as on_delete, k.confupdtype::text as on_update,
               (select json_agg(a.attname::text order by c.ord)::text from unnest(k.conkey) with ordinality c(attnum, ord)
                  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = c.attnum) as from_columns,
               (select json_agg(a.attname::text order by c.ord)::text from unnest(k.confkey) with ordinality c(attnum, ord)
                  join pg_attribute a on a.attrelid = k.confrelid and a.attnum = c.attnum) as to_columns
        from pg_constraint k
        join pg_class s on s.oid = k.conrelid
        join pg_class d on d.oid = k.confrelid
        join pg_namespace n on n.oid = s.relnamespace
        where k.contype = 'f' and n.nspname = 'public'
        order by s.relname, k.conname`,
  );
  return {
    tables: tables.map((t) => ({
      name: t.name,
      isTenant: t.type !== null,
      rowSecurity: t.rls,
      forceRowSecurity: t.force,
      tenantColumnNullable: t.nullable,
      tenantColumnType: t.type,
    })),
    indexes: indexes.map((i) => ({ table: i.table, name: i.name, isUnique: i.is_unique, isPrimary: i.is_primary, columns: JSON.parse(i.columns) as string[] })),
    foreignKeys: foreignKeys.map((k) => ({
      name: k.name,
      from: k.from,
      to: k.to,
      fromColumns: JSON.parse(k.from_columns) as string[],
      toColumns: JSON.parse(k.to_columns) as string[],
      onDelete: k.on_delete,
      onUpdate: k.on_update,
    })),
  };
}

type Kind = "tenant" | "reference" | "local" | "unclassified";

function kindOf(catalog: Catalog, table: string): Kind {
  if (catalog.tables.find((t) => t.name === table)?.isTenant) return "tenant";
  if (REFERENCE_TABLES.includes(table)) return "reference";
  if (LOCAL_TABLES.includes(table)) return "local";
  return "unclassified";
}

/** Every table is a tenant table or named in exactly one list; the lists name only existing, org-less tables. */
function classificationProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const table of catalog.tables) {
    const listed = [REFERENCE_TABLES.includes(table.name) && "REFERENCE_TABLES", LOCAL_TABLES.includes(table.name) && "LOCAL_TABLES"].filter(Boolean);
    if (table.isTenant && listed.length) problems.push(`${table.name}: has ${TENANT_COLUMN} but is listed in ${listed.join(" and ")}`);
    if (!table.isTenant && listed.length === 0) problems.push(`${table.name}: no ${TENANT_COLUMN} and not classified (add the column, or name it in REFERENCE_TABLES or LOCAL_TABLES)`);
    if (listed.length > 1) problems.push(`${table.name}: listed as both reference and local`);
  }
  for (const name of [...REFERENCE_TABLES, ...LOCAL_TABLES]) if (!catalog.tables.some((t) => t.name === name)) problems.push(`${name}: listed but no such table`);
  return problems;
}

/** organization_id NOT NULL and of one type everywhere (colocated tables need the same distribution column type). */
function tenantColumnProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const table of catalog.tables.filter((t) => t.isTenant)) {
    if (table.tenantColumnNullable) problems.push(`${table.name}.${TENANT_COLUMN} is nullable`);
    if (table.tenantColumnType !== "uuid") problems.push(`${table.name}.${TENANT_COLUMN} is ${table.tenantColumnType}, not uuid`);
  }
  return problems;
}

/** The primary key starts with organization_id; every unique index includes it; every other index starts with it unless listed. */
function keyAndIndexProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const table of catalog.tables.filter((t) => t.isTenant)) {
    const indexes = catalog.indexes.filter((i) => i.table === table.name);
    const primary = indexes.find((i) => i.isPrimary);
    if (!primary) problems.push(`${table.name}: no primary key`);
    else if (primary.columns[0] !== TENANT_COLUMN) problems.push(`${table.name}: primary key ${primary.name} (${primary.columns.join(", ")}) does not start with ${TENANT_COLUMN}`);
    for (const index of indexes.filter((i) => !i.isPrimary)) {
      const shown = `${table.name}: ${index.isUnique ? "unique index" : "index"} ${index.name} (${index.columns.join(", ")})`;
      if (index.isUnique && !index.columns.includes(TENANT_COLUMN)) problems.push(`${shown} does not include ${TENANT_COLUMN}`);
      else if (index.columns[0] !== TENANT_COLUMN && !(index.name in CROSS_TENANT_INDEXES)) problems.push(`${shown} does not start with ${TENANT_COLUMN}`);
    }
  }
  for (const name of Object.keys(CROSS_TENANT_INDEXES)) {
    const index = catalog.indexes.find((i) => i.name === name);
    if (!index) problems.push(`CROSS_TENANT_INDEXES names ${name}, which does not exist`);
    else if (kindOf(catalog, index.table) !== "tenant") problems.push(`CROSS_TENANT_INDEXES names ${name}, which is not on a tenant table`);
  }
  return problems;
}

// confdeltype / confupdtype: a no action, r restrict, c cascade, n set null, d set default.
const ACTION: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };

/**
 * Tenant → tenant keys are composite with organization_id first on both sides (so a row can only
 * point inside its own tenant, and Citus can check them shard by shard); tenant → global keys point
 * at reference tables only; reference tables point at reference tables only; nothing global points
 * at a tenant table. A key that includes organization_id may not use on delete set null / set default or
 * on update cascade / set null / set default: Citus refuses those (even PostgreSQL 15's column list).
 */
function foreignKeyProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const key of catalog.foreignKeys) {
    const from = kindOf(catalog, key.from);
    const to = kindOf(catalog, key.to);
    const shown = `${key.from} (${key.fromColumns.join(", ")}) → ${key.to} (${key.toColumns.join(", ")}) [${key.name}]`;
    if (from === "tenant" && to === "tenant") {
      if (key.fromColumns[0] !== TENANT_COLUMN || key.toColumns[0] !== TENANT_COLUMN) problems.push(`${shown}: a key between tenant tables must start with ${TENANT_COLUMN} on both sides`);
    } else if (from === "tenant" && to !== "reference") {
      problems.push(`${shown}: a tenant table may point only at tenant tables or reference tables, not at a ${to} table`);
    } else if (from === "reference" && to !== "reference") {
      problems.push(`${shown}: a reference table may point only at reference tables`);
    } else if (from === "local" && to === "tenant") {
      problems.push(`${shown}: a local table may not point at a tenant table`);
    }
    if (from === "tenant" && key.fromColumns.includes(TENANT_COLUMN)) {
      if (key.onDelete === "n" || key.onDelete === "d") problems.push(`${shown}: on delete ${ACTION[key.onDelete]} on a key that includes ${TENANT_COLUMN}`);
      if (["c", "n", "d"].includes(key.onUpdate)) problems.push(`${shown}: on update ${ACTION[key.onUpdate]} on a key that includes ${TENANT_COLUMN}`);
    }
  }
  return problems;
}

/** Row-level security enabled and forced on every tenant table (the owner would otherwise bypass it). */
function rowSecurityProblems(catalog: Catalog): string[] {
  return catalog.tables
    .filter((t) => t.isTenant && !(t.rowSecurity && t.forceRowSecurity))
    .map((t) => `${t.name}: row-level security ${t.rowSecurity ? "enabled but not forced" : "not enabled"}`);
}

const RULES = {
  classification: classificationProblems,
  "organization_id column": tenantColumnProblems,
  "keys and indexes": keyAndIndexProblems,
  "foreign keys": foreignKeyProblems,
  "row-level security": rowSecurityProblems,
};

describe("schema preconditions for sharding by organization_id", () => {
  it("finds the tables it classifies", async () => {
    const catalog = await readCatalog(getDatabase().db);
    // Guards the queries themselves: an empty catalog read would pass every rule.
    expect(catalog.tables.filter((t) => t.isTenant).length).toBeGreaterThanOrEqual(15);
    expect(catalog.indexes.length).toBeGreaterThan(catalog.tables.length);
    expect(catalog.foreignKeys.some((k) => k.from === "line_items" && k.to === "campaigns")).toBe(true);
  });

  for (const [rule, check] of Object.entries(RULES)) {
    it(`holds on every table: ${rule}`, async () => {
      expect(check(await readCatalog(getDatabase().db))).toEqual([]);
    });
  }

  it("catches each kind of violation (on tables created inside a transaction that is rolled back)", async () => {
    let found: string[] = [];
    await getDatabase()
      .db.transaction(async (tx) => {
        await tx.execute(sql`create table zz_unclassified (id uuid primary key)`);
        await tx.execute(
          sql`create table zz_bad (organization_id uuid, id uuid not null, session_id text references sessions (id), campaign_id uuid, primary key (id))`,
        );
        await tx.execute(sql`create unique index zz_bad_id_unique on zz_bad (id)`);
        await tx.execute(sql`create index zz_bad_campaign_idx on zz_bad (campaign_id)`);
        await tx.execute(sql`alter table zz_bad add constraint zz_bad_reversed_fk foreign key (campaign_id, organization_id) references campaigns (id, organization_id)`);
        await tx.execute(
          sql`alter table zz_bad add constraint zz_bad_set_null_fk foreign key (organization_id, campaign_id) references campaigns (organization_id, id) on delete set null`,
        );
        const catalog = await readCatalog(tx);
        found = Object.values(RULES).flatMap((check) => check(catalog));
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    const expected = [
      /^zz_unclassified: no organization_id and not classified/,
      /^zz_bad.organization_id is nullable/,
      /^zz_bad: primary key .* does not start with organization_id/,
      /^zz_bad: unique index zz_bad_id_unique \(id\) does not include organization_id/,
      /^zz_bad: index zz_bad_campaign_idx \(campaign_id\) does not start with organization_id/,
      /^zz_bad \(session_id\) → sessions .*not at a local table/,
      /^zz_bad \(campaign_id, organization_id\) → campaigns .*must start with organization_id on both sides/,
      /^zz_bad \(organization_id, campaign_id\) → campaigns .*on delete set null/,
      /^zz_bad: row-level security not enabled/,
    ];
    for (const pattern of expected) expect(found.filter((line) => pattern.test(line)), String(pattern)).toHaveLength(1);
    // The scratch tables are gone again.
    expect(await queryRows(getDatabase().db, sql`select 1 from pg_class where relname like 'zz\\_%'`)).toEqual([]);
  });
});
