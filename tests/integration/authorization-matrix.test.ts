// The authorization matrix: every route of the built app's manifest × actors × (GET of its loader,
// POST of its action with an empty form and with each of its forms / intents). Expected outcomes
// come from the declared table (route-policy.ts) and the role → permission map; a route without an
// entry fails. Each route's loader and action is called alone (single fetch), so a parent layout's
// check cannot hide a child's missing one.
import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  ACTOR_NAMES,
  expectedOutcome,
  loadWorld,
  PARAM_SAMPLES,
  probeAction,
  probeLoader,
  resetWorld,
  ROUTE_POLICY,
  routeParams,
  routePattern,
  sampleParams,
  uniqueSuffix,
  policedRoutes,
  type Actor,
  type Expectation,
  type FormSample,
  type Policy,
  type ProbeResult,
  type RoutePolicy,
} from "./route-policy";

const { routes, routeIds } = await policedRoutes();

type CaseRecord = { route: string; call: string; actor: string; expected: string; got: string; problem: string | null; unexpected2xx: boolean };
const records: CaseRecord[] = [];

function describeExpectation(expected: Expectation): string {
  return expected.allowed ? "allowed" : `${expected.status}${expected.location ? ` → ${expected.location}` : ""}`;
}

function judge(kind: "loader" | "action", policy: Policy, entry: RoutePolicy, actor: Actor, expected: Expectation, result: ProbeResult, isSampleForm = false): string | null {
  const { status, location } = result;
  if (status >= 500) return `server error ${status}`;
  if (!expected.allowed) {
    if (status !== expected.status) return `expected ${expected.status}, got ${status}`;
    if (expected.location && !(location ?? "").startsWith(expected.location)) return `expected a redirect to ${expected.location}…, got ${location}`;
    return null;
  }
  const signedInAndEnabled = actor.signedIn && !actor.disabled;
  if (kind === "loader") {
    if (entry.allowedLoaderStatus !== undefined) return status === entry.allowedLoaderStatus ? null : `expected ${entry.allowedLoaderStatus}, got ${status}`;
    if (policy !== "public") return status === 200 ? null : `allowed loader answered ${status}${location ? ` → ${location}` : ""}`;
    return status === 403 || status === 404 ? `public loader answered ${status}` : null;
  }
  // An allowed action may refuse bad input (400/409) but never as if the person had no access.
  if (policy !== "public") {
    if (status === 403 || status === 404) return `allowed action answered ${status}`;
    if (signedInAndEnabled && (location ?? "").startsWith("/login")) return `allowed action sent a signed-in person to ${location}`;
    // The table's sample forms are valid: an allowed actor gets through to the mutation.
    if (isSampleForm && status >= 400) return `allowed action refused the sample form with ${status}`;
  }
  return null;
}

function record(routeId: string, call: string, actor: Actor, expected: Expectation, result: ProbeResult, problem: string | null) {
  records.push({
    route: routeId,
    call,
    actor: actor.name,
    expected: describeExpectation(expected),
    got: `${result.status}${result.location ? ` → ${result.location}` : ""}`,
    problem,
    unexpected2xx: !expected.allowed && result.status >= 200 && result.status < 300,
  });
}

