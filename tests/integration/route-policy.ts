// The expected access table: for every route of the app's own manifest (build/index.js), who may call
// its loader and its action. The authorization matrix, the cross-tenant, viewer-mutation and
// mass-assignment tests are all driven by this table, so a route added without an entry fails them.
//
// Below the table: the sample value of every path parameter, the two-tenant world the samples come
// from, the actors, the expected outcome of a call, and the probes that call one route's loader or
// action alone through the real Remix handler (single fetch: `/path.data?_routes=<id>` for a loader,
// `POST /path.data` for an action — what a browser's client-side navigation sends, so a parent
// layout's check cannot mask a child's missing one).
import type { ServerBuild } from "@remix-run/node";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import { DESTINATIONS, ECOSYSTEMS, PLACEMENTS } from "~/domain/catalog";
import { addCustomPlacement, setBenchmarkOverride, setLevelOverride } from "~/services/catalog.server";
import { createInvitation } from "~/services/invitations.server";
import { addLines, createCampaign } from "~/services/planner.server";
import { accessFor } from "./access";
import {
  isClientPermission,
  permissionsFor,
  type ClientRole,
  type OrgRole,
  type Permission,
} from "~/domain/permissions";
import { addMember, makeClientAccount, makeOrganization, makeUser, PASSWORD, type UserFixture } from "./factories";
import { call, ORIGIN, serverBuild } from "./http";

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/** "public": anyone; "user": any signed-in person; a Permission: requireScope with it; "none": not exported. */
export type Policy = "public" | "user" | Permission | "none";

/** A form posted to an action, built from a tenant's samples (and a string unique to this post). */
export type FormSample = (t: TenantSamples, unique: string) => Record<string, string>;

export type RoutePolicy = {
  loader: Policy;
  action: Policy;
  /**
   * Forms posted to the action besides the empty one the matrix always sends: one per intent for
   * routes with several forms, else the route's one form — minimal valid fields, so an allowed actor
   * succeeds (2xx/3xx) on a tenant or account route.
   */
  forms?: Record<string, FormSample>;
  /** A form that needs more than the route's own check (e.g. a workflow step's permission). */
  formPolicies?: Record<string, Policy>;
  /** What an allowed loader call answers when that is not 200/3xx (the catch-all's 404). */
  allowedLoaderStatus?: number;
};

const NEW_PASSWORD = "a perfectly long passphrase 2026";
// Catalog rows every organization sees (the catalog itself is global reference data).
const SAMPLE_PLACEMENT = PLACEMENTS[0]!.id;
const SAMPLE_ECOSYSTEM = ECOSYSTEMS[0]!.id;
const SAMPLE_DESTINATION = DESTINATIONS.find((d) => d.id !== "none")!.id as (typeof DESTINATIONS)[number]["id"];
// A plan line the sample placement can buy, inside the sample campaign's dates.
const SAMPLE_LINE = {
  placementId: SAMPLE_PLACEMENT,
  destinationId: PLACEMENTS[0]!.destinations[0] ?? "none",
  buyingModel: PLACEMENTS[0]!.defaultBuyingModel,
  startDate: "2026-03-02",
  endDate: "2026-03-29",
};
const SAMPLE_CAMPAIGN_FIELDS = { objective: "consideration", startDate: "2026-03-02", endDate: "2026-03-29", budget: "100000", reportingCurrency: "CNY", fxRate: "1" };
const lineForm = () => ({ ...SAMPLE_LINE, name: "", budget: "1000", flightingMode: "even" });

/** Intents shared by the members page and the client team page (app/services/team-actions.server.ts). */
const teamForms = (level: "organization" | "client"): Record<string, FormSample> => ({
  invite: (_t, unique) => ({ intent: "invite", email: `invitee-${unique}@example.com`, role: level === "client" ? "planner" : "member" }),
  "change-role": (t) => ({ intent: "change-role", userId: t.targetUserId, role: level === "client" ? "viewer" : "admin" }),
  remove: (t) => ({ intent: "remove", userId: t.targetUserId }),
  revoke: (t) => ({ intent: "revoke", invitationId: level === "client" ? t.clientInvitationId : t.orgInvitationId }),
});

