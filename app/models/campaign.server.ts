import { and, asc, desc, eq, ilike, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { campaigns, comments, lineItems, type CampaignRow, type CommentRow, type LineItemRow } from "@db/schema";
import type { Scope } from "~/models/scope.server";


/** One campaign of one client account in the scope's organization (every campaign query filters on all three), plus any extra conditions. */
function oneCampaign(scope: Scope, clientAccountId: string, campaignId: string, ...extra: SQL[]): SQL {
  return and(eq(campaigns.organizationId, scope.organizationId), eq(campaigns.clientAccountId, clientAccountId), eq(campaigns.id, campaignId), ...extra)!;
}

export type CampaignFields = Pick<
  CampaignRow,
  "name" | "objective" | "startDate" | "endDate" | "budgetFen" | "reportingCurrency" | "fxRate" | "notes"
>;

export async function insertCampaign(scope: Scope, clientAccountId: string, input: CampaignFields & { status?: CampaignRow["status"] }): Promise<CampaignRow> {
  const [row] = await scope.tx
    .insert(campaigns)
    .values({ ...input, organizationId: scope.organizationId, clientAccountId, ownerUserId: scope.userId })
    .returning();
  if (!row) throw new Error("Campaign insert returned no row.");
  return row;
}

export async function findCampaign(scope: Scope, clientAccountId: string, campaignId: string): Promise<CampaignRow | undefined> {
  const [row] = await scope.tx
    .select()
    .from(campaigns)
    .where(oneCampaign(scope, clientAccountId, campaignId));
  return row;
}

/** A campaign with its lines in plan order and, when asked, its comments (oldest first): one statement. */
export async function findCampaignWithLines(
  scope: Scope,
  clientAccountId: string,
  campaignId: string,
  options: { comments?: boolean } = {},
): Promise<{ campaign: CampaignRow; lines: LineItemRow[]; comments: CommentRow[] } | undefined> {
  const where = oneCampaign(scope, clientAccountId, campaignId);
  const lines = { orderBy: [asc(lineItems.position), asc(lineItems.createdAt)] };
  if (!options.comments) {
    const row = await scope.tx.query.campaigns.findFirst({ where, with: { lines } });
    if (!row) return undefined;
    const { lines: rows, ...campaign } = row;
    return { campaign, lines: rows, comments: [] };
  }
  const row = await scope.tx.query.campaigns.findFirst({ where, with: { lines, comments: { orderBy: [asc(comments.createdAt)] } } });
  if (!row) return undefined;
  const { lines: rows, comments: threads, ...campaign } = row;
  return { campaign, lines: rows, comments: threads };
}

/** The row, locked for the rest of the transaction (line saves bump the campaign's plan version). */
export async function lockCampaign(scope: Scope, clientAccountId: string, campaignId: string): Promise<CampaignRow | undefined> {
  const [row] = await scope.tx
    .select()
    .from(campaigns)
    .where(oneCampaign(scope, clientAccountId, campaignId))
    .for("update");
  return row;
}

export async function listCampaigns(scope: Scope, clientAccountId: string, options: { search?: string; includeArchived?: boolean; onlyArchived?: boolean } = {}) {
  const filters = [eq(campaigns.organizationId, scope.organizationId), eq(campaigns.clientAccountId, clientAccountId)];
  // Archived by the plan page (archivedAt) or by the workflow's archive step (status): both are the archive.
  if (options.onlyArchived) filters.push(or(eq(campaigns.status, "archived"), isNotNull(campaigns.archivedAt))!);
  else if (!options.includeArchived) filters.push(isNull(campaigns.archivedAt), ne(campaigns.status, "archived"));
  if (options.search) filters.push(ilike(campaigns.name, `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  // Qualified by hand: drizzle prints a single table's columns unqualified, which inside a subquery would bind to line_items.
  const lineCount = sql<number>`(select count(*)::int from line_items li where li.organization_id = "campaigns"."organization_id" and li.campaign_id = "campaigns"."id")`;
  const allocatedFen = sql<number>`(select coalesce(sum(li.budget_fen), 0)::bigint from line_items li where li.organization_id = "campaigns"."organization_id" and li.campaign_id = "campaigns"."id")`;
  const rows = await scope.tx
    .select({ campaign: campaigns, lineCount, allocatedFen })
    .from(campaigns)
    .where(and(...filters))
    .orderBy(desc(campaigns.updatedAt), asc(campaigns.name));
  return rows.map((row) => ({ ...row.campaign, lineCount: Number(row.lineCount), allocatedFen: Number(row.allocatedFen) }));
}

/** Saves only when the stored version is the one the person edited; returns the new row, or null on a conflict. */
export async function updateCampaignIfVersion(
  scope: Scope,
  clientAccountId: string,
  campaignId: string,
  expectedVersion: number,
  changes: Partial<CampaignFields> & { status?: CampaignRow["status"]; archivedAt?: Date | null },
): Promise<CampaignRow | null> {
  const [row] = await scope.tx
    .update(campaigns)
    .set({ ...changes, version: sql`${campaigns.version} + 1`, planVersion: sql`${campaigns.planVersion} + 1`, updatedAt: new Date() })
    .where(oneCampaign(scope, clientAccountId, campaignId, eq(campaigns.version, expectedVersion)))
    .returning();
  return row ?? null;
}

/** Marks the plan as changed (a line was saved): a new plan version, the campaign's own version untouched. */
export async function touchCampaign(scope: Scope, clientAccountId: string, campaignId: string): Promise<void> {
  await scope.tx
    .update(campaigns)
    .set({ updatedAt: new Date(), planVersion: sql`${campaigns.planVersion} + 1` })
    .where(oneCampaign(scope, clientAccountId, campaignId));
}

export type WorkflowFields = Pick<CampaignRow, "status" | "planVersion" | "submittedBy" | "agencyApprovedBy" | "clientApprovedBy" | "approvedVersion" | "lastRejection">;

/** A workflow step: saved only if the plan is still at the version the person acted on. */
export async function updateWorkflowIfPlanVersion(scope: Scope, clientAccountId: string, campaignId: string, expectedPlanVersion: number, fields: WorkflowFields): Promise<CampaignRow | null> {
  const [row] = await scope.tx
    .update(campaigns)
    .set({ ...fields, archivedAt: fields.status === "archived" ? new Date() : null, updatedAt: new Date() })
    .where(oneCampaign(scope, clientAccountId, campaignId, eq(campaigns.planVersion, expectedPlanVersion)))
    .returning();
  return row ?? null;
}