// In the written order even under --sequence.shuffle: the last test sums up the cases the others
// recorded, so it must come after them (files still run in any order).
describe("authorization matrix", { shuffle: false }, () => {
  afterAll(() => {
    const unexpected = records.filter((r) => r.unexpected2xx);
    for (const r of unexpected) console.log(`UNEXPECTED 2xx: ${r.call} as ${r.actor}: ${r.got}`);
    // QIAO_MATRIX_DUMP=/path writes every case (call | actor | expected | got | problem) for review.
    const dump = process.env.QIAO_MATRIX_DUMP;
    if (dump) writeFileSync(dump, records.map((r) => [r.call, r.actor, r.expected, r.got, r.problem ?? ""].join(" | ")).join("\n") + "\n");
    console.log(`authorization matrix: ${records.length} cases, ${unexpected.length} unexpected 2xx`);
  });

  it("has a declared policy for every route of the manifest, matching what each module exports", () => {
    expect(routeIds.length).toBeGreaterThan(0);
    const missing = routeIds.filter((id) => !ROUTE_POLICY[id]);
    expect(missing, "routes without an entry in ROUTE_POLICY (tests/integration/route-policy.ts)").toEqual([]);
    const stale = Object.keys(ROUTE_POLICY).filter((id) => !routes[id]);
    expect(stale, "entries in ROUTE_POLICY for routes the app no longer has").toEqual([]);
    const mismatched: string[] = [];
    for (const id of routeIds) {
      const entry = ROUTE_POLICY[id]!;
      const module = routes[id]!.module;
      if ((entry.loader === "none") !== (module.loader === undefined)) mismatched.push(`${id}: loader declared ${entry.loader}, exported: ${module.loader !== undefined}`);
      if ((entry.action === "none") !== (module.action === undefined)) mismatched.push(`${id}: action declared ${entry.action}, exported: ${module.action !== undefined}`);
      if (entry.action === "none" && entry.forms) mismatched.push(`${id}: forms declared for a route without an action`);
      for (const name of routeParams(routes, id)) if (!PARAM_SAMPLES[name]) mismatched.push(`${id}: no sample for :${name} in PARAM_SAMPLES`);
    }
    expect(mismatched).toEqual([]);
  });

  it.each(routeIds)("%s: every actor gets what the table says", async (routeId) => {
    const entry = ROUTE_POLICY[routeId];
    if (!entry) throw new Error(`No entry for ${routeId} in ROUTE_POLICY (tests/integration/route-policy.ts): declare who may call its loader and action.`);
    const world = await loadWorld();
    const params = sampleParams(routes, routeId, world.a);
    const paramNames = routeParams(routes, routeId);
    const pattern = routePattern(routes, routeId);
    const actors = ACTOR_NAMES.map((name) => world.actors[name]);
    const problems: string[] = [];

    if (entry.loader !== "none") {
      for (const actor of actors) {
        const expected = expectedOutcome(entry.loader, actor, paramNames);
        const result = await probeLoader(routes, routeId, params, actor.cookie);
        const problem = judge("loader", entry.loader, entry, actor, expected, result);
        record(routeId, `GET ${pattern} [${routeId}]`, actor, expected, result, problem);
        if (problem) problems.push(`GET ${pattern} [${routeId}] as ${actor.name}: ${problem}`);
      }
    }

    if (entry.action !== "none") {
      const forms: Record<string, FormSample> = { "empty form": () => ({}), ...entry.forms };
      for (const [label, makeForm] of Object.entries(forms)) {
        // A form may need more than the route's own check (workflow steps: the state machine's permission).
        const policy = entry.formPolicies?.[label] ?? entry.action;
        // Denials first, then the actors allowed to act.
        const ordered = [...actors].sort((x, y) => Number(expectedOutcome(policy, x, paramNames).allowed) - Number(expectedOutcome(policy, y, paramNames).allowed));
        for (const actor of ordered) {
          // Every call starts from the seeded world (resetWorld puts back only what changed).
          await resetWorld();
          const expected = expectedOutcome(policy, actor, paramNames);
          const result = await probeAction(routes, routeId, params, makeForm(world.a, uniqueSuffix()), actor.cookie);
          const problem = judge("action", policy, entry, actor, expected, result, label !== "empty form");
          record(routeId, `POST ${pattern} [${routeId}] (${label})`, actor, expected, result, problem);
          if (problem) problems.push(`POST ${pattern} [${routeId}] (${label}) as ${actor.name}: ${problem}`);
        }
      }
    }

    expect(problems).toEqual([]);
  });

  it("routes without an action answer 405 to every actor", async () => {
    const world = await loadWorld();
    const withoutAction = routeIds.filter((id) => ROUTE_POLICY[id]?.action === "none");
    expect(withoutAction.length).toBeGreaterThan(0);
    // Remix hands its own 405 to the app's handleError, which logs it: silence and check exactly those.
    const consoleError = vi.mocked(console.error);
    consoleError.mockImplementation(() => {});
    const statuses: string[] = [];
    for (const routeId of withoutAction) {
      const params = sampleParams(routes, routeId, world.a);
      for (const actor of ACTOR_NAMES.map((name) => world.actors[name])) {
        const result = await probeAction(routes, routeId, params, {}, actor.cookie);
        statuses.push(`${routeId} as ${actor.name}: ${result.status}`);
        records.push({
          route: routeId,
          call: `POST ${routePattern(routes, routeId)} [${routeId}] (no action)`,
          actor: actor.name,
          expected: "405",
          got: String(result.status),
          problem: result.status === 405 ? null : `expected 405, got ${result.status}`,
          unexpected2xx: result.status >= 200 && result.status < 300,
        });
      }
    }
    const logged = consoleError.mock.calls;
    const unrelated = logged.filter((args) => (args[1] as { status?: unknown } | undefined)?.status !== 405);
    consoleError.mockClear();
    expect(unrelated.map((args) => args.map(String).join(" "))).toEqual([]);
    expect(statuses.filter((s) => !s.endsWith(": 405"))).toEqual([]);
  });

  it("reports zero unexpected 2xx over the whole matrix", () => {
    const expectedCases = routeIds.length; // at least one case per route
    expect(records.length).toBeGreaterThanOrEqual(expectedCases);
    const unexpected = records.filter((r) => r.unexpected2xx).map((r) => `${r.call} as ${r.actor}: ${r.got}`);
    expect(unexpected).toEqual([]);
    const denials = records.filter((r) => r.expected !== "allowed" && r.expected !== "405").length;
    expect(denials).toBeGreaterThan(0);
  });
});
