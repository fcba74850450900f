// The diff of two versions of a plan (issue 8, "Versions"): campaign fields old → new, lines
// added, removed and changed field by field, lines moved, and budget deltas by ecosystem and by
// effective data level, exact in fen. Pure: two frozen snapshots and the catalog in, a description out.
//
// Choices:
// - Lines are matched by id, never by position.
// - Position is not a field change: inserting one line at the top would otherwise "change" every
//   line below it. A reorder is reported in `moved`: the fewest lines whose relative order changed
//   (those outside the longest run of lines that kept their order).
// - Workflow metadata (status, version) and identity (id, currency) are not plan content and are left out.
// - Data levels come from derivePlan with one catalog for both sides, so the delta by level shows
//   what the plan changed, not what the catalog changed since (catalogVersion says when it did).
import { ECOSYSTEMS, type Locale } from "./catalog";
import { DATA_LEVELS, type DataLevel } from "./data-level";
import { CAMPAIGN_CONTENT_FIELDS, LINE_CONTENT_FIELDS, MEASUREMENT_FIELDS, type CampaignPlan, type PlanLine, type PlanSnapshot } from "./plan";
import { derivePlan, sortLines, type PlanCatalog } from "./plan-derive";

export type FieldDiff = { field: string; before: unknown; after: unknown };

export type LineDiff = { lineId: string; name: string; fields: FieldDiff[] };

/** A line whose place among the other lines changed; indexes are 0-based in plan order. */
export type LineMove = { lineId: string; name: string; beforeIndex: number; afterIndex: number };

export type EcosystemBudgetDelta = { ecosystemId: string; beforeFen: number; afterFen: number; deltaFen: number };
export type DataLevelBudgetDelta = { level: DataLevel; beforeFen: number; afterFen: number; deltaFen: number };

export type PlanDiff = {
  campaign: FieldDiff[];
  lines: { added: PlanLine[]; removed: PlanLine[]; changed: LineDiff[]; moved: LineMove[] };
  budgetDelta: {
    /** Allocated budget (sum of the lines) after minus before. */
    totalFen: number;
    beforeFen: number;
    afterFen: number;
    /** Only ecosystems whose budget changed; catalog order, unknown ids last. */
    byEcosystem: EcosystemBudgetDelta[];
    /** Only levels whose budget changed; most open first, like the plan summary. */
    byDataLevel: DataLevelBudgetDelta[];
  };
  /** Set when the two versions were made against different catalog versions. */
  catalogVersion: { before: string; after: string } | null;
  /** Nothing differs: no field, line, move or budget change. */
  isEmpty: boolean;
};

export type DiffPlansOptions = {
  /** Locale for derivePlan; the diff itself holds no text, so it only matters to derived sentences. Default "en". */
  locale?: Locale;
};

const CAMPAIGN_FIELDS = CAMPAIGN_CONTENT_FIELDS;
const LINE_FIELDS = LINE_CONTENT_FIELDS;