export const ROUTE_POLICY: Record<string, RoutePolicy> = {
  "routes/_index": { loader: "public", action: "none" },
  "routes/$": { loader: "public", action: "none", allowedLoaderStatus: 404 },
  "routes/login": {
    loader: "public",
    action: "public",
    forms: { credentials: (_t, unique) => ({ email: `nobody-${unique}@example.com`, password: "not the password" }) },
  },
  "routes/signup": {
    loader: "public",
    action: "public",
    forms: {
      signup: (_t, unique) => ({ email: `new-${unique}@example.com`, name: "New Person", password: NEW_PASSWORD, organizationName: `New Org ${unique}`, kind: "agency" }),
    },
  },
  "routes/logout": { loader: "public", action: "public" },
  "routes/set-locale": { loader: "public", action: "public", forms: { lng: () => ({ lng: "zh", redirectTo: "/" }) } },
  // The interface's words (a page's route strings, fetched by the browser before hydrating): no one's data.
  "routes/strings.$lng.$groups": { loader: "public", action: "none" },
  "routes/account": {
    loader: "user",
    action: "user",
    forms: { "change-password": () => ({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }) },
  },
  // The token in the URL is the credential: public, and nothing changes on GET.
  "routes/invite.$token": {
    loader: "public",
    action: "public",
    forms: { accept: () => ({ intent: "accept" }), signup: () => ({ intent: "signup", name: "Invited Person", password: NEW_PASSWORD }) },
  },
  "routes/o.$orgSlug": { loader: "org.view", action: "none" },
  "routes/o.$orgSlug._index": { loader: "org.view", action: "org.clients.create", forms: { create: (_t, unique) => ({ name: `New Client ${unique}` }) } },
  "routes/o.$orgSlug.members": { loader: "org.members.manage", action: "org.members.manage", forms: teamForms("organization") },
  "routes/o.$orgSlug.catalog": {
    loader: "org.catalog.view",
    action: "org.catalog.manage",
    forms: {
      "set-level": () => ({ intent: "set-level", targetType: "placement", targetId: SAMPLE_PLACEMENT, level: "aggregated", justification: "Checked with the platform's account team." }),
      "remove-level": () => ({ intent: "remove-level", targetType: "placement", targetId: SAMPLE_PLACEMENT }),
      "set-benchmarks": () => ({ intent: "set-benchmarks", placementId: SAMPLE_PLACEMENT, cpm: "30" }),
      "add-custom": (_t, unique) => ({
        intent: "add-custom",
        ecosystemId: SAMPLE_ECOSYSTEM,
        nameEn: `Custom ${unique}`,
        nameZh: `自定义 ${unique}`,
        buyingModels: "cpm",
        reportingLevel: "aggregated",
        funnelStage: "awareness",
        destinations: SAMPLE_DESTINATION,
      }),
    },
  },
  "routes/o.$orgSlug.clients.$clientId._index": {
    loader: "client.view",
    action: "client.team.manage",
    forms: { naming: () => ({ namingTemplate: "{client}_{ecosystem}_{placement}_{yyyymm}" }) },
  },
  // The plan page's form options (the organization's catalog in a language), for those who may edit plans.
  "routes/o.$orgSlug.clients.$clientId.plan-options.$lng": { loader: "client.plan.edit", action: "none" },
  "routes/o.$orgSlug.clients.$clientId.team": { loader: "client.view", action: "client.team.manage", forms: teamForms("client") },
  "routes/o.$orgSlug.clients.$clientId.campaigns.from-file": { loader: "client.plan.edit", action: "client.plan.edit" },
  "routes/o.$orgSlug.clients.$clientId.campaigns.new": {
    loader: "client.plan.edit",
    action: "client.plan.edit",
    forms: {
      create: (_t, unique) => ({ name: `Campaign ${unique}`, ...SAMPLE_CAMPAIGN_FIELDS }),
    },
  },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId._index": {
    loader: "client.view",
    action: "client.plan.edit",
    forms: {
      "update-campaign": (t, unique) => ({ intent: "update-campaign", version: String(t.campaignVersion), name: `Renamed ${unique}`, ...SAMPLE_CAMPAIGN_FIELDS }),
      archive: (t) => ({ intent: "archive", version: String(t.campaignVersion) }),
      "duplicate-campaign": (_t, unique) => ({ intent: "duplicate-campaign", copyName: `Copy ${unique}` }),
      "add-line": () => ({ intent: "add-line", ...lineForm() }),
      "update-line": (t) => ({ intent: "update-line", lineId: t.lineId, version: String(t.lineVersion), ...lineForm() }),
      "bulk-add": () => ({ intent: "bulk-add", placementIds: SAMPLE_PLACEMENT, startDate: SAMPLE_LINE.startDate, endDate: SAMPLE_LINE.endDate }),
      "delete-line": (t) => ({ intent: "delete-line", lineId: t.lineId, version: String(t.lineVersion) }),
      "duplicate-line": (t) => ({ intent: "duplicate-line", lineId: t.lineId }),
      "move-line": (t) => ({ intent: "move-line", lineId: t.lineId, direction: "up" }),
      "restore-line": (t) => ({ intent: "restore-line", lineId: t.lineId }),
      "restore-campaign": () => ({ intent: "restore-campaign" }),
    },
  },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.export[.]xlsx": { loader: "client.view", action: "none" },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.export[.]csv": { loader: "client.view", action: "none" },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.export[.]json": { loader: "client.view", action: "none" },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.import": { loader: "client.plan.edit", action: "client.plan.edit" },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.comments": {
    loader: "client.comment",
    action: "client.comment",
    forms: { comment: (t) => ({ body: "Looks good to me", lineId: t.lineId }) },
  },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.workflow": {
    loader: "none",
    action: "client.view",
    forms: {
      submit: (t) => ({ intent: "submit", seenVersion: String(t.campaignPlanVersion) }),
      archive: (t) => ({ intent: "archive", seenVersion: String(t.campaignPlanVersion) }),
    },
    // Which role may take which step is the workflow's permission map (app/domain/workflow.ts).
    formPolicies: { submit: "client.plan.submit", archive: "client.plan.approve_agency" },
  },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.live": { loader: "client.view", action: "client.view", forms: { heartbeat: () => ({}) } },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.events": { loader: "client.view", action: "none" },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.versions": { loader: "client.view", action: "none" },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.activity": { loader: "client.view", action: "none" },
  "routes/o.$orgSlug.clients.$clientId.activity": { loader: "client.view", action: "none" },
  "routes/notifications": { loader: "user", action: "user", forms: { "mark read": () => ({}) } },
  "routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId.measurement": {
    loader: "client.view",
    action: "client.plan.edit",
    forms: {
      "save-measurement": (t) => ({ intent: "save-measurement", lineId: t.lineId, version: String(t.lineVersion), owner: "agency", lagDays: "3", contractAccess: "yes" }),
      "apply-destination": (t) => ({ intent: "apply-destination", lineId: t.lineId, version: String(t.lineVersion), destinationId: PLACEMENTS[0]!.destinations.at(-1) ?? "none" }),
      "apply-method": (t) => ({ intent: "apply-method", lineId: t.lineId, version: String(t.lineVersion), methodId: "brand-lift-study" }),
    },
  },
};

