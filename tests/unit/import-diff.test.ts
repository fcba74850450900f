import { describe, expect, it } from "vitest";
import { diffImport, diffLineFields, type ImportedLine, type ParsedPlan } from "~/domain/import-diff";
import { DEFAULT_MEASUREMENT, type CampaignPlan, type PlanLine, type PlanSnapshot } from "~/domain/plan";
import { testCampaign, testLine } from "../fixtures/plan-fixture";

const CAMPAIGN: CampaignPlan = testCampaign();

function planLine(id: string, overrides: Partial<PlanLine> = {}): PlanLine {
  return testLine(id, { ecosystemId: "tencent", placementId: "wechat-moments", destinationId: "wechat-mini-program", version: 2, ...overrides });
}

/** A line as the file shows it: the same line, with its version and the row it was on. */
function fromFile(line: PlanLine, overrides: Partial<ImportedLine> = {}, sourceRow = 3): ImportedLine {
  return { ...line, sourceRow, ...overrides };
}

const SNAPSHOT: PlanSnapshot = {
  campaign: CAMPAIGN,
  lines: [planLine("a", { position: 0 }), planLine("b", { position: 1, budgetFen: 200_000 }), planLine("c", { position: 2 })],
  catalogVersion: "2026.11-1",
};

function parsed(lines: ImportedLine[], campaign: Partial<CampaignPlan> = { id: "c1", version: 3 }): ParsedPlan {
  return { campaign, lines };
}

