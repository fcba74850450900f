// Mass assignment (ASVS V8/V2): fields a form does not offer — organization ids, roles, versions,
// someone else's user id, a chosen primary key — are ignored or rejected by every action.
// First a sweep over every action and form of the route table with all such fields added, checking
// invariants; then the cases named in the targets, one by one.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { addMember, makeUser, PASSWORD } from "./factories";
import { call } from "./http";
import {
  databaseContents,
  loadWorld,
  probeAction,
  resetWorld,
  ROUTE_POLICY,
  routePattern,
  sampleParams,
  uniqueSuffix,
  policedRoutes,
  type FormSample,
  type Snapshot,
  type World,
} from "./route-policy";

const { routes, routeIds } = await policedRoutes();

type Row = Record<string, unknown>;

async function rows(query: ReturnType<typeof sql>): Promise<Row[]> {
  return queryRows<Row>(getDatabase().db, query);
}

/** Fields no form offers, aimed at the other tenant and at privileges. */
function extraFields(world: World, injectedId: string): Record<string, string> {
  const { b } = world;
  return {
    id: injectedId,
    organizationId: b.orgId,
    organization_id: b.orgId,
    orgId: b.orgId,
    orgSlug: b.orgSlug,
    clientAccountId: b.clientId,
    client_account_id: b.clientId,
    clientId: b.clientId,
    role: "owner",
    orgRole: "owner",
    clientRole: "lead_planner",
    isAdmin: "true",
    version: "999",
    userId: b.targetUserId,
    user_id: b.targetUserId,
    email: b.owner.email,
    createdBy: b.owner.id,
    invitedBy: b.owner.id,
    disabledAt: "",
    passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$forged",
    kind: "brand",
  };
}

const tenantRows = (snapshot: Snapshot, orgId: string) =>
  Object.fromEntries(
    Object.entries(snapshot).map(([table, list]) => [table, (list as Row[]).filter((r) => (table === "organizations" ? r.id : r.organization_id) === orgId)]),
  );

const owners = (snapshot: Snapshot, orgIds: Set<string>) =>
  ((snapshot.memberships ?? []) as Row[])
    .filter((m) => m.role === "owner" && orgIds.has(String(m.organization_id)))
    .map((m) => `${m.organization_id}/${m.user_id}`)
    .sort();