/** Routes the table does not cover: only the root (its loader is public chrome: locale, strings, who is signed in). */
export const UNLISTED_ROUTES = ["root"];

/** The built manifest's routes, and the ids of those this policy speaks for, sorted. */
export async function policedRoutes(): Promise<{ routes: ServerBuild["routes"]; routeIds: string[] }> {
  const { routes } = await serverBuild();
  return { routes, routeIds: Object.keys(routes).filter((id) => !UNLISTED_ROUTES.includes(id)).sort() };
}

// ---------------------------------------------------------------------------------------------
// Path parameters: name → sample value of a tenant. `tenant: true` names a row of one organization
// (the cross-tenant test swaps in the other organization's value).
// ---------------------------------------------------------------------------------------------

export const PARAM_SAMPLES: Record<string, { sample: (t: TenantSamples) => string; tenant: boolean }> = {
  orgSlug: { sample: (t) => t.orgSlug, tenant: true },
  clientId: { sample: (t) => t.clientId, tenant: true },
  campaignId: { sample: (t) => t.campaignId, tenant: true },
  token: { sample: (t) => t.invitationToken, tenant: false },
  lng: { sample: () => "zh", tenant: false },
  groups: { sample: () => "planner,catalog", tenant: false },
  "*": { sample: () => "no-such-page", tenant: false },
};

