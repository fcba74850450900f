// Three app instances behind nginx (round-robin, no stickiness) on one PostgreSQL: the collaboration
// journey runs through the balancer while one instance is drained and PostgreSQL restarts. Zero lost
// edits or comments, the import previewed on one instance is applied on another, the plan is approved
// by agency and client, and nothing answers 5xx but the 503s of the outage (each with Retry-After).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNginx } from "../support/balancer";
import { drainOneAndRestartDatabase, requestsPerInstance, startFleet, type Disruption, type Fleet } from "../support/fleet";
import { runCollaborationJourney } from "../support/journey";
import { hasPgServerBinaries } from "./harness";

const canRun = hasPgServerBinaries && findNginx() !== null;
if (!canRun) console.log("Skipping the multi-instance journey: it needs PostgreSQL server binaries and nginx (apt-get install -y postgresql nginx-light).");

describe.skipIf(!canRun)("three instances behind a load balancer", () => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await startFleet({ instances: 3, env: { QIAO_DB_TIMEOUT_MS: "3000" } });
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it("runs the collaboration journey through a drained instance and a PostgreSQL restart with nothing lost", async () => {
    let disruption: Disruption | undefined;
    const report = await runCollaborationJourney({
      baseUrl: fleet.balancer.baseUrl,
      databaseUrl: fleet.cluster.url,
      instances: fleet.instances,
      editPhaseMs: 9_000,
      disrupt: async () => {
        disruption = await drainOneAndRestartDatabase(fleet, { drainAfterMs: 2_500, outageAfterMs: 1_000, outageMs: 3_000 });
      },
    });
    const statuses = new Map<number, number>();
    for (const a of report.answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    console.log(
      `journey: ${report.answers.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `${report.editsAcknowledged} edits (${report.editsRetried} retried), ${report.commentsAcknowledged} comments, ` +
        `requests per instance ${JSON.stringify(requestsPerInstance(fleet.instances))}, preview on #${report.previewInstance}, apply on #${report.applyInstance}`,
    );

    expect(disruption?.drainedExitCode).toBe(0);
    expect(report.lostEdits).toEqual([]);
    expect(report.commentsMissing).toBe(0);
    expect(report.editsAcknowledged).toBeGreaterThan(5);
    expect(report.commentsAcknowledged).toBeGreaterThan(3);
    expect(report.answers.filter((a) => a.status === 0).map((a) => `${a.path}: ${a.error}`)).toEqual([]);
    expect(report.answers.filter((a) => a.status >= 500 && a.status !== 503).map((a) => `${a.status} ${a.method} ${a.path}`)).toEqual([]);
    expect(report.answers.filter((a) => a.status === 503 && !a.retryAfter).map((a) => a.path)).toEqual([]);
    expect(report.answers.some((a) => a.status === 503)).toBe(true);
    expect(report.importPreviewStatus).toBe(200);
    expect(report.importApplyStatus).toBe(302);
    expect(report.previewInstance).not.toBeNull();
    expect(report.applyInstance).not.toBeNull();
    expect(report.applyInstance).not.toBe(report.previewInstance);
    expect(report.workflowStatuses).toEqual([302, 302, 302]);
    expect(report.finalStatus).toBe("approved");
    // Round-robin: every instance served part of the journey.
    expect(requestsPerInstance(fleet.instances).every((n) => n > 0)).toBe(true);
    // The two instances that stayed up are still serving.
    for (const index of [0, 2]) expect(fleet.instances[index]!.isAlive()).toBe(true);
  });
});
