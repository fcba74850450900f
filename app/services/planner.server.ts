import type { CampaignRow, CommentRow, LineItemRow } from "@db/schema";
import { AppError } from "~/domain/errors";
import { canEditPlan } from "~/domain/workflow";
import { CATALOG_VERSION, getEcosystem } from "~/domain/catalog";
import { addDays, addWeeks } from "~/domain/dates";
import { dateNamingValues, DEFAULT_LINE_NAME_TEMPLATE, renderLineName } from "~/domain/naming";
import { hasErrors, lineChecksKey, newLineChecks, validateLineDraft, type LineCheck, type LineDraft, type LineFieldErrors } from "~/domain/line-rules";
import { UNIT_COST_KEY } from "~/domain/estimates";
import {
  CAMPAIGN_STATUSES,
  DEFAULT_MEASUREMENT,
  lineFieldsOf,
  lineInputOf,
  planLineOf,
  storedLineFields,
  type CampaignPlan,
  type LineInput,
  type LineMeasurement,
  type Objective,
  type PlanLine,
  type PlanSnapshot,
  type ReportingCurrency,
} from "~/domain/plan";
import { findLatestActivity, recordActivity } from "~/models/activity.server";
import {
  findCampaign,
  findCampaignWithLines,
  insertCampaign,
  listCampaigns,
  lockCampaign,
  touchCampaign,
  updateCampaignIfVersion,
  type CampaignFields,
} from "~/models/campaign.server";
import { compactPositions, deleteLineIfVersion, findLine, insertLines, listLines, nextPosition, setPositions, shiftPositionsFrom, updateLineIfVersion, type LineFields } from "~/models/line-item.server";
import { inScope, type Access, type ClientAccess } from "~/tenancy/access.server";
import type { Scope } from "~/models/scope.server";
import { findOrganizationPlacement, loadOrganizationCatalog, type OrganizationCatalog } from "./catalog.server";

export function toCampaignPlan(row: CampaignRow, clientName: string): CampaignPlan {
  return {
    id: row.id,
    name: row.name,
    clientName,
    objective: row.objective,
    startDate: row.startDate,
    endDate: row.endDate,
    budgetFen: row.budgetFen,
    currency: "CNY",
    reportingCurrency: row.reportingCurrency as ReportingCurrency,
    fxRate: row.fxRate,
    status: row.status,
    notes: row.notes,
    version: row.version,
  };
}

export function toPlanLine(row: LineItemRow): PlanLine {
  return planLineOf(row);
}

/** Approved (and submitted, live, completed, archived) plans are locked: a change needs a revision first. */
export function assertPlanEditable(campaign: Pick<CampaignRow, "status">): void {
  if (!canEditPlan(campaign.status)) throw new AppError("locked", "planner.locked");
}

export type LoadedPlan = { snapshot: PlanSnapshot; catalog: OrganizationCatalog; campaign: CampaignRow };

/** The whole plan in a constant number of queries (campaign, lines, three catalog queries). */
/** The plan (campaign, lines, the organization's catalog) in two statements; with `comments`, its comments come in the first. */
export async function loadPlan(scope: Scope, access: ClientAccess, campaignId: string, options: { comments?: boolean } = {}): Promise<(LoadedPlan & { comments: CommentRow[] }) | null> {
  const [found, catalog] = await Promise.all([findCampaignWithLines(scope, access.client.id, campaignId, options), loadOrganizationCatalog(scope)]);
  if (!found) return null;
  const { campaign, lines, comments } = found;
  return { campaign, catalog, comments, snapshot: { campaign: toCampaignPlan(campaign, access.client.name), lines: lines.map(toPlanLine), catalogVersion: CATALOG_VERSION } };
}

export async function getPlan(access: ClientAccess, campaignId: string): Promise<LoadedPlan | null> {
  return inScope(access, (scope) => loadPlan(scope, access, campaignId));
}

export async function getCampaignList(access: ClientAccess, search?: string, options: { archived?: boolean } = {}) {
  return inScope(access, (scope) => listCampaigns(scope, access.client.id, { search, onlyArchived: options.archived === true }));
}