export type ManifestRoute = ServerBuild["routes"][string];

/** The route's full path pattern, e.g. "/o/:orgSlug/clients/:clientId/team". */
export function routePattern(routes: ServerBuild["routes"], routeId: string): string {
  const parts: string[] = [];
  for (let route: ManifestRoute | undefined = routes[routeId]; route; route = route.parentId ? routes[route.parentId] : undefined) {
    if (route.path) parts.unshift(route.path);
  }
  return "/" + parts.join("/").replace(/^\/+/, "");
}

export function routeParams(routes: ServerBuild["routes"], routeId: string): string[] {
  return routePattern(routes, routeId)
    .split("/")
    .flatMap((segment) => (segment === "*" ? ["*"] : segment.startsWith(":") ? [segment.slice(1).replace(/\?$/, "")] : []));
}

/** The params a route gets with each name's sample (optionally overridden), or an error naming a missing sample. */
export function sampleParams(routes: ServerBuild["routes"], routeId: string, t: TenantSamples, overrides: Record<string, string> = {}): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of routeParams(routes, routeId)) {
    const entry = PARAM_SAMPLES[name];
    if (!entry) throw new Error(`No sample for path parameter :${name} (route ${routeId}): add it to PARAM_SAMPLES in tests/integration/route-policy.ts.`);
    params[name] = overrides[name] ?? entry.sample(t);
  }
  return params;
}

export function fillPath(pattern: string, params: Record<string, string>): string {
  return pattern
    .split("/")
    .map((segment) => {
      if (segment === "*") return params["*"] ?? "";
      if (!segment.startsWith(":")) return segment;
      const name = segment.slice(1).replace(/\?$/, "");
      const value = params[name];
      if (value === undefined) throw new Error(`No value for :${name} in ${pattern}`);
      return encodeURIComponent(value);
    })
    .join("/");
}

// ---------------------------------------------------------------------------------------------
// The world: organization A (the one every actor is tried against) and organization B (another tenant)
// ---------------------------------------------------------------------------------------------

export type TenantSamples = {
  orgId: string;
  orgSlug: string;
  orgName: string;
  clientId: string;
  clientName: string;
  /** A second client account of the same organization (nobody but the admins on it). */
  otherClientId: string;
  /** Link token of an open invitation to the organization. */
  invitationToken: string;
  orgInvitationId: string;
  clientInvitationId: string;
  /** A member of the organization on the client team as planner: the object of change-role / remove. */
  targetUserId: string;
  /** A campaign of the client account, its version, and one of its plan lines with its version. */
  campaignId: string;
  campaignVersion: number;
  /** What reviewers approve: grows with every change to the plan. */
  campaignPlanVersion: number;
  lineId: string;
  lineVersion: number;
  /** The organization's own custom placement, as the catalog names it ("custom-<uuid>"). */
  customPlacementId: string;
  owner: UserFixture;
  /** Strings no one outside this tenant may ever see: names and e-mails. */
  secrets: string[];
};

