import { countCharacters, excerpt } from "~/domain/text-length";
import { diffImport, type ImportDiff, type ImportedLine, type ParsedPlan } from "~/domain/import-diff";
import type { EcosystemId } from "~/domain/catalog";
import type { ErrorKind } from "~/domain/errors";
import { hasErrors, validateLineDraft } from "~/domain/line-rules";
import { lineFieldsOf } from "~/domain/plan";
import type { Locale } from "~/i18n/config";
import { recordActivity } from "~/models/activity.server";
import { insertCampaign, lockCampaign, touchCampaign, updateCampaignIfVersion } from "~/models/campaign.server";
import { claimImportJob, findImportJob, insertImportJob, setImportResult } from "~/models/import-job.server";
import { compactPositions, deleteLineIfVersion, findLine, insertLines, listLines, nextPosition, updateLineIfVersion, type LineFields } from "~/models/line-item.server";
import { inScope, type Access, type ClientAccess } from "~/tenancy/access.server";
import { findOrganizationPlacement, loadOrganizationCatalog } from "./catalog.server";
import { parseImportFile, type ImportParseResult } from "./import/index.server";
import { describeImportPreview, type ImportPreviewView } from "./import/preview-view.server";
import { assertPlanEditable, loadPlan } from "./planner.server";

export type ImportPreview = {
  jobId: string;
  fileName: string;
  format: string;
  diff: ImportDiff;
  problems: Extract<ImportParseResult, { ok: true }>["problems"];
  hasErrors: boolean;
  /** The same, in the planner's words, for the page. */
  view: ImportPreviewView;
};

/** Checks and parses the file (off the request thread), diffs it against the plan and keeps it for applying. */
export async function previewImport(
  access: ClientAccess,
  campaignId: string,
  file: { bytes: Uint8Array; filename: string; contentType: string },
  locale: Locale,
): Promise<{ ok: true; preview: ImportPreview } | { ok: false; kind: ErrorKind; problem: { messageKey: string; params: Record<string, string | number> } } | null> {
  const plan = await inScope(access, (scope) => loadPlan(scope, access, campaignId));
  if (!plan) return null;
  const parsed = await parseImportFile(file, { catalog: plan.catalog, locale });
  if (!parsed.ok) return { ok: false, kind: parsed.kind, problem: parsed.problem };
  const parsedPlan: ParsedPlan = { campaign: parsed.campaign, lines: parsed.lines, invalidRows: parsed.invalidRows };
  const diff = diffImport(plan.snapshot, parsedPlan);
  const job = await inScope(access, (scope) =>
    insertImportJob(scope, { campaignId, fileName: file.filename.slice(0, 200), format: parsed.format, planVersion: plan.campaign.planVersion, parsed: parsedPlan, hasErrors: parsed.hasErrors }),
  );
  const view = describeImportPreview(
    { jobId: job.id, fileName: job.fileName, hasErrors: parsed.hasErrors, diff, problems: parsed.problems, fileCampaign: parsed.campaign },
    plan.snapshot,
    plan.catalog,
    locale,
  );
  return { ok: true, preview: { jobId: job.id, fileName: job.fileName, format: parsed.format, diff, problems: parsed.problems, hasErrors: parsed.hasErrors, view } };
}

export type ApplyResult =
  | { ok: true; added: number; changed: number; removed: number }
  | { ok: false; reason: "not-found" | "already-applied" | "stale" | "has-errors" | "invalid" | "needs-confirmation"; kind: ErrorKind; row?: number; errors?: Record<string, string[]> };

/** What the person chose in the preview; each is off unless they ticked it (issue 12). */
export type ApplyOptions = {
  /** Remove the plan's lines the file does not list. */
  removeMissing?: boolean;
  /** Also take the campaign's name, dates, budget, currency and notes from the file. */
  applyCampaign?: boolean;
  /** The file is another campaign's or another client's, and its lines are to be added anyway. */
  confirmOtherSource?: boolean;
};

function toFields(line: ImportedLine, ecosystemId: EcosystemId): LineFields {
  return lineFieldsOf(line, { name: line.name, ecosystemId, measurement: line.measurement });
}

