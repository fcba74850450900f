// A client viewer forging every mutation the route table lists (each action, each intent, with valid
// fields): 403 every time, and the database — every public table, row counts and contents, read as
// the superuser — exactly as before.
import { describe, expect, it } from "vitest";
import {
  databaseContents,
  databaseFingerprint,
  expectedOutcome,
  loadWorld,
  probeAction,
  probeLoader,
  ROUTE_POLICY,
  routeParams,
  routePattern,
  sampleParams,
  policedRoutes,
  type FormSample,
  type Snapshot,
} from "./route-policy";

const { routes, routeIds } = await policedRoutes();

function counts(snapshot: Snapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(snapshot).map(([table, rows]) => [table, rows.length]));
}

describe("a client viewer attempting every mutation", () => {
  it("gets 403 for each action and intent a viewer may not perform, and the database is unchanged", async () => {
    const world = await loadWorld();
    const viewer = world.actors.viewer;
    const before = await databaseContents();
    const fingerprint = await databaseFingerprint();
    expect(Object.values(counts(before)).some((n) => n > 0)).toBe(true);

    const attempts: string[] = [];
    const problems: string[] = [];
    for (const routeId of routeIds) {
      const entry = ROUTE_POLICY[routeId];
      if (!entry) throw new Error(`No entry for ${routeId} in ROUTE_POLICY (tests/integration/route-policy.ts).`);
      // Tenant mutations only: public and account actions are the viewer's own business.
      if (entry.action === "none" || entry.action === "public" || entry.action === "user") continue;
      if (expectedOutcome(entry.action, viewer, routeParams(routes, routeId)).allowed) continue;
      const params = sampleParams(routes, routeId, world.a);
      const forms: Record<string, FormSample> = { "empty form": () => ({}), ...entry.forms };
      for (const [label, form] of Object.entries(forms)) {
        const what = `POST ${routePattern(routes, routeId)} (${label})`;
        attempts.push(what);
        const result = await probeAction(routes, routeId, params, form(world.a, `viewer${attempts.length}`), viewer.cookie);
        if (result.status !== 403) problems.push(`${what}: expected 403, got ${result.status}${result.location ? ` → ${result.location}` : ""}`);
        const now = await databaseFingerprint();
        const changed = Object.keys(fingerprint).filter((table) => fingerprint[table] !== now[table]);
        if (changed.length) problems.push(`${what}: changed ${changed.join(", ")}`);
      }
    }

    // The members page, the client team and client creation at least (more as routes are added).
    expect(attempts.length).toBeGreaterThanOrEqual(11);
    expect(problems).toEqual([]);
    const after = await databaseContents();
    expect(counts(after)).toEqual(counts(before));
    expect(after).toEqual(before);
    const rows = Object.values(counts(after)).reduce((sum, n) => sum + n, 0);
    console.log(`viewer mutations: ${attempts.length} attempts, all 403; ${Object.keys(after).length} tables, ${rows} rows unchanged`);
  });

  it("changes nothing by reading: every loader the viewer can call leaves the database as it was", async () => {
    const world = await loadWorld();
    const viewer = world.actors.viewer;
    const before = await databaseContents();
    let reads = 0;
    for (const routeId of routeIds) {
      const entry = ROUTE_POLICY[routeId];
      if (!entry || entry.loader === "none") continue;
      await probeLoader(routes, routeId, sampleParams(routes, routeId, world.a), viewer.cookie);
      reads++;
    }
    expect(reads).toBeGreaterThan(0);
    expect(await databaseContents()).toEqual(before);
  });
});