export const ACTOR_NAMES = ["anonymous", "viewer", "planner", "leadPlanner", "orgAdmin", "memberNotOnClient", "otherOrgAdmin", "disabled"] as const;
export type ActorName = (typeof ACTOR_NAMES)[number];

/** Someone calling organization A's routes: their role in A and on A's client account. */
export type Actor = {
  name: ActorName;
  cookie: string | null;
  userId: string | null;
  email: string | null;
  signedIn: boolean;
  disabled: boolean;
  orgRole: OrgRole | null;
  clientRole: ClientRole | null;
};

export type World = { a: TenantSamples; b: TenantSamples; actors: Record<ActorName, Actor> };

/** The owner's access, resolved the way a request would be (requireScope with their session cookie). */
function ownerAccess(org: { slug: string; owner: UserFixture }, permission: Permission, clientId?: string) {
  return accessFor(org.owner, org.slug, clientId, permission);
}

async function invite(org: { slug: string; owner: UserFixture }, target: { kind: "organization" } | { kind: "client"; clientId: string }, email: string) {
  const access = await ownerAccess(org, target.kind === "client" ? "client.team.manage" : "org.members.manage", target.kind === "client" ? target.clientId : undefined);
  const created = await createInvitation(access, {
    email,
    target: target.kind === "client" ? { kind: "client", clientAccountId: target.clientId, clientRole: "viewer" } : { kind: "organization", orgRole: "member" },
    baseUrl: ORIGIN,
  });
  return { id: created.id, token: created.link.split("/").pop()! };
}

async function seedTenant(label: "alpha" | "beta", orgName: string, clientName: string): Promise<TenantSamples> {
  const org = await makeOrganization(orgName);
  const [client, otherClient, target] = await Promise.all([
    makeClientAccount(org, clientName),
    makeClientAccount(org, `${clientName} Two`),
    makeUser(`${label}-target`),
  ]);
  await addMember(org, target, "member", { id: client.id, role: "planner" });
  const orgInvitation = await invite(org, { kind: "organization" }, `${label}-org-invitee@example.com`);
  const clientInvitation = await invite(org, { kind: "client", clientId: client.id }, `${label}-client-invitee@example.com`);
  // The organization's own catalog rows: a level override, a benchmark override, a custom placement.
  const catalogAccess = await ownerAccess(org, "org.catalog.manage");
  const justification = `${label} confidential level note`;
  const override = await setLevelOverride(catalogAccess, { targetType: "placement", targetId: SAMPLE_PLACEMENT, level: "transactional", justification });
  if (!override.ok) throw new Error(`Level override refused: ${JSON.stringify(override.fieldErrors)}`);
  const benchmark = await setBenchmarkOverride(catalogAccess, SAMPLE_PLACEMENT, { cpmFen: 4321 });
  if (!benchmark.ok) throw new Error(`Benchmark override refused: ${JSON.stringify(benchmark.fieldErrors)}`);
  const customName = `${label} secret placement`;
  const custom = await addCustomPlacement(catalogAccess, {
    ecosystemId: SAMPLE_ECOSYSTEM,
    nameEn: customName,
    nameZh: `${label} 专属版位`,
    buyingModels: ["cpm"],
    reportingLevel: "aggregated",
    funnelStage: "awareness",
    destinations: [SAMPLE_DESTINATION],
    benchmarks: {},
  });
  const campaignName = `${label} secret campaign`;
  const planAccess = await accessFor(org.owner, org.slug, client.id, "client.plan.edit");
  const campaign = await createCampaign(planAccess, {
    name: campaignName,
    objective: "consideration",
    startDate: "2026-03-02",
    endDate: "2026-03-29",
    budgetFen: 5_000_000,
    reportingCurrency: "CNY",
    fxRate: 1,
    notes: "",
  });
  const lines = await addLines(planAccess, campaign.id, [
    { ...SAMPLE_LINE, name: `${label} secret line`, unitCostFen: null, budgetFen: 100_000, kpiId: null, kpiTarget: null, audienceNotes: "", formatNotes: "", flightingMode: "even", customFlightingFen: null },
  ]);
  if (!lines?.ok) throw new Error(`Plan line refused: ${JSON.stringify(lines)}`);
  const line = lines.value[0]!;
  const [versions] = await queryRows<{ campaign: number; plan: number; line: number }>(
    getDatabase().db,
    sql`select (select version from campaigns where id = ${campaign.id}) as campaign, (select plan_version from campaigns where id = ${campaign.id}) as plan, (select version from line_items where id = ${line.id}) as line`,
  );
  return {
    orgId: org.id,
    orgSlug: org.slug,
    orgName,
    clientId: client.id,
    clientName,
    otherClientId: otherClient.id,
    invitationToken: orgInvitation.token,
    orgInvitationId: orgInvitation.id,
    clientInvitationId: clientInvitation.id,
    targetUserId: target.id,
    customPlacementId: custom.id,
    campaignId: campaign.id,
    campaignVersion: versions!.campaign,
    campaignPlanVersion: versions!.plan,
    lineId: line.id,
    lineVersion: versions!.line,
    owner: org.owner,
    secrets: [orgName, clientName, org.owner.email, org.owner.name, target.email, target.name, `${label}-org-invitee@example.com`, `${label}-client-invitee@example.com`, justification, customName, campaignName, `${label} secret line`],
  };
}