describe("diffImport", () => {
  it("finds nothing to do when the file is the plan", () => {
    const diff = diffImport(SNAPSHOT, parsed(SNAPSHOT.lines.map((line) => fromFile(line))));
    expect(diff).toMatchObject({ added: [], changed: [], removed: [], conflicts: [], campaignChanges: [], unchangedCount: 3, isEmpty: true });
  });

  it("lists a changed budget field by field, old → new", () => {
    const [a, b, c] = SNAPSHOT.lines as [PlanLine, PlanLine, PlanLine];
    const diff = diffImport(SNAPSHOT, parsed([fromFile(a), fromFile(b, { budgetFen: 250_000, name: "Bigger" }, 4), fromFile(c)]));
    expect(diff.changed).toEqual([
      {
        lineId: "b",
        name: "Bigger",
        sourceRow: 4,
        changes: [
          { field: "name", from: "Line b", to: "Bigger" },
          { field: "budgetFen", from: 200_000, to: 250_000 },
        ],
      },
    ]);
    expect(diff.unchangedCount).toBe(2);
    expect(diff.isEmpty).toBe(false);
  });

  it("adds rows without an id and removes lines the file no longer lists", () => {
    const [a, b] = SNAPSHOT.lines as [PlanLine, PlanLine];
    const added = fromFile(planLine("ignored"), { id: null, version: null, name: "New line" }, 9);
    const diff = diffImport(SNAPSHOT, parsed([fromFile(a), fromFile(b), added]));
    expect(diff.added).toEqual([added]);
    expect(diff.removed.map((line) => line.id)).toEqual(["c"]);
    expect(diffImport(SNAPSHOT, parsed([fromFile(a), fromFile(b)]), { removeMissing: false }).removed).toEqual([]);
  });

  it("reports a line changed by someone since the export as a conflict, not an overwrite", () => {
    const [a, b, c] = SNAPSHOT.lines as [PlanLine, PlanLine, PlanLine];
    // The file was exported when b was at version 1; it is at 2 now.
    const diff = diffImport(SNAPSHOT, parsed([fromFile(a), fromFile(b, { version: 1, budgetFen: 1 }, 4), fromFile(c)]));
    expect(diff.changed).toEqual([]);
    expect(diff.conflicts).toEqual([
      {
        kind: "line-changed-since-export",
        lineId: "b",
        name: "Line b",
        sourceRow: 4,
        fileVersion: 1,
        currentVersion: 2,
        changes: [{ field: "budgetFen", from: 200_000, to: 1 }],
      },
    ]);
    // Same version, different content: an ordinary change.
    expect(diffImport(SNAPSHOT, parsed([fromFile(a), fromFile(b, { budgetFen: 1 }), fromFile(c)])).changed).toHaveLength(1);
  });

  it("reports a line deleted since the export as a conflict", () => {
    const gone = fromFile(planLine("zzz"), { version: 4 }, 7);
    const diff = diffImport(SNAPSHOT, parsed([...SNAPSHOT.lines.map((line) => fromFile(line)), gone]));
    expect(diff.conflicts).toEqual([{ kind: "line-removed-since-export", lineId: "zzz", name: "Line zzz", sourceRow: 7, fileVersion: 4 }]);
    expect(diff.added).toEqual([]);
  });

  it("compares custom flighting only in custom mode, with a week at 0 the same as a week left out", () => {
    const current = planLine("f", { flightingMode: "custom", customFlightingFen: { "2026-W10": 60_000, "2026-W11": 40_000, "2026-W12": 0 } });
    expect(diffLineFields(current, fromFile(current, { customFlightingFen: { "2026-W11": 40_000, "2026-W10": 60_000 } }))).toEqual([]);
    const moved = fromFile(current, { customFlightingFen: { "2026-W10": 50_000, "2026-W11": 50_000 } });
    expect(diffLineFields(current, moved)).toEqual([
      { field: "customFlightingFen", from: { "2026-W10": 60_000, "2026-W11": 40_000 }, to: { "2026-W10": 50_000, "2026-W11": 50_000 } },
    ]);
    // Leftover custom amounts on an even line are not a difference.
    const even = planLine("g", { customFlightingFen: { "2026-W10": 1 } });
    expect(diffLineFields(even, fromFile(even, { customFlightingFen: null }))).toEqual([]);
  });

  it("lists measurement changes under their own names", () => {
    const current = planLine("m");
    const next = fromFile(current, { measurement: { ...DEFAULT_MEASUREMENT, owner: "agency", bindingRate: 0.1 } });
    expect(diffLineFields(current, next)).toEqual([
      { field: "measurement.owner", from: null, to: "agency" },
      { field: "measurement.bindingRate", from: null, to: 0.1 },
    ]);
  });

  it("lists campaign changes, and calls them a conflict when the campaign moved on since the export", () => {
    const lines = SNAPSHOT.lines.map((line) => fromFile(line));
    const changed = diffImport(SNAPSHOT, parsed(lines, { id: "c1", version: 3, budgetFen: 1_200_000, name: "Spring" }));
    expect(changed.campaignChanges).toEqual([{ field: "budgetFen", from: 1_000_000, to: 1_200_000 }]);
    expect(changed.conflicts).toEqual([]);
    const stale = diffImport(SNAPSHOT, parsed(lines, { id: "c1", version: 2, budgetFen: 1_200_000 }));
    expect(stale.campaignChanges).toEqual([]);
    expect(stale.conflicts).toEqual([{ kind: "campaign-changed-since-export", fileVersion: 2, currentVersion: 3, changes: [{ field: "budgetFen", from: 1_000_000, to: 1_200_000 }] }]);
    // A stale version with nothing changed is no conflict.
    expect(diffImport(SNAPSHOT, parsed(lines, { id: "c1", version: 2 })).conflicts).toEqual([]);
  });

  it("treats a file from another campaign as new lines only", () => {
    const lines = SNAPSHOT.lines.map((line) => fromFile(line));
    const diff = diffImport(SNAPSHOT, parsed(lines, { id: "other", version: 9, name: "Copied" }));
    expect(diff.isFromOtherCampaign).toBe(true);
    expect(diff.added.map((line) => [line.id, line.version])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    // Another plan's file never removes this plan's lines nor renames this campaign (issue 12).
    expect(diff.removed).toEqual([]);
    expect(diff.campaignChanges).toEqual([]);
    expect(diff.origin).toEqual({ kind: "other-campaign", campaignName: "Copied", clientName: null });
  });

  it("knows a file from another client by the client it names, and never offers the client's name as a change", () => {
    const lines = SNAPSHOT.lines.map((line) => fromFile(line, { id: null, version: null }));
    const other = diffImport(SNAPSHOT, parsed(lines, { name: "Lotus Tea spring", clientName: "Lotus Tea", budgetFen: 9_000_000 }));
    expect(other.origin).toEqual({ kind: "other-client", campaignName: "Lotus Tea spring", clientName: "Lotus Tea" });
    expect(other.isFromOtherCampaign).toBe(true);
    expect(other.removed).toEqual([]);
    expect(other.campaignChanges).toEqual([]);
    // This campaign's own file names it: a renamed client account is no other client.
    const own = diffImport(SNAPSHOT, parsed(SNAPSHOT.lines.map((line) => fromFile(line)), { id: "c1", version: 3, clientName: "Brand (renamed)", status: "approved" }));
    expect(own.origin).toEqual({ kind: "this-campaign" });
    expect(own.campaignChanges).toEqual([]);
    // The same client written differently is the same client.
    expect(diffImport(SNAPSHOT, parsed(lines, { clientName: " BRAND " })).origin).toEqual({ kind: "unknown" });
  });

  it("knows a CSV of another plan by its line ids, none of which is a line of this plan", () => {
    const foreign = SNAPSHOT.lines.map((line) => fromFile(line, { id: `x-${line.id}` }));
    const diff = diffImport(SNAPSHOT, parsed(foreign, {}));
    expect(diff.origin.kind).toBe("other-campaign");
    expect(diff.added).toHaveLength(3);
    expect(diff.conflicts).toEqual([]);
    expect(diff.removed).toEqual([]);
    // One line of this plan is enough: the others were deleted since the export.
    const mixed = diffImport(SNAPSHOT, parsed([fromFile(SNAPSHOT.lines[0]!), ...foreign.slice(1)], {}));
    expect(mixed.origin.kind).toBe("this-campaign");
    expect(mixed.conflicts.map((c) => c.kind)).toEqual(["line-removed-since-export", "line-removed-since-export"]);
    // A hand-typed CSV says nothing: its lines are added, this plan's are listed as missing (removed only if asked).
    expect(diffImport(SNAPSHOT, parsed(SNAPSHOT.lines.map((line) => fromFile(line, { id: null, version: null })), {})).origin.kind).toBe("unknown");
  });

  it("adds every line of a file used to start a new campaign", () => {
    const diff = diffImport({ ...SNAPSHOT, lines: [] }, parsed(SNAPSHOT.lines.map((line) => fromFile(line)), {}), { asNewCampaign: true });
    expect(diff.added.map((line) => line.id)).toEqual([null, null, null]);
    expect(diff.conflicts).toEqual([]);
  });

  it("keeps lines whose row could not be read instead of removing them", () => {
    const [a, b] = SNAPSHOT.lines as [PlanLine, PlanLine];
    const diff = diffImport(SNAPSHOT, { campaign: {}, lines: [fromFile(a), fromFile(b)], invalidRows: [{ row: 5, lineId: "c" }] });
    expect(diff.removed).toEqual([]);
    expect(diff.unresolvedLineIds).toEqual(["c"]);
  });
});