export type CampaignInput = {
  name: string;
  objective: Objective;
  startDate: string;
  endDate: string;
  budgetFen: number;
  reportingCurrency: ReportingCurrency;
  fxRate: number;
  notes: string;
};

export function validateCampaignInput(input: CampaignInput): Partial<Record<keyof CampaignInput, string[]>> {
  const errors: Partial<Record<keyof CampaignInput, string[]>> = {};
  if (input.endDate < input.startDate) errors.endDate = ["planner.datesInverted"];
  if (input.reportingCurrency === "CNY" && input.fxRate !== 1) errors.fxRate = ["planner.fxCnyIsOne"];
  return errors;
}

export async function createCampaign(access: ClientAccess, input: CampaignInput): Promise<CampaignRow> {
  return inScope(access, async (scope) => {
    const row = await insertCampaign(scope, access.client.id, input);
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId: row.id, subjectType: "campaign", subjectId: row.id, action: "created", changes: { ...input } });
    return row;
  });
}

export type SaveResult<T> = { ok: true; value: T } | { ok: false; kind: "conflict"; current: T | null } | { ok: false; kind: "invalid"; errors: Record<string, string[]> };

/** A line the person should look at again before it is added (see newLineChecks); `key` is what "add anyway" sends back. */
export type AddLineResult = SaveResult<LineItemRow[]> | { ok: false; kind: "checks"; checks: LineCheck[]; key: string };

function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = { from: before[key], to: value };
  }
  return changes;
}

export async function updateCampaign(access: ClientAccess, campaignId: string, expectedVersion: number, input: Partial<CampaignInput>): Promise<SaveResult<CampaignRow>> {
  return inScope(access, async (scope) => {
    const before = await lockCampaign(scope, access.client.id, campaignId);
    if (!before) return { ok: false, kind: "conflict", current: null };
    assertPlanEditable(before);
    const merged = { ...before, ...input } as CampaignInput;
    const errors = validateCampaignInput(merged);
    if (Object.keys(errors).length) return { ok: false, kind: "invalid", errors: errors as Record<string, string[]> };
    const saved = await updateCampaignIfVersion(scope, access.client.id, campaignId, expectedVersion, input as Partial<CampaignFields>);
    if (!saved) return { ok: false, kind: "conflict", current: (await findCampaign(scope, access.client.id, campaignId)) ?? null };
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "campaign", subjectId: campaignId, action: "updated", changes: changedFields(before, input) });
    return { ok: true, value: saved };
  });
}

/** Refuses (409) before anything else when the plan is locked; null when the campaign does not exist. */
export async function ensurePlanEditable(access: ClientAccess, campaignId: string): Promise<boolean> {
  const campaign = await inScope(access, (scope) => findCampaign(scope, access.client.id, campaignId));
  if (!campaign) return false;
  assertPlanEditable(campaign);
  return true;
}

/** The campaign, locked for this transaction, if it exists; a locked plan refuses the change (409). */
async function editableCampaign(scope: Scope, access: ClientAccess, campaignId: string): Promise<CampaignRow | null> {
  const campaign = await lockCampaign(scope, access.client.id, campaignId);
  if (campaign) assertPlanEditable(campaign);
  return campaign ?? null;
}

export async function archiveCampaign(access: ClientAccess, campaignId: string, expectedVersion: number): Promise<SaveResult<CampaignRow>> {
  return inScope(access, async (scope) => {
    const before = await findCampaign(scope, access.client.id, campaignId);
    if (!before) return { ok: false, kind: "conflict", current: null };
    if (before.status === "archived") return { ok: true, value: before };
    const saved = await updateCampaignIfVersion(scope, access.client.id, campaignId, expectedVersion, { status: "archived", archivedAt: new Date() });
    if (!saved) return { ok: false, kind: "conflict", current: (await findCampaign(scope, access.client.id, campaignId)) ?? null };
    // The status it had is kept, so restoring puts it back where it was in the workflow.
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "campaign", subjectId: campaignId, action: "archived", changes: { status: { from: before.status, to: "archived" } } });
    return { ok: true, value: saved };
  });
}