async function seedWorld(): Promise<World> {
  const [a, b] = [await seedTenant("alpha", "Alpha Agency", "Alpha Brand"), await seedTenant("beta", "Beta Rival Group", "Beta Secret Brand")];
  const orgA = { id: a.orgId, slug: a.orgSlug, owner: a.owner };
  const [viewer, planner, lead, bystander, disabled] = await Promise.all([
    makeUser("viewer"),
    makeUser("planner"),
    makeUser("lead"),
    makeUser("bystander"),
    makeUser("disabled"),
  ]);
  await addMember(orgA, viewer, "member", { id: a.clientId, role: "viewer" });
  await addMember(orgA, planner, "member", { id: a.clientId, role: "planner" });
  await addMember(orgA, lead, "member", { id: a.clientId, role: "lead_planner" });
  await addMember(orgA, bystander, "member");
  await addMember(orgA, disabled, "member", { id: a.clientId, role: "planner" });
  // Superuser connection: bypasses row-level security, as an operator disabling an account would.
  await getDatabase().db.execute(sql`update users set disabled_at = now() where id = ${disabled.id}`);
  const actor = (name: ActorName, user: UserFixture | null, orgRole: OrgRole | null, clientRole: ClientRole | null, isDisabled = false): Actor => ({
    name,
    cookie: user?.cookie ?? null,
    userId: user?.id ?? null,
    email: user?.email ?? null,
    signedIn: user !== null,
    disabled: isDisabled,
    orgRole,
    clientRole,
  });
  return {
    a,
    b,
    actors: {
      anonymous: actor("anonymous", null, null, null),
      viewer: actor("viewer", viewer, "member", "viewer"),
      planner: actor("planner", planner, "member", "planner"),
      leadPlanner: actor("leadPlanner", lead, "member", "lead_planner"),
      orgAdmin: actor("orgAdmin", a.owner, "owner", null),
      memberNotOnClient: actor("memberNotOnClient", bystander, "member", null),
      otherOrgAdmin: actor("otherOrgAdmin", b.owner, null, null),
      disabled: actor("disabled", disabled, "member", "planner", true),
    },
  };
}

let seeded: { world: World; snapshot: Snapshot; fingerprint: Record<string, string> } | undefined;

/**
 * The two-tenant world, seeded once through the app's own services (argon2 makes that slow) and then
 * restored from a snapshot before every use (setup.ts empties the tables before each test).
 */
