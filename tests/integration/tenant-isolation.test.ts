import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { APP_ROLE, getDatabase, withAppTransaction } from "~/db.server";
import { findOrganization } from "~/models/organization.server";
import { createOrganization } from "~/services/organizations.server";
import { withTenant } from "~/models/scope.server";
import { currentDriver, databaseError } from "./helpers";

describe(`tenant isolation (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("runs on the driver this project names", () => {
    expect(currentDriver()).toBe(process.env.QIAO_TEST_DRIVER);
  });

  it("app transactions run as the restricted app role", async () => {
    const rows = await withAppTransaction({ organizationId: null, userId: null }, (tx) =>
      queryRows<{ who: string; rolsuper: boolean; rolbypassrls: boolean }>(
        tx,
        sql`select current_user as who, r.rolsuper, r.rolbypassrls from pg_roles r where r.rolname = current_user`,
      ),
    );
    expect(rows).toEqual([{ who: APP_ROLE, rolsuper: false, rolbypassrls: false }]);
  });

  it("a raw query without WHERE for organization A never sees organization B", async () => {
    const a = await createOrganization({ name: "Agency A", slug: "agency-a", kind: "agency" });
    const b = await createOrganization({ name: "Brand B", slug: "brand-b", kind: "brand" });

    const seenByA = await withTenant({ organizationId: a.id, userId: null }, (scope) =>
      queryRows<{ id: string; slug: string }>(scope.tx, sql`select id, slug from organizations`),
    );
    expect(seenByA).toEqual([{ id: a.id, slug: "agency-a" }]);

    const seenByB = await withTenant({ organizationId: b.id, userId: null }, (scope) => findOrganization({ ...scope, organizationId: a.id }));
    expect(seenByB).toBeUndefined();
  });

  it("with no tenant set, a raw query sees no organization at all", async () => {
    await createOrganization({ name: "Agency A", slug: "agency-a", kind: "agency" });
    const rows = await withAppTransaction({ organizationId: null, userId: null }, (tx) =>
      queryRows(tx, sql`select * from organizations`),
    );
    expect(rows).toEqual([]);
  });

  it("inserting a row for another organization is refused by row-level security", async () => {
    const a = await createOrganization({ name: "Agency A", slug: "agency-a", kind: "agency" });
    const attempt = withTenant({ organizationId: a.id, userId: null }, (scope) =>
      scope.tx.execute(sql`insert into organizations (id, slug, name, kind) values (gen_random_uuid(), 'intruder', 'Intruder', 'agency')`),
    );
    expect(await databaseError(attempt)).toMatch(/row-level security/);
    const { db } = getDatabase();
    const count = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organizations`);
    expect(count[0]?.n).toBe(1);
  });

  it("the tenant setting does not leak past the transaction", async () => {
    const a = await createOrganization({ name: "Agency A", slug: "agency-a", kind: "agency" });
    await withTenant({ organizationId: a.id, userId: null }, async () => {});
    const rows = await withAppTransaction({ organizationId: null, userId: null }, (tx) =>
      queryRows<{ org: string | null }>(tx, sql`select nullif(current_setting('app.organization_id', true), '') as org`),
    );
    expect(rows[0]?.org).toBeNull();
  });

  it("every public table has row-level security enabled and forced", async () => {
    const { db } = getDatabase();
    const rows = await queryRows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      db,
      sql`select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect({ table: row.relname, rls: row.relrowsecurity, forced: row.relforcerowsecurity }).toEqual({
        table: row.relname,
        rls: true,
        forced: true,
      });
    }
  });
});