/** Takes a campaign out of the archive with the status it had before (the toast's "Undo" and the archived list's "Restore"). */
export async function restoreCampaign(access: ClientAccess, campaignId: string): Promise<CampaignRow | null> {
  return inScope(access, async (scope) => {
    const campaign = await lockCampaign(scope, access.client.id, campaignId);
    if (!campaign) return null;
    if (campaign.status !== "archived") return campaign;
    const archived = await findLatestActivity(scope, { campaignId, subjectType: "campaign", subjectId: campaignId, action: ["archived", "workflow:archive"] });
    const previous = (archived?.changes?.status as { from?: string } | undefined)?.from;
    const status = previous && previous !== "archived" && (CAMPAIGN_STATUSES as readonly string[]).includes(previous) ? (previous as CampaignRow["status"]) : "draft";
    const saved = await updateCampaignIfVersion(scope, access.client.id, campaignId, campaign.version, { status, archivedAt: null });
    if (!saved) return null;
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "campaign", subjectId: campaignId, action: "restored", changes: { status: { from: "archived", to: status } } });
    return saved;
  });
}

/**
 * A copy of the campaign and all its lines, as a new draft; with `shiftWeeks`, every date (campaign,
 * lines, custom weekly amounts) moves by whole weeks, so next year's plan keeps its weekdays and flighting.
 */
export async function duplicateCampaign(access: ClientAccess, campaignId: string, copyName: string, shiftWeeks = 0): Promise<CampaignRow | null> {
  return inScope(access, async (scope) => {
    const source = await findCampaign(scope, access.client.id, campaignId);
    if (!source) return null;
    const shift = (date: string) => (shiftWeeks === 0 ? date : addDays(date, shiftWeeks * 7));
    const copy = await insertCampaign(scope, access.client.id, {
      name: copyName,
      objective: source.objective,
      startDate: shift(source.startDate),
      endDate: shift(source.endDate),
      budgetFen: source.budgetFen,
      reportingCurrency: source.reportingCurrency,
      fxRate: source.fxRate,
      notes: source.notes,
    });
    const lines = await listLines(scope, campaignId);
    await insertLines(
      scope,
      copy.id,
      lines.map((line) => ({
        ...storedLineFields(line),
        position: line.position,
        startDate: shift(line.startDate),
        endDate: shift(line.endDate),
        customFlightingFen:
          line.customFlightingFen && shiftWeeks !== 0
            ? Object.fromEntries(Object.entries(line.customFlightingFen).map(([week, fen]) => [addWeeks(week, shiftWeeks), fen]))
            : line.customFlightingFen,
      })),
    );
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId: copy.id, subjectType: "campaign", subjectId: copy.id, action: "duplicated", changes: { from: campaignId, ...(shiftWeeks ? { shiftWeeks } : {}) } });
    return copy;
  });
}

function lineName(access: ClientAccess, campaign: CampaignRow, catalog: OrganizationCatalog, input: LineInput): string {
  if (input.name.trim()) return input.name.trim();
  const placement = findOrganizationPlacement(catalog, input.placementId);
  const ecosystem = placement ? getEcosystem(placement.ecosystemId) : undefined;
  return renderLineName(access.client.namingTemplate ?? DEFAULT_LINE_NAME_TEMPLATE, {
    client: access.client.name,
    campaign: campaign.name,
    ecosystem: ecosystem?.shortNameEn ?? "",
    placement: placement?.nameEn ?? input.placementId,
    destination: input.destinationId,
    objective: campaign.objective,
    model: input.buyingModel,
    kpi: input.kpiId ?? "",
    ...dateNamingValues(input.startDate),
  });
}

async function validateAgainstPlan(scope: Scope, access: ClientAccess, campaignId: string, inputs: LineInput[]) {
  const campaign = await lockCampaign(scope, access.client.id, campaignId);
  if (!campaign) return { campaign: null, catalog: null, errors: [] as LineFieldErrors[] };
  assertPlanEditable(campaign);
  const catalog = await loadOrganizationCatalog(scope);
  const errors = inputs.map((input) => validateLineDraft(input, { campaign, placement: findOrganizationPlacement(catalog, input.placementId) }));
  return { campaign, catalog, errors };
}