export async function loadWorld(): Promise<World> {
  if (seeded) {
    await restoreDatabase(seeded.snapshot, Object.keys(seeded.snapshot));
    return seeded.world;
  }
  const world = await seedWorld();
  const snapshot = await snapshotDatabase();
  seeded = { world, snapshot, fingerprint: await databaseFingerprint(Object.keys(snapshot)) };
  return world;
}

/** Puts back the world's rows as they were just after seeding: only the tables that changed since. */
export async function resetWorld(): Promise<void> {
  if (!seeded) throw new Error("loadWorld() first");
  const tables = Object.keys(seeded.snapshot);
  const now = await databaseFingerprint(tables);
  const changed = tables.filter((table) => now[table] !== seeded!.fingerprint[table]);
  if (changed.length) await restoreDatabase(seeded.snapshot, changed);
}

// ---------------------------------------------------------------------------------------------
// Database snapshots, read and written as the superuser test connection (bypasses RLS)
// ---------------------------------------------------------------------------------------------

export type Snapshot = Record<string, unknown[]>;

/** Every public table except the catalog reference tables, which setup.ts leaves alone too. */
async function writableTables(): Promise<string[]> {
  const rows = await queryRows<{ tablename: string }>(
    getDatabase().db,
    sql`select tablename from pg_tables where schemaname = 'public' and tablename not like 'catalog\_%' order by tablename`,
  );
  return rows.map((r) => r.tablename);
}

export async function allTables(): Promise<string[]> {
  const rows = await queryRows<{ tablename: string }>(getDatabase().db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  return rows.map((r) => r.tablename);
}

async function tableRows(table: string): Promise<unknown[]> {
  const rows = await queryRows<{ rows: unknown[] | string }>(
    getDatabase().db,
    sql.raw(`select coalesce(json_agg(t order by t::text), '[]'::json) as rows from "public"."${table}" t`),
  );
  const value = rows[0]?.rows ?? [];
  return typeof value === "string" ? (JSON.parse(value) as unknown[]) : value;
}

async function snapshotDatabase(): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const table of await writableTables()) snapshot[table] = await tableRows(table);
  return snapshot;
}

async function restoreDatabase(snapshot: Snapshot, tables: string[]): Promise<void> {
  // Generated columns cannot be written; they are recomputed from the others.
  const writable = await queryRows<{ table_name: string; columns: string[] | string }>(
    getDatabase().db,
    sql`select table_name, array_agg(column_name::text order by ordinal_position) as columns from information_schema.columns
        where table_schema = 'public' and is_generated = 'NEVER' group by table_name`,
  );
  const columnsOf = new Map(writable.map((r) => [r.table_name, typeof r.columns === "string" ? r.columns.replace(/^{|}$/g, "").split(",") : r.columns]));
  await getDatabase().db.transaction(async (tx) => {
    // Replica mode skips foreign-key triggers: tables empty and load in any order, without cascading.
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const table of tables) {
      await tx.execute(sql`delete from ${sql.identifier(table)}`);
      const rows = snapshot[table]!;
      if (rows.length === 0) continue;
      const columns = sql.join((columnsOf.get(table) ?? []).map((c) => sql.identifier(c)), sql`, `);
      await tx.execute(
        sql`insert into ${sql.identifier(table)} (${columns}) overriding system value select ${columns} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`,
      );
    }
  });
}

