// Cross-tenant controls (ASVS 8.4.1): every route tried by an admin of one organization with the
// other organization's ids — in the URL (its slug, its client account under the attacker's own slug)
// and in form fields (user and invitation ids on the members and team actions). Each answer is a 404
// that changes nothing and shows nothing of the other tenant (names, e-mails).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  databaseFingerprint,
  fillPath,
  loadWorld,
  PARAM_SAMPLES,
  probeAction,
  probeDocument,
  probeLoader,
  resetWorld,
  ROUTE_POLICY,
  routeParams,
  routePattern,
  sampleParams,
  policedRoutes,
  type FormSample,
  type ProbeResult,
    type TenantSamples,
  type World,
} from "./route-policy";

const { routes, routeIds } = await policedRoutes();

function policyOf(routeId: string) {
  const entry = ROUTE_POLICY[routeId];
  if (!entry) throw new Error(`No entry for ${routeId} in ROUTE_POLICY (tests/integration/route-policy.ts).`);
  return entry;
}

const tenantParamsOf = (routeId: string) => routeParams(routes, routeId).filter((name) => PARAM_SAMPLES[name]?.tenant);
const tenantRoutes = routeIds.filter((id) => tenantParamsOf(id).length > 0);

/** URLs of the attacker's routes with the victim's ids: each tenant parameter swapped alone, then all of them. */
function urlVariants(routeId: string, attacker: TenantSamples, victim: TenantSamples) {
  const own = sampleParams(routes, routeId, attacker);
  const names = tenantParamsOf(routeId);
  const variants = names.map((name) => ({ label: `:${name} of the other tenant`, swapped: [name], params: { ...own, [name]: PARAM_SAMPLES[name]!.sample(victim) } }));
  if (names.length > 1) variants.push({ label: "every id of the other tenant", swapped: names, params: sampleParams(routes, routeId, victim) });
  return variants;
}

