// What an import would do to a plan (issue 7, "Preview"): lines added, changed field by field,
// removed, campaign fields changed, and conflicts — a line whose version in the file is not its
// current version was changed by someone since the export, so it is a conflict, never an overwrite.
// Pure: the parsed file and the current snapshot in, a plain description out.
import { CAMPAIGN_CONTENT_FIELDS, LINE_CONTENT_FIELDS, MEASUREMENT_FIELDS, type CampaignPlan, type PlanLine, type PlanSnapshot } from "./plan";

/** A line as read from a file: PlanLine fields; id and version only when the row came from a Qiao export. */
export type ImportedLine = Omit<PlanLine, "id" | "version"> & {
  id: string | null;
  version: number | null;
  /** Where it came from: spreadsheet row (1-based, as the spreadsheet shows it), CSV line or ODS line-item number. */
  sourceRow: number;
};

export type ImportProblemSeverity = "error" | "warning";

/** A problem with one cell, one row, one column or the whole file; messageKey is an i18n key ("import.…"). */
export type ImportProblem = {
  /** Null when the problem is not about one row (a column, the campaign, the file). */
  row: number | null;
  /** The stable column key (or ODS field), null when not about one column. */
  column: string | null;
  code: string;
  messageKey: string;
  params: Record<string, string | number>;
  /** Errors block applying the import; warnings are shown and can be accepted. */
  severity: ImportProblemSeverity;
};

/** The part of a parse result the diff needs. */
export type ParsedPlan = {
  campaign: Partial<CampaignPlan>;
  lines: readonly ImportedLine[];
  /** Rows that could not be read into a line (their problems say why), with the line id when the row had one. */
  invalidRows?: readonly { row: number; lineId: string | null }[];
};

export type FieldChange = { field: string; from: unknown; to: unknown };

export type LineChange = { lineId: string; name: string; sourceRow: number; changes: FieldChange[] };

export type ImportConflict =
  | {
      kind: "line-changed-since-export";
      lineId: string;
      name: string;
      sourceRow: number;
      fileVersion: number;
      currentVersion: number;
      /** What the file would change, compared with the line as it is now. */
      changes: FieldChange[];
    }
  | { kind: "line-removed-since-export"; lineId: string; name: string; sourceRow: number; fileVersion: number }
  | { kind: "campaign-changed-since-export"; fileVersion: number; currentVersion: number; changes: FieldChange[] };

/**
 * Where the file comes from, compared with the plan it is imported into (issue 12: another
 * campaign's workbook offered to rename this campaign, change its client, budget and currency and
 * remove every line). A file from elsewhere only ever adds lines, after an extra confirmation.
 */
export type ImportOrigin =
  /** The file names this campaign, or its lines are this plan's lines. */
  | { kind: "this-campaign" }
  /** Nothing in the file says (a CSV typed by hand, another tool's sheet without ids). */
  | { kind: "unknown" }
  /** Another campaign: its campaign id, or line ids none of which is a line of this plan. */
  | { kind: "other-campaign"; campaignName: string | null; clientName: string | null }
  /** Another client's plan: the file names a different client. */
  | { kind: "other-client"; campaignName: string | null; clientName: string };

export type ImportDiff = {
  origin: ImportOrigin;
  added: ImportedLine[];
  changed: LineChange[];
  removed: PlanLine[];
  /** Lines present in both and identical. */
  unchangedCount: number;
  campaignChanges: FieldChange[];
  conflicts: ImportConflict[];
  /** The file came from another campaign or client: its line ids do not count, every line is added, nothing is removed or renamed. */
  isFromOtherCampaign: boolean;
  /** Current lines left alone because their row in the file could not be read. */
  unresolvedLineIds: string[];
  /** True when applying would change nothing (no additions, changes, removals or conflicts). */
  isEmpty: boolean;
};

export type DiffOptions = {
  /** Remove current lines the file does not list (default true: the file is the plan). */
  removeMissing?: boolean;
  /** "New campaign from file": every line is new, whatever ids the file carries (a CSV does not say which campaign it came from). */
  asNewCampaign?: boolean;
};

/**
 * Campaign fields a file may change when the person asks. The client is the client account's, not
 * the campaign's; the status moves through the workflow; id, currency and version are identity.
 */
const CAMPAIGN_FIELDS = CAMPAIGN_CONTENT_FIELDS.filter((field) => field !== "clientName");

/** Same client name, whatever the spacing, case or width of the characters. */
function sameName(a: string, b: string): boolean {
  const norm = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return norm(a) === norm(b);
}

/** Where the file comes from (see ImportOrigin). */
export function importOrigin(current: PlanSnapshot, parsed: ParsedPlan): ImportOrigin {
  const file = parsed.campaign;
  if (file.id !== undefined && file.id === current.campaign.id) return { kind: "this-campaign" };
  const campaignName = file.name ?? null;
  if (file.clientName !== undefined && file.clientName.trim() !== "" && !sameName(file.clientName, current.campaign.clientName)) {
    return { kind: "other-client", campaignName, clientName: file.clientName };
  }
  if (file.id !== undefined) return { kind: "other-campaign", campaignName, clientName: file.clientName ?? null };
  const fileIds = [...parsed.lines.map((line) => line.id), ...(parsed.invalidRows ?? []).map((row) => row.lineId)].filter((id): id is string => id !== null);
  if (fileIds.length === 0) return { kind: "unknown" };
  const currentIds = new Set(current.lines.map((line) => line.id));
  return fileIds.some((id) => currentIds.has(id)) ? { kind: "this-campaign" } : { kind: "other-campaign", campaignName, clientName: file.clientName ?? null };
}