class Rollback extends Error {
  constructor(readonly result: ApplyResult) {
    super("import rolled back");
  }
}

/**
 * Applies a previewed file in one transaction: every line is validated like a typed one, and one
 * bad line rolls everything back. The job is claimed first, so submitting twice applies once.
 */
export async function applyImport(access: ClientAccess, campaignId: string, jobId: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  try {
    return await inScope(access, async (scope) => {
      const campaign = await lockCampaign(scope, access.client.id, campaignId);
      const job = campaign ? await findImportJob(scope, campaignId, jobId) : undefined;
      if (!campaign || !job) return { ok: false, reason: "not-found", kind: "not-found" };
      if (job.appliedAt) return { ok: false, reason: "already-applied", kind: "conflict" };
      if (job.hasErrors) return { ok: false, reason: "has-errors", kind: "invalid" };
      assertPlanEditable(campaign);
      if (campaign.planVersion !== job.planVersion) return { ok: false, reason: "stale", kind: "conflict" };
      const parsed = job.parsed as ParsedPlan;
      const plan = await loadPlan(scope, access, campaignId);
      if (!plan) return { ok: false, reason: "not-found", kind: "not-found" };
      const diff = diffImport(plan.snapshot, parsed, { removeMissing: options.removeMissing === true });
      // Another plan's file is applied only after the person confirmed the loud warning.
      if (diff.isFromOtherCampaign && options.confirmOtherSource !== true) return { ok: false, reason: "needs-confirmation", kind: "conflict" };
      if (!(await claimImportJob(scope, campaignId, jobId))) return { ok: false, reason: "already-applied", kind: "conflict" };
      const catalog = await loadOrganizationCatalog(scope);
      const validate = (line: ImportedLine) => {
        const placement = findOrganizationPlacement(catalog, line.placementId);
        const errors = validateLineDraft(line, { campaign, placement });
        if (hasErrors(errors) || !placement) throw new Rollback({ ok: false, reason: "invalid", kind: "invalid", row: line.sourceRow, errors: errors as Record<string, string[]> });
        return placement;
      };

      // Campaign fields first (the lines are validated against the campaign's dates).
      const editable = new Set(["name", "objective", "startDate", "endDate", "budgetFen", "reportingCurrency", "fxRate", "notes"]);
      const campaignChanges = options.applyCampaign === true ? diff.campaignChanges.filter((c) => editable.has(c.field)) : [];
      if (campaignChanges.length > 0) {
        const changes = Object.fromEntries(campaignChanges.map((c) => [c.field, c.to]));
        const saved = await updateCampaignIfVersion(scope, access.client.id, campaignId, campaign.version, changes);
        if (!saved) throw new Rollback({ ok: false, reason: "stale", kind: "conflict" });
        Object.assign(campaign, saved);
      }
      const byId = new Map(parsed.lines.filter((l) => l.id).map((l) => [l.id!, l]));
      let changed = 0;
      for (const change of diff.changed) {
        const line = byId.get(change.lineId);
        const current = await findLine(scope, campaignId, change.lineId);
        if (!line || !current) throw new Rollback({ ok: false, reason: "stale", kind: "conflict" });
        const placement = validate(line);
        // A line changed by someone since the export was shown as a conflict; applying is the person's choice.
        const saved = await updateLineIfVersion(scope, campaignId, change.lineId, current.version, toFields(line, placement.ecosystemId));
        if (!saved) throw new Rollback({ ok: false, reason: "stale", kind: "conflict" });
        changed++;
      }
      let position = await nextPosition(scope, campaignId);
      const added = diff.added.map((line) => ({ ...toFields(line, validate(line).ecosystemId), position: position++ }));
      const inserted = await insertLines(scope, campaignId, added);
      let removed = 0;
      const currentVersions = new Map((await listLines(scope, campaignId)).map((l) => [l.id, l.version]));
      for (const line of diff.removed) {
        const version = currentVersions.get(line.id);
        if (version !== undefined && (await deleteLineIfVersion(scope, campaignId, line.id, version))) removed++;
      }
      if (removed > 0) await compactPositions(scope, campaignId);
      await touchCampaign(scope, access.client.id, campaignId);
      const result = { added: inserted.length, changed, removed };
      await setImportResult(scope, jobId, result);
      await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "campaign", subjectId: campaignId, action: "imported", changes: { file: job.fileName, ...result } });
      return { ok: true, ...result };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

/** As the campaign form allows (campaignSchema's name). */
const CAMPAIGN_NAME_MAX_CHARACTERS = 160;

export type NewCampaignFromFileResult =
  | { ok: true; campaignId: string; lines: number }
  | { ok: false; kind: ErrorKind; problem?: { messageKey: string; params: Record<string, string | number> }; problems?: Extract<ImportParseResult, { ok: true }>["problems"]; row?: number; errors?: Record<string, string[]> };

/**
 * "New campaign from file": the file's campaign facts (or, for a CSV, the span and sum of its lines)
 * and all its lines become a new draft, in one transaction; any problem that must be fixed creates nothing.
 */
export async function createCampaignFromFile(access: ClientAccess, file: { bytes: Uint8Array; filename: string; contentType: string }, locale: Locale): Promise<NewCampaignFromFileResult> {
  const catalog = await inScope(access, (scope) => loadOrganizationCatalog(scope));
  const parsed = await parseImportFile(file, { catalog, locale });
  if (!parsed.ok) return { ok: false, kind: parsed.kind, problem: parsed.problem };
  if (parsed.hasErrors) return { ok: false, kind: "invalid", problems: parsed.problems };
  if (parsed.lines.length === 0) return { ok: false, kind: "invalid", problem: { messageKey: "import.noDataRows", params: {} } };
  const lines = parsed.lines;
  const fromFile = parsed.campaign;
  const startDate = fromFile.startDate ?? lines.map((l) => l.startDate).sort()[0]!;
  const endDate = fromFile.endDate ?? lines.map((l) => l.endDate).sort().at(-1)!;
  const budgetFen = fromFile.budgetFen ?? lines.reduce((sum, l) => sum + l.budgetFen, 0);
  // A campaign name the file gives is never cut (issue 12): over the form's limit, the file is refused with both numbers.
  const typedName = fromFile.name?.trim();
  if (typedName && countCharacters(typedName) > CAMPAIGN_NAME_MAX_CHARACTERS) {
    const params = { max: CAMPAIGN_NAME_MAX_CHARACTERS, length: countCharacters(typedName) };
    return { ok: false, kind: "invalid", problems: [{ row: null, column: "campaign.name", code: "textTooLong", messageKey: "import.textTooLong", params, severity: "error" }] };
  }
  // Without one, the file's name stands in, shortened visibly ("…") if it must be.
  const name = typedName || excerpt(file.filename.replace(/\.[a-z]+$/i, "").trim(), CAMPAIGN_NAME_MAX_CHARACTERS) || "Imported plan";
  try {
    return await inScope(access, async (scope) => {
      const campaign = await insertCampaign(scope, access.client.id, {
        name,
        objective: fromFile.objective ?? "consideration",
        startDate,
        endDate,
        budgetFen,
        reportingCurrency: fromFile.reportingCurrency ?? "CNY",
        fxRate: fromFile.fxRate ?? 1,
        notes: fromFile.notes ?? "",
      });
      const rows = lines.map((line, position) => {
        const placement = findOrganizationPlacement(catalog, line.placementId);
        const errors = validateLineDraft(line, { campaign, placement });
        if (hasErrors(errors) || !placement) throw new Rollback({ ok: false, reason: "invalid", kind: "invalid", row: line.sourceRow, errors: errors as Record<string, string[]> });
        return { ...toFields(line, placement.ecosystemId), position };
      });
      await insertLines(scope, campaign.id, rows);
      await recordActivity(scope, { clientAccountId: access.client.id, campaignId: campaign.id, subjectType: "campaign", subjectId: campaign.id, action: "created_from_file", changes: { file: file.filename, lines: rows.length } });
      return { ok: true as const, campaignId: campaign.id, lines: rows.length };
    });
  } catch (error) {
    if (error instanceof Rollback) {
      const result = error.result as Extract<ApplyResult, { ok: false }>;
      return { ok: false, kind: result.kind, row: result.row, errors: result.errors };
    }
    throw error;
  }
}