describe("mass assignment", () => {
  it("every action, with every form plus foreign ids, roles, version and a chosen id: nothing of B changes, no new owner, no chosen id", async () => {
    const world = await loadWorld();
    // Every post starts from the seeded world (resetWorld), so one "before" serves them all.
    const before = await databaseContents();
    const existingOrgs = new Set(((before.organizations ?? []) as Row[]).map((o) => String(o.id)));
    const problems: string[] = [];
    let posts = 0;
    for (const routeId of routeIds) {
      const entry = ROUTE_POLICY[routeId];
      if (!entry) throw new Error(`No entry for ${routeId} in ROUTE_POLICY (tests/integration/route-policy.ts).`);
      if (entry.action === "none") continue;
      // The strongest actor the table allows: anyone for public actions, else the owner of A.
      const cookie = entry.action === "public" ? null : world.actors.orgAdmin.cookie;
      const params = sampleParams(routes, routeId, world.a);
      const forms: Record<string, FormSample> = { "empty form": () => ({}), ...entry.forms };
      for (const [label, form] of Object.entries(forms)) {
        await resetWorld();
        const injectedId = randomUUID();
        const fields = form(world.a, uniqueSuffix());
        // The form's own fields win: only what the form does not offer is added.
        const result = await probeAction(routes, routeId, params, { ...extraFields(world, injectedId), ...fields }, cookie);
        posts++;
        const where = `POST ${routePattern(routes, routeId)} [${routeId}] (${label})`;
        if (result.status >= 500) problems.push(`${where}: ${result.status}`);
        const after = await databaseContents();
        if (JSON.stringify(tenantRows(after, world.b.orgId)) !== JSON.stringify(tenantRows(before, world.b.orgId))) problems.push(`${where}: changed rows of organization B`);
        const bUsers = new Set([world.b.owner.id, world.b.targetUserId]);
        const usersOfB = (s: Snapshot) => JSON.stringify(((s.users ?? []) as Row[]).filter((u) => bUsers.has(String(u.id))));
        if (usersOfB(after) !== usersOfB(before)) problems.push(`${where}: changed a user of organization B`);
        if (JSON.stringify(owners(after, existingOrgs)) !== JSON.stringify(owners(before, existingOrgs))) problems.push(`${where}: owners of an existing organization changed`);
        if (JSON.stringify(after).includes(injectedId)) problems.push(`${where}: the chosen id ${injectedId} was stored`);
        if (JSON.stringify(after).includes("$argon2id$v=19$m=19456,t=2,p=1$forged")) problems.push(`${where}: the sent password hash was stored`);
        const disabledAfter = ((after.users ?? []) as Row[]).filter((u) => u.disabled_at !== null).length;
        const disabledBefore = ((before.users ?? []) as Row[]).filter((u) => u.disabled_at !== null).length;
        if (disabledAfter !== disabledBefore) problems.push(`${where}: changed who is disabled`);
      }
    }
    expect(posts).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  it("creating a client account with organizationId=B creates it in A, with a generated id", async () => {
    const world = await loadWorld();
    const { a, b } = world;
    const injectedId = randomUUID();
    const name = `Injected Client ${uniqueSuffix()}`;
    const route = "routes/o.$orgSlug._index";
    const result = await probeAction(
      routes,
      route,
      sampleParams(routes, route, a),
      { name, organizationId: b.orgId, organization_id: b.orgId, orgSlug: b.orgSlug, id: injectedId, archivedAt: new Date().toISOString(), namingTemplate: "{hacked}" },
      world.actors.orgAdmin.cookie,
    );
    expect(result.status).toBe(302);
    const created = await rows(sql`select * from client_accounts where name = ${name}`);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ organization_id: a.orgId, archived_at: null, naming_template: null });
    expect(created[0]!.id).not.toBe(injectedId);
    expect(result.location).toBe(`/o/${a.orgSlug}/clients/${created[0]!.id}`);
    expect(await rows(sql`select * from client_members where client_account_id = ${String(created[0]!.id)}`)).toEqual([
      expect.objectContaining({ organization_id: a.orgId, user_id: a.owner.id, role: "lead_planner" }),
    ]);
  });

  it("creating a campaign with version=999, organizationId=B and another client's id starts it at version 1 on this client of A", async () => {
    const route = "routes/o.$orgSlug.clients.$clientId.campaigns.new";
    const entry = ROUTE_POLICY[route];
    if (!routes[route] || !entry?.forms?.create) return;
    const world = await loadWorld();
    const { a, b } = world;
    const injectedId = randomUUID();
    const fields = entry.forms.create(a, uniqueSuffix());
    const result = await probeAction(
      routes,
      route,
      sampleParams(routes, route, a),
      { ...fields, version: "999", organizationId: b.orgId, organization_id: b.orgId, clientAccountId: a.otherClientId, client_account_id: b.clientId, id: injectedId, createdBy: b.owner.id },
      world.actors.planner.cookie,
    );
    expect(result.status).toBe(302);
    const created = await rows(sql`select * from campaigns where name = ${fields.name!}`);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ organization_id: a.orgId, client_account_id: a.clientId, version: 1 });
    expect(created[0]!.id).not.toBe(injectedId);
  });

  it("signing up with role=admin, organizationId=B and a chosen id makes the person owner of their new organization only", async () => {
    const world = await loadWorld();
    const { b } = world;
    const email = `signup-${uniqueSuffix()}@example.com`;
    const injectedId = randomUUID();
    const response = await call("/signup", {
      form: {
        email,
        name: "New Person",
        password: "a perfectly long passphrase 2026",
        organizationName: "Fresh Org",
        kind: "agency",
        role: "admin",
        orgRole: "admin",
        organizationId: b.orgId,
        organization_id: b.orgId,
        orgSlug: b.orgSlug,
        id: injectedId,
        userId: b.owner.id,
        disabledAt: "2020-01-01",
        passwordHash: "forged",
        emailVerified: "true",
      },
    });
    expect(response.status).toBe(302);
    const [user] = await rows(sql`select * from users where email = ${email}`);
    expect(user).toBeDefined();
    expect(user!.id).not.toBe(injectedId);
    expect(user!.disabled_at).toBeNull();
    expect(String(user!.password_hash)).toMatch(/^\$argon2id\$/);
    const memberships = await rows(sql`select m.role, o.slug, o.id from memberships m join organizations o on o.id = m.organization_id where m.user_id = ${String(user!.id)}`);
    expect(memberships).toHaveLength(1);
    expect(memberships[0]!.role).toBe("owner");
    expect(memberships[0]!.id).not.toBe(b.orgId);
    expect(response.headers.get("Location")).toBe(`/o/${memberships[0]!.slug}`);
    expect(await rows(sql`select * from memberships where organization_id = ${b.orgId} and user_id = ${String(user!.id)}`)).toEqual([]);
  });

  it("accepting an invitation cannot raise the role: role=owner, clientRole=lead_planner and another client's id are ignored", async () => {
    const world = await loadWorld();
    const { a, b } = world;
    const invitee = await makeUser("invitee");
    // A client-team invitation as viewer, created through the team action like a lead planner would.
    const teamRoute = "routes/o.$orgSlug.clients.$clientId.team";
    const created = await probeAction(routes, teamRoute, sampleParams(routes, teamRoute, a), { intent: "invite", email: invitee.email, role: "viewer" }, world.actors.leadPlanner.cookie);
    expect(created.status).toBe(200);
    const token = /\/invite\/([a-z2-7]{20,80})/.exec(created.body)?.[1];
    expect(token, "invitation link in the answer").toBeDefined();

    const accepted = await call(`/invite/${token}`, {
      form: {
        intent: "accept",
        role: "owner",
        orgRole: "owner",
        clientRole: "lead_planner",
        clientAccountId: a.otherClientId,
        organizationId: b.orgId,
        email: b.owner.email,
        userId: b.owner.id,
      },
      cookie: invitee.cookie,
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe(`/o/${a.orgSlug}/clients/${a.clientId}`);
    expect(await rows(sql`select organization_id, role from memberships where user_id = ${invitee.id}`)).toEqual([{ organization_id: a.orgId, role: "member" }]);
    expect(await rows(sql`select organization_id, client_account_id, role from client_members where user_id = ${invitee.id}`)).toEqual([
      { organization_id: a.orgId, client_account_id: a.clientId, role: "viewer" },
    ]);
    expect(await rows(sql`select * from memberships where user_id = ${b.owner.id} and organization_id = ${a.orgId}`)).toEqual([]);
  });

  it("an existing admin who accepts a member invitation stays admin (accepting never rewrites the organization role)", async () => {
    const world = await loadWorld();
    const { a } = world;
    const admin = await makeUser("admin");
    await addMember({ id: a.orgId, slug: a.orgSlug, owner: a.owner }, admin, "admin");
    const created = await probeAction(routes, "routes/o.$orgSlug.members", { orgSlug: a.orgSlug }, { intent: "invite", email: admin.email, role: "member" }, a.owner.cookie);
    const token = /\/invite\/([a-z2-7]{20,80})/.exec(created.body)?.[1];
    expect(token).toBeDefined();
    const accepted = await call(`/invite/${token}`, { form: { intent: "accept", role: "owner" }, cookie: admin.cookie });
    expect(accepted.status).toBe(302);
    expect(await rows(sql`select role from memberships where user_id = ${admin.id} and organization_id = ${a.orgId}`)).toEqual([{ role: "admin" }]);
  });

  it("signing up through an invitation ignores a different e-mail and any role sent with it", async () => {
    const world = await loadWorld();
    const { a, b } = world;
    const invitedEmail = `newcomer-${uniqueSuffix()}@example.com`;
    const created = await probeAction(routes, "routes/o.$orgSlug.members", { orgSlug: a.orgSlug }, { intent: "invite", email: invitedEmail, role: "member" }, a.owner.cookie);
    const token = /\/invite\/([a-z2-7]{20,80})/.exec(created.body)?.[1];
    expect(token).toBeDefined();
    const otherEmail = `someone-else-${uniqueSuffix()}@example.com`;
    const response = await call(`/invite/${token}`, {
      form: { intent: "signup", name: "Newcomer", password: "a perfectly long passphrase 2026", email: otherEmail, role: "owner", orgRole: "admin", organizationId: b.orgId },
    });
    expect(response.status).toBe(302);
    expect(await rows(sql`select * from users where email = ${otherEmail}`)).toEqual([]);
    const [user] = await rows(sql`select id from users where email = ${invitedEmail}`);
    expect(user).toBeDefined();
    expect(await rows(sql`select organization_id, role from memberships where user_id = ${String(user!.id)}`)).toEqual([{ organization_id: a.orgId, role: "member" }]);
  });

  it("inviting with a role the form does not offer is rejected, and the team invitation goes to this client only", async () => {
    const world = await loadWorld();
    const { a, b } = world;
    const invitationsBefore = await rows(sql`select id from invitations`);
    const members = "routes/o.$orgSlug.members";
    const team = "routes/o.$orgSlug.clients.$clientId.team";
    for (const role of ["owner", "lead_planner", "superuser"]) {
      const result = await probeAction(routes, members, { orgSlug: a.orgSlug }, { intent: "invite", email: `x-${role}@example.com`, role }, a.owner.cookie);
      expect(result.status, `org invitation as ${role}`).toBe(400);
    }
    for (const role of ["owner", "admin", "member"]) {
      const result = await probeAction(routes, team, sampleParams(routes, team, a), { intent: "invite", email: `y-${role}@example.com`, role }, world.actors.leadPlanner.cookie);
      expect(result.status, `client invitation as ${role}`).toBe(400);
    }
    expect(await rows(sql`select id from invitations`)).toEqual(invitationsBefore);

    const email = `z-${uniqueSuffix()}@example.com`;
    const result = await probeAction(
      routes,
      team,
      sampleParams(routes, team, a),
      { intent: "invite", email, role: "planner", clientAccountId: a.otherClientId, organizationId: b.orgId, orgRole: "admin" },
      world.actors.leadPlanner.cookie,
    );
    expect(result.status).toBe(200);
    expect(await rows(sql`select organization_id, client_account_id, client_role, org_role from invitations where email = ${email}`)).toEqual([
      { organization_id: a.orgId, client_account_id: a.clientId, client_role: "planner", org_role: null },
    ]);
  });

  it("an admin cannot make anyone (themselves included) an owner; a lead planner's orgRole field changes no organization role", async () => {
    const world = await loadWorld();
    const { a } = world;
    const admin = await makeUser("admin");
    await addMember({ id: a.orgId, slug: a.orgSlug, owner: a.owner }, admin, "admin");
    const members = "routes/o.$orgSlug.members";
    for (const userId of [admin.id, a.targetUserId]) {
      const result = await probeAction(routes, members, { orgSlug: a.orgSlug }, { intent: "change-role", userId, role: "owner" }, admin.cookie);
      expect(result.status).toBe(403);
    }
    expect(await rows(sql`select user_id from memberships where organization_id = ${a.orgId} and role = 'owner'`)).toEqual([{ user_id: a.owner.id }]);

    const team = "routes/o.$orgSlug.clients.$clientId.team";
    const lead = world.actors.leadPlanner;
    const result = await probeAction(routes, team, sampleParams(routes, team, a), { intent: "change-role", userId: lead.userId!, role: "lead_planner", orgRole: "owner", version: "1" }, lead.cookie);
    expect(result.status).toBe(302);
    expect(await rows(sql`select role from memberships where organization_id = ${a.orgId} and user_id = ${lead.userId!}`)).toEqual([{ role: "member" }]);
  });

  it("a password change with someone else's userId and e-mail changes only one's own password", async () => {
    const world = await loadWorld();
    const { b } = world;
    const me = await makeUser("me");
    const [victimBefore] = await rows(sql`select password_hash, password_changed_at from users where id = ${b.owner.id}`);
    const response = await call("/account", {
      form: { currentPassword: PASSWORD, newPassword: "my own new passphrase 2026", userId: b.owner.id, email: b.owner.email, id: b.owner.id },
      cookie: me.cookie,
    });
    expect(response.status).toBe(302);
    expect(await rows(sql`select password_hash, password_changed_at from users where id = ${b.owner.id}`)).toEqual([victimBefore]);
    expect((await call("/login", { form: { email: b.owner.email, password: PASSWORD }, ip: "198.51.100.90" })).status).toBe(302);
    expect((await call("/login", { form: { email: me.email, password: "my own new passphrase 2026" }, ip: "198.51.100.91" })).status).toBe(302);
  });
});