/** One digest per public table (catalog included), in one round trip: cheap change detection. */
export async function databaseFingerprint(only?: string[]): Promise<Record<string, string>> {
  const tables = only ?? (await allTables());
  const parts = tables.map((t) => `select '${t}' as name, count(*)::int as n, md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as digest from "public"."${t}" x`);
  const rows = await queryRows<{ name: string; n: number; digest: string }>(getDatabase().db, sql.raw(parts.join(" union all ")));
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.digest}`]));
}

/** Row counts and contents of every public table (catalog included), for before/after comparisons. */
export async function databaseContents(): Promise<Snapshot> {
  const contents: Snapshot = {};
  for (const table of await allTables()) contents[table] = await tableRows(table);
  return contents;
}

// ---------------------------------------------------------------------------------------------
// Expected outcomes
// ---------------------------------------------------------------------------------------------

export type Expectation = { allowed: true } | { allowed: false; status: 302 | 403 | 404; location?: string };

/**
 * What a call to organization A's route should answer, from the declared policy and the actor's
 * permissions: signed out or disabled → the login redirect; not a member of the organization in the
 * URL → 404; on a client route, not on the team and not an org admin → 404; missing permission → 403.
 */
export function expectedOutcome(policy: Policy, actor: Actor, params: readonly string[]): Expectation {
  if (policy === "public" || policy === "none") return { allowed: true };
  if (!actor.signedIn || actor.disabled) return { allowed: false, status: 302, location: "/login" };
  if (policy === "user") return { allowed: true };
  if (!actor.orgRole) return { allowed: false, status: 404 };
  const onClientRoute = params.includes("clientId");
  if (isClientPermission(policy) && !onClientRoute) throw new Error(`${policy} declared on a route without :clientId`);
  if (onClientRoute && actor.clientRole === null && actor.orgRole !== "owner" && actor.orgRole !== "admin") return { allowed: false, status: 404 };
  const permissions = permissionsFor(actor.orgRole, onClientRoute ? actor.clientRole : null);
  if (!onClientRoute) for (const p of [...permissions]) if (isClientPermission(p)) permissions.delete(p);
  return permissions.has(policy) ? { allowed: true } : { allowed: false, status: 403 };
}

// ---------------------------------------------------------------------------------------------
// Probes: one route's loader or action, alone, through the real Remix handler
// ---------------------------------------------------------------------------------------------

export type ProbeResult = { status: number; location: string | null; body: string; response: Response };

function dataPath(path: string): string {
  return path === "/" ? "/_root.data" : `${path.replace(/\/$/, "")}.data`;
}

/** The body; of an event stream (it never ends by itself) only its first chunk, then the stream is closed. */
async function readBody(response: Response): Promise<string> {
  if (!(response.headers.get("Content-Type") ?? "").startsWith("text/event-stream") || !response.body) return response.text();
  const reader = response.body.getReader();
  const first = await reader.read();
  await reader.cancel();
  return first.value ? new TextDecoder().decode(first.value) : "";
}

/** Single fetch answers a redirect with 202, the target in Location and the real status in the body. */
async function normalize(response: Response): Promise<ProbeResult> {
  const body = await readBody(response);
  const location = response.headers.get("Location");
  if (response.status === 202 && location) {
    const status = Number(/"status",(\d{3})/.exec(body)?.[1] ?? 302);
    return { status, location, body, response };
  }
  return { status: response.status, location, body, response };
}

export async function probeLoader(routes: ServerBuild["routes"], routeId: string, params: Record<string, string>, cookie: string | null): Promise<ProbeResult> {
  const path = fillPath(routePattern(routes, routeId), params);
  return normalize(await call(`${dataPath(path)}?_routes=${encodeURIComponent(routeId)}`, { cookie }));
}

export async function probeAction(
  routes: ServerBuild["routes"],
  routeId: string,
  params: Record<string, string>,
  form: Record<string, string>,
  cookie: string | null,
  ip?: string,
): Promise<ProbeResult> {
  const path = fillPath(routePattern(routes, routeId), params);
  const index = routes[routeId]?.index ? "?index" : "";
  return normalize(await call(`${dataPath(path)}${index}`, { method: "POST", form, cookie, ip }));
}

/** The document a browser without JavaScript gets (root + every matched loader + render). */
export async function probeDocument(path: string, cookie: string | null): Promise<ProbeResult> {
  return normalize(await call(path, { cookie }));
}

let uniqueCounter = 0;
export function uniqueSuffix(): string {
  uniqueCounter++;
  return `${Date.now().toString(36)}${uniqueCounter}`;
}