function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && isSameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Custom amounts only matter in custom mode, and a week at 0 is the same as a week left out. */
function effectiveCustomFlighting(line: PlanLine): Record<string, number> | null {
  if (line.flightingMode !== "custom" || !line.customFlightingFen) return null;
  const weeks = Object.entries(line.customFlightingFen)
    .filter(([, fen]) => fen !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(weeks);
}

/** Field-by-field changes of one line; measurement fields as "measurement.<field>". */
export function diffLine(before: PlanLine, after: PlanLine): FieldDiff[] {
  const fields: FieldDiff[] = [];
  for (const field of LINE_FIELDS) {
    if (!isSameValue(before[field], after[field])) fields.push({ field, before: before[field], after: after[field] });
  }
  const flightingBefore = effectiveCustomFlighting(before);
  const flightingAfter = effectiveCustomFlighting(after);
  if (!isSameValue(flightingBefore, flightingAfter)) fields.push({ field: "customFlightingFen", before: flightingBefore, after: flightingAfter });
  for (const field of MEASUREMENT_FIELDS) {
    if (!isSameValue(before.measurement[field], after.measurement[field])) {
      fields.push({ field: `measurement.${field}`, before: before.measurement[field], after: after.measurement[field] });
    }
  }
  return fields;
}

function diffCampaign(before: CampaignPlan, after: CampaignPlan): FieldDiff[] {
  return CAMPAIGN_FIELDS.filter((field) => !isSameValue(before[field], after[field])).map((field) => ({ field, before: before[field], after: after[field] }));
}

/** Indexes (into `sequence`) of one longest strictly increasing subsequence, O(n log n). */
function longestIncreasingRun(sequence: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(sequence.length).fill(-1);
  for (let i = 0; i < sequence.length; i += 1) {
    const value = sequence[i]!;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sequence[tails[mid]!]! < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i !== -1; i = previous[i]!) kept.add(i);
  return kept;
}

/** Lines in both versions whose relative order changed, as few as explain the new order. */
function findMoves(before: readonly PlanLine[], after: readonly PlanLine[]): LineMove[] {
  const afterIds = new Set(after.map((line) => line.id));
  const beforeIds = new Set(before.map((line) => line.id));
  const commonBefore = sortLines(before).filter((line) => afterIds.has(line.id));
  const commonAfter = sortLines(after).filter((line) => beforeIds.has(line.id));
  const beforeIndexById = new Map(commonBefore.map((line, index) => [line.id, index]));
  const sequence = commonAfter.map((line) => beforeIndexById.get(line.id)!);
  const kept = longestIncreasingRun(sequence);
  const moves: LineMove[] = [];
  commonAfter.forEach((line, afterIndex) => {
    if (!kept.has(afterIndex)) moves.push({ lineId: line.id, name: line.name, beforeIndex: sequence[afterIndex]!, afterIndex });
  });
  return moves;
}

type Budgets = { byEcosystem: Map<string, number>; byLevel: Map<DataLevel, number>; totalFen: number };

/** Budget per ecosystem and per effective level, as the plan summary counts it (derivePlan). */
function budgetsOf(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale): Budgets {
  const { summary } = derivePlan(snapshot, catalog, locale);
  return {
    byEcosystem: new Map(summary.byEcosystem.map((slice) => [slice.key, slice.budgetFen])),
    byLevel: new Map(summary.byDataLevel.map((slice) => [slice.key, slice.budgetFen])),
    totalFen: summary.allocatedFen,
  };
}

const ECOSYSTEM_ORDER = new Map<string, number>(ECOSYSTEMS.map((ecosystem, index) => [ecosystem.id, index]));

function compareEcosystems(a: string, b: string): number {
  const rankA = ECOSYSTEM_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER;
  const rankB = ECOSYSTEM_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER;
  return rankA - rankB || (a < b ? -1 : a > b ? 1 : 0);
}

/** Compares two versions of one plan; `before` is usually the older one. */
export function diffPlans(before: PlanSnapshot, after: PlanSnapshot, catalog: PlanCatalog, options: DiffPlansOptions = {}): PlanDiff {
  const locale = options.locale ?? "en";
  const beforeById = new Map(before.lines.map((line) => [line.id, line]));
  const afterById = new Map(after.lines.map((line) => [line.id, line]));

  const added = sortLines(after.lines.filter((line) => !beforeById.has(line.id)));
  const removed = sortLines(before.lines.filter((line) => !afterById.has(line.id)));
  const changed: LineDiff[] = [];
  for (const line of sortLines(after.lines)) {
    const previous = beforeById.get(line.id);
    if (!previous) continue;
    const fields = diffLine(previous, line);
    if (fields.length > 0) changed.push({ lineId: line.id, name: line.name, fields });
  }
  const moved = findMoves(before.lines, after.lines);

  const budgetsBefore = budgetsOf(before, catalog, locale);
  const budgetsAfter = budgetsOf(after, catalog, locale);
  const ecosystemIds = [...new Set([...budgetsBefore.byEcosystem.keys(), ...budgetsAfter.byEcosystem.keys()])].sort(compareEcosystems);
  const byEcosystem = ecosystemIds
    .map((ecosystemId) => {
      const beforeFen = budgetsBefore.byEcosystem.get(ecosystemId) ?? 0;
      const afterFen = budgetsAfter.byEcosystem.get(ecosystemId) ?? 0;
      return { ecosystemId, beforeFen, afterFen, deltaFen: afterFen - beforeFen };
    })
    .filter((delta) => delta.deltaFen !== 0);
  const byDataLevel = [...DATA_LEVELS]
    .reverse()
    .map((level) => {
      const beforeFen = budgetsBefore.byLevel.get(level) ?? 0;
      const afterFen = budgetsAfter.byLevel.get(level) ?? 0;
      return { level, beforeFen, afterFen, deltaFen: afterFen - beforeFen };
    })
    .filter((delta) => delta.deltaFen !== 0);

  const campaign = diffCampaign(before.campaign, after.campaign);
  const catalogVersion = before.catalogVersion === after.catalogVersion ? null : { before: before.catalogVersion, after: after.catalogVersion };
  const totalFen = budgetsAfter.totalFen - budgetsBefore.totalFen;
  return {
    campaign,
    lines: { added, removed, changed, moved },
    budgetDelta: { totalFen, beforeFen: budgetsBefore.totalFen, afterFen: budgetsAfter.totalFen, byEcosystem, byDataLevel },
    catalogVersion,
    isEmpty:
      campaign.length === 0 &&
      added.length === 0 &&
      removed.length === 0 &&
      changed.length === 0 &&
      moved.length === 0 &&
      catalogVersion === null &&
      byEcosystem.length === 0 &&
      byDataLevel.length === 0,
  };
}