/**
 * Adds lines in one transaction. With `checks`, one typed line is first held against the plan's
 * names and its placement's benchmark: anything worth a second look is returned instead of saved,
 * unless the person already saw exactly those checks (`acknowledged` is their key).
 */
export async function addLines(access: ClientAccess, campaignId: string, inputs: LineInput[], options: { checks?: { acknowledged: string | null } } = {}): Promise<AddLineResult | null> {
  return inScope(access, async (scope): Promise<AddLineResult | null> => {
    const { campaign, catalog, errors } = await validateAgainstPlan(scope, access, campaignId, inputs);
    if (!campaign || !catalog) return null;
    const firstBad = errors.findIndex(hasErrors);
    if (firstBad >= 0) return { ok: false, kind: "invalid", errors: errors[firstBad] as Record<string, string[]> };
    if (options.checks && inputs.length === 1) {
      const input = inputs[0]!;
      const placement = findOrganizationPlacement(catalog, input.placementId)!;
      const key = UNIT_COST_KEY[input.buyingModel];
      const benchmark = catalog.benchmarkOverrides[placement.id]?.[key] ?? placement.benchmarks[key];
      const names = (await listLines(scope, campaignId)).map((line) => line.name);
      const checks = newLineChecks(input, { existingNames: names, benchmarkUnitCostFen: key === "commissionRate" ? undefined : benchmark });
      if (checks.length > 0 && lineChecksKey(checks) !== options.checks.acknowledged) return { ok: false, kind: "checks", checks, key: lineChecksKey(checks) };
    }
    let position = await nextPosition(scope, campaignId);
    const rows = await insertLines(
      scope,
      campaignId,
      inputs.map((input) => {
        const placement = findOrganizationPlacement(catalog, input.placementId)!;
        return { ...lineFieldsOf(input, { name: lineName(access, campaign, catalog, input), ecosystemId: placement.ecosystemId, measurement: DEFAULT_MEASUREMENT }), position: position++ };
      }),
    );
    await touchCampaign(scope, access.client.id, campaignId);
    for (const row of rows) {
      await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "line_item", subjectId: row.id, action: "created", changes: { name: row.name, placementId: row.placementId, budgetFen: row.budgetFen } });
    }
    return { ok: true, value: rows };
  });
}

export async function updateLine(access: ClientAccess, campaignId: string, lineId: string, expectedVersion: number, input: LineInput): Promise<SaveResult<LineItemRow> | null> {
  return inScope(access, async (scope) => {
    const { campaign, catalog, errors } = await validateAgainstPlan(scope, access, campaignId, [input]);
    if (!campaign || !catalog) return null;
    if (hasErrors(errors[0]!)) return { ok: false, kind: "invalid", errors: errors[0] as Record<string, string[]> };
    const before = await findLine(scope, campaignId, lineId);
    if (!before) return null;
    const placement = findOrganizationPlacement(catalog, input.placementId)!;
    const fields = lineFieldsOf(input, { name: lineName(access, campaign, catalog, input), ecosystemId: placement.ecosystemId, measurement: before.measurement });
    const saved = await updateLineIfVersion(scope, campaignId, lineId, expectedVersion, fields);
    if (!saved) return { ok: false, kind: "conflict", current: (await findLine(scope, campaignId, lineId)) ?? null };
    await touchCampaign(scope, access.client.id, campaignId);
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "line_item", subjectId: lineId, action: "updated", changes: changedFields(before, fields) });
    return { ok: true, value: saved };
  });
}