function leaks(result: ProbeResult, victim: TenantSamples): string[] {
  return victim.secrets.filter((secret) => result.body.includes(secret));
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

type Direction = { label: string; attacker: TenantSamples; victim: TenantSamples; cookie: string };

function directions(world: World): Direction[] {
  return [
    { label: "admin of A against B", attacker: world.a, victim: world.b, cookie: world.a.owner.cookie },
    { label: "admin of B against A", attacker: world.b, victim: world.a, cookie: world.b.owner.cookie },
  ];
}

describe("another tenant's ids", () => {
  it("the route table names tenant routes to try", () => {
    expect(tenantRoutes.length).toBeGreaterThan(0);
    expect(tenantRoutes).toContain("routes/o.$orgSlug.clients.$clientId._index");
  });

  it.each(tenantRoutes)("%s: in the URL → 404, nothing changed, nothing shown", async (routeId) => {
    const entry = policyOf(routeId);
    const world = await loadWorld();
    const problems: string[] = [];
    let cases = 0;
    for (const { label: direction, attacker, victim, cookie } of directions(world)) {
      const before = await databaseFingerprint();
      for (const { label, swapped, params } of urlVariants(routeId, attacker, victim)) {
        const where = `${fillPath(routePattern(routes, routeId), params)} (${label}, ${direction})`;
        const check = (what: string, result: ProbeResult) => {
          cases++;
          if (result.status !== 404) problems.push(`${what} ${where}: expected 404, got ${result.status}${result.location ? ` → ${result.location}` : ""}`);
          const leaked = leaks(result, victim);
          if (leaked.length) problems.push(`${what} ${where}: body shows ${leaked.join(", ")}`);
        };
        if (entry.loader !== "none") {
          check("GET (loader alone)", await probeLoader(routes, routeId, params, cookie));
          check("GET (document)", await probeDocument(fillPath(routePattern(routes, routeId), params), cookie));
        }
        if (entry.action !== "none") {
          const forms: Record<string, FormSample> = { "empty form": () => ({}), ...entry.forms };
          for (const [formLabel, form] of Object.entries(forms)) {
            const result = await probeAction(routes, routeId, params, form(attacker, `x${cases}`), cookie);
            // Below the organization and client (which requireScope resolves first), a form without an
            // intent may be refused as 400 before any row is looked up — acceptable only if an id that
            // does not exist at all gets the very same answer (no existence oracle).
            const deeperOnly = swapped.every((name) => name !== "orgSlug" && name !== "clientId");
            if (formLabel === "empty form" && deeperOnly && result.status === 400) {
              const unknown = await probeAction(routes, routeId, { ...params, ...Object.fromEntries(swapped.map((name) => [name, randomUUID()])) }, {}, cookie);
              cases++;
              if (unknown.status !== 400 || unknown.body !== result.body) problems.push(`POST (empty form) ${where}: 400 differs from the answer for an unknown id (${unknown.status})`);
              if (leaks(result, victim).length) problems.push(`POST (empty form) ${where}: body shows ${leaks(result, victim).join(", ")}`);
            } else {
              check(`POST (${formLabel})`, result);
            }
            const changed = changedTables(before, await databaseFingerprint());
            if (changed.length) {
              problems.push(`POST (${formLabel}) ${where}: changed ${changed.join(", ")}`);
              await resetWorld();
            }
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("in form fields of the members and team actions (user and invitation ids) → 404, nothing changed, nothing shown", async () => {
    const world = await loadWorld();
    const problems: string[] = [];
    let cases = 0;
    const attackers = (d: Direction) =>
      d.attacker === world.a
        ? [
            { name: "orgAdmin", cookie: world.actors.orgAdmin.cookie! },
            { name: "leadPlanner", cookie: world.actors.leadPlanner.cookie! },
          ]
        : [{ name: "orgAdmin", cookie: d.cookie }];
    for (const direction of directions(world)) {
      const before = await databaseFingerprint();
      for (const routeId of routeIds) {
        const entry = policyOf(routeId);
        if (entry.action === "none" || !entry.forms) continue;
        const params = sampleParams(routes, routeId, direction.attacker);
        for (const [formLabel, form] of Object.entries(entry.forms)) {
          // Only forms that carry a tenant's ids: the same form built from the two tenants differs.
          const own = form(direction.attacker, "same");
          const foreign = form(direction.victim, "same");
          if (JSON.stringify(own) === JSON.stringify(foreign)) continue;
          for (const attacker of attackers(direction)) {
            if (routeId.endsWith(".members") && attacker.name !== "orgAdmin") continue;
            const result = await probeAction(routes, routeId, params, foreign, attacker.cookie);
            cases++;
            const where = `POST ${fillPath(routePattern(routes, routeId), params)} (${formLabel} with ${JSON.stringify(foreign)}) as ${attacker.name}, ${direction.label}`;
            if (result.status !== 404) problems.push(`${where}: expected 404, got ${result.status}${result.location ? ` → ${result.location}` : ""}`);
            const leaked = leaks(result, direction.victim);
            if (leaked.length) problems.push(`${where}: body shows ${leaked.join(", ")}`);
            const changed = changedTables(before, await databaseFingerprint());
            if (changed.length) {
              problems.push(`${where}: changed ${changed.join(", ")}`);
              await resetWorld();
            }
          }
        }
      }
    }
    // change-role, remove and revoke on both the members page and the team page.
    expect(cases).toBeGreaterThanOrEqual(6);
    expect(problems).toEqual([]);
  });

  it("organization A's own pages, loaded by each of A's people, show nothing of B", async () => {
    const world = await loadWorld();
    const problems: string[] = [];
    let pages = 0;
    for (const routeId of routeIds) {
      const entry = policyOf(routeId);
      if (entry.loader === "none") continue;
      const params = sampleParams(routes, routeId, world.a);
      for (const actor of Object.values(world.actors)) {
        if (actor.name === "otherOrgAdmin") continue;
        // The document carries every matched loader's data (this route's included) and the rendered page.
        const result = await probeDocument(fillPath(routePattern(routes, routeId), params), actor.cookie);
        pages++;
        const leaked = leaks(result, world.b);
        if (leaked.length) problems.push(`${routeId} as ${actor.name}: shows ${leaked.join(", ")}`);
      }
    }
    expect(pages).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("in the catalog actions: the other tenant's custom placement is refused, unchanged and unseen", async () => {
    const world = await loadWorld();
    const catalog = "routes/o.$orgSlug.catalog";
    if (!routes[catalog]) return;
    const problems: string[] = [];
    for (const direction of directions(world)) {
      const before = await databaseFingerprint();
      const params = sampleParams(routes, catalog, direction.attacker);
      const target = direction.victim.customPlacementId;
      const forms: Record<string, string>[] = [
        { intent: "set-level", targetType: "placement", targetId: target, level: "individual", justification: "Trying to reach another tenant's row." },
        { intent: "remove-level", targetType: "placement", targetId: target },
        { intent: "set-benchmarks", placementId: target, cpm: "1" },
      ];
      for (const form of forms) {
        const result = await probeAction(routes, catalog, params, form, direction.cookie);
        const where = `POST ${fillPath(routePattern(routes, catalog), params)} ${JSON.stringify(form)} (${direction.label})`;
        // A field naming an unknown target may be a 400 field error or a 404: never a success.
        if (result.status !== 400 && result.status !== 404) problems.push(`${where}: expected 400/404, got ${result.status}`);
        const leaked = leaks(result, direction.victim);
        if (leaked.length) problems.push(`${where}: body shows ${leaked.join(", ")}`);
      }
      const changed = changedTables(before, await databaseFingerprint());
      if (changed.length) problems.push(`${direction.label}: changed ${changed.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("within one organization, a client team's actions never reach another client's or the organization's rows", async () => {
    const world = await loadWorld();
    const { a, actors } = world;
    const bystander = actors.memberNotOnClient.userId!;
    const team = "routes/o.$orgSlug.clients.$clientId.team";
    const params = sampleParams(routes, team, a);
    const before = await databaseFingerprint();
    const attempts: Record<string, string>[] = [
      // An invitation to the organization (not to this client account) cannot be revoked from the team page.
      { intent: "revoke", invitationId: a.orgInvitationId },
      // A member of the organization who is not on this team cannot be re-roled or removed from it.
      { intent: "change-role", userId: bystander, role: "viewer" },
      { intent: "remove", userId: bystander },
      // Nor can the organization's owner, who is on no team here.
      { intent: "change-role", userId: a.owner.id, role: "viewer" },
    ];
    for (const form of attempts) {
      const result = await probeAction(routes, team, params, form, actors.leadPlanner.cookie);
      expect(result.status, JSON.stringify(form)).toBe(404);
    }
    // The lead planner of one client account does not see the organization's other one.
    const other = sampleParams(routes, team, a, { clientId: a.otherClientId });
    expect((await probeLoader(routes, team, other, actors.leadPlanner.cookie)).status).toBe(404);
    expect((await probeAction(routes, team, other, { intent: "invite", email: "x@example.com", role: "viewer" }, actors.leadPlanner.cookie)).status).toBe(404);
    expect(changedTables(before, await databaseFingerprint())).toEqual([]);
  });
});