/** A file also says where each line stands. */
const LINE_FIELDS = ["position", ...LINE_CONTENT_FIELDS] as const;

/** Custom amounts only matter in custom mode, and a week at 0 is the same as a week left out. */
function effectiveCustomFlighting(line: Pick<PlanLine, "flightingMode" | "customFlightingFen">): Record<string, number> | null {
  if (line.flightingMode !== "custom" || !line.customFlightingFen) return null;
  const entries = Object.entries(line.customFlightingFen)
    .filter(([, fen]) => fen !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Field-by-field changes from a current line to a line read from a file. */
export function diffLineFields(current: PlanLine, next: ImportedLine): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of LINE_FIELDS) {
    if (!sameValue(current[field], next[field])) changes.push({ field, from: current[field], to: next[field] });
  }
  const from = effectiveCustomFlighting(current);
  const to = effectiveCustomFlighting(next);
  if (!sameValue(from, to)) changes.push({ field: "customFlightingFen", from, to });
  for (const field of MEASUREMENT_FIELDS) {
    if (!sameValue(current.measurement[field], next.measurement[field])) {
      changes.push({ field: `measurement.${field}`, from: current.measurement[field], to: next.measurement[field] });
    }
  }
  return changes;
}

function diffCampaign(current: CampaignPlan, next: Partial<CampaignPlan>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of CAMPAIGN_FIELDS) {
    if (!(field in next) || next[field] === undefined) continue;
    if (!sameValue(current[field], next[field])) changes.push({ field, from: current[field], to: next[field] });
  }
  return changes;
}

/** Compares a parsed file with the plan as it is now. */
export function diffImport(current: PlanSnapshot, parsed: ParsedPlan, options: DiffOptions = {}): ImportDiff {
  const origin = importOrigin(current, parsed);
  const isFromOtherCampaign = options.asNewCampaign === true || origin.kind === "other-campaign" || origin.kind === "other-client";
  // Another plan's file never removes this plan's lines.
  const removeMissing = (options.removeMissing ?? true) && !isFromOtherCampaign;
  const currentById = new Map(current.lines.map((line) => [line.id, line]));
  const seen = new Set<string>();
  const added: ImportedLine[] = [];
  const changed: LineChange[] = [];
  const conflicts: ImportConflict[] = [];
  let unchangedCount = 0;

  for (const imported of parsed.lines) {
    const id = isFromOtherCampaign ? null : imported.id;
    if (id === null) {
      added.push(isFromOtherCampaign ? { ...imported, id: null, version: null } : imported);
      continue;
    }
    const existing = currentById.get(id);
    if (!existing) {
      // A line exported with a version that no longer exists was deleted since; without a version it is new.
      if (imported.version !== null) {
        conflicts.push({ kind: "line-removed-since-export", lineId: id, name: imported.name, sourceRow: imported.sourceRow, fileVersion: imported.version });
      } else added.push(imported);
      continue;
    }
    seen.add(id);
    const changes = diffLineFields(existing, imported);
    if (imported.version !== null && imported.version !== existing.version) {
      conflicts.push({
        kind: "line-changed-since-export",
        lineId: id,
        name: imported.name,
        sourceRow: imported.sourceRow,
        fileVersion: imported.version,
        currentVersion: existing.version,
        changes,
      });
    } else if (changes.length > 0) {
      changed.push({ lineId: id, name: imported.name, sourceRow: imported.sourceRow, changes });
    } else unchangedCount += 1;
  }

  const unresolvedLineIds: string[] = [];
  for (const row of parsed.invalidRows ?? []) {
    if (!isFromOtherCampaign && row.lineId !== null && currentById.has(row.lineId) && !seen.has(row.lineId)) {
      seen.add(row.lineId);
      unresolvedLineIds.push(row.lineId);
    }
  }
  const removed = removeMissing ? current.lines.filter((line) => !seen.has(line.id)) : [];

  // Another plan's name, dates and budget are not this campaign's: a file from elsewhere changes none of them.
  const campaignChanges = isFromOtherCampaign ? [] : diffCampaign(current.campaign, parsed.campaign);
  const fileVersion = parsed.campaign.version;
  if (!isFromOtherCampaign && fileVersion !== undefined && fileVersion !== current.campaign.version && campaignChanges.length > 0) {
    conflicts.push({ kind: "campaign-changed-since-export", fileVersion, currentVersion: current.campaign.version, changes: campaignChanges });
  }
  const hasCampaignConflict = conflicts.some((c) => c.kind === "campaign-changed-since-export");

  return {
    origin,
    added,
    changed,
    removed,
    unchangedCount,
    campaignChanges: hasCampaignConflict ? [] : campaignChanges,
    conflicts,
    isFromOtherCampaign,
    unresolvedLineIds,
    isEmpty: added.length === 0 && changed.length === 0 && removed.length === 0 && conflicts.length === 0 && (hasCampaignConflict || campaignChanges.length === 0),
  };
}