export async function updateLineMeasurement(access: ClientAccess, campaignId: string, lineId: string, expectedVersion: number, measurement: LineMeasurement, changes: Partial<LineFields> = {}): Promise<SaveResult<LineItemRow> | null> {
  return inScope(access, async (scope) => {
    if (!(await editableCampaign(scope, access, campaignId))) return null;
    const before = await findLine(scope, campaignId, lineId);
    if (!before) return null;
    const saved = await updateLineIfVersion(scope, campaignId, lineId, expectedVersion, { measurement, ...changes });
    if (!saved) return { ok: false, kind: "conflict", current: (await findLine(scope, campaignId, lineId)) ?? null };
    await touchCampaign(scope, access.client.id, campaignId);
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "line_item", subjectId: lineId, action: "updated", changes: changedFields(before, { measurement, ...changes }) });
    return { ok: true, value: saved };
  });
}

export async function deleteLine(access: ClientAccess, campaignId: string, lineId: string, expectedVersion: number): Promise<SaveResult<null> | null> {
  return inScope(access, async (scope) => {
    if (!(await editableCampaign(scope, access, campaignId))) return null;
    const before = await findLine(scope, campaignId, lineId);
    if (!before) return null;
    if (!(await deleteLineIfVersion(scope, campaignId, lineId, expectedVersion))) return { ok: false, kind: "conflict", current: null };
    await compactPositions(scope, campaignId);
    await touchCampaign(scope, access.client.id, campaignId);
    // The whole line is kept with the entry, so "Undo" in the toast can put it back as it was.
    const restore = { ...storedLineFields(before), position: before.position };
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "line_item", subjectId: lineId, action: "deleted", changes: { name: before.name, budgetFen: before.budgetFen, restore } });
    return { ok: true, value: null };
  });
}

/** Puts a deleted line back where it was, with the same id (its comments and history follow): the toast's "Undo". */
export async function restoreLine(access: ClientAccess, campaignId: string, lineId: string): Promise<LineItemRow | null> {
  return inScope(access, async (scope) => {
    if (!(await editableCampaign(scope, access, campaignId))) return null;
    const existing = await findLine(scope, campaignId, lineId);
    if (existing) return existing;
    const deleted = await findLatestActivity(scope, { campaignId, subjectType: "line_item", subjectId: lineId, action: "deleted" });
    const restore = deleted?.changes?.restore as (LineFields & { position: number }) | undefined;
    if (!restore) return null;
    await shiftPositionsFrom(scope, campaignId, restore.position);
    const [row] = await insertLines(scope, campaignId, [{ ...restore, id: lineId }]);
    await touchCampaign(scope, access.client.id, campaignId);
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "line_item", subjectId: lineId, action: "restored", changes: { name: row!.name } });
    return row!;
  });
}

export async function duplicateLine(access: ClientAccess, campaignId: string, lineId: string): Promise<LineItemRow | null> {
  return inScope(access, async (scope) => {
    if (!(await editableCampaign(scope, access, campaignId))) return null;
    const source = await findLine(scope, campaignId, lineId);
    if (!source) return null;
    const lines = await listLines(scope, campaignId);
    const [copy] = await insertLines(scope, campaignId, [{ ...storedLineFields(source), name: `${source.name} (2)`, position: lines.length }]);
    const order = lines.map((l) => l.id);
    order.splice(order.indexOf(lineId) + 1, 0, copy!.id);
    await setPositions(scope, campaignId, order);
    await touchCampaign(scope, access.client.id, campaignId);
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "line_item", subjectId: copy!.id, action: "duplicated", changes: { from: lineId } });
    return copy!;
  });
}

/** Moves a line one place up or down; other lines keep their versions (no edit conflict from a reorder). */
export async function moveLine(access: ClientAccess, campaignId: string, lineId: string, direction: "up" | "down"): Promise<boolean> {
  return inScope(access, async (scope) => {
    if (!(await editableCampaign(scope, access, campaignId))) return false;
    const order = (await listLines(scope, campaignId)).map((l) => l.id);
    const index = order.indexOf(lineId);
    if (index < 0) return false;
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= order.length) return true;
    [order[index], order[target]] = [order[target]!, order[index]!];
    await setPositions(scope, campaignId, order);
    await touchCampaign(scope, access.client.id, campaignId);
    await recordActivity(scope, { clientAccountId: access.client.id, campaignId, subjectType: "line_item", subjectId: lineId, action: "moved", changes: { position: { from: index, to: target } } });
    return true;
  });
}
