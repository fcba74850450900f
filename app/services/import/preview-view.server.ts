// The import preview in a planner's words (issue 12): sheet headers instead of column keys, names
// instead of ids, money and dates as the page shows them, the fields each conflict touches, and
// where the file comes from — so a file from another campaign or client is seen for what it is.
import type { ImportDiff, ImportOrigin, ImportProblem } from "~/domain/import-diff";
import type { CampaignPlan } from "~/domain/plan";
import { labelOf, type EnumCatalog } from "~/domain/spreadsheet-lists";
import type { Locale } from "~/i18n/config";
import { columnLabel, showChange, type ShownChange } from "~/i18n/field-display";
import { formatMoney } from "~/i18n/format";

export type PreviewLine = { key: string; row: number | null; name: string; placement: string; budget: string };

export type ImportPreviewView = {
  jobId: string;
  fileName: string;
  hasErrors: boolean;
  origin: ImportOrigin["kind"];
  /** The file's campaign and client as it names them, and this plan's, for the warning. */
  file: { campaignName: string | null; clientName: string | null };
  here: { campaignName: string; clientName: string };
  problems: { row: number | null; column: string; messageKey: string; params: Record<string, string>; severity: ImportProblem["severity"] }[];
  added: PreviewLine[];
  changed: { lineId: string; name: string; row: number; changes: ShownChange[] }[];
  /** Lines of the plan the file does not list: removed only when the person ticks it. */
  missing: PreviewLine[];
  /** Campaign details that differ: changed only when the person ticks it. */
  campaignChanges: ShownChange[];
  conflicts: { key: string; name: string; row: number | null; removedSinceExport: boolean; changes: ShownChange[] }[];
  unchanged: number;
};

type PreviewInput = { jobId: string; fileName: string; hasErrors: boolean; diff: ImportDiff; problems: readonly ImportProblem[]; fileCampaign: Partial<CampaignPlan> };

export function describeImportPreview(preview: PreviewInput, current: { campaign: CampaignPlan; lines: readonly { id: string; kpiId: string | null }[] }, catalog: EnumCatalog, locale: Locale): ImportPreviewView {
  const { diff } = preview;
  const context = { catalog, locale };
  const money = (fen: number) => formatMoney(fen, locale);
  const placement = (id: string) => labelOf("placement", id, catalog, locale);
  const kpiOf = new Map(current.lines.map((line) => [line.id, line.kpiId]));
  const lineChange = (kpiId: string | null | undefined) => (change: { field: string; from: unknown; to: unknown }) => showChange(change, { ...context, kpiId });
  return {
    jobId: preview.jobId,
    fileName: preview.fileName,
    hasErrors: preview.hasErrors,
    origin: diff.origin.kind,
    file: { campaignName: preview.fileCampaign.name ?? null, clientName: preview.fileCampaign.clientName ?? null },
    here: { campaignName: current.campaign.name, clientName: current.campaign.clientName },
    problems: preview.problems.map((p) => ({
      row: p.row,
      column: columnLabel(p.column, locale),
      messageKey: p.messageKey,
      // A "column" parameter is a column key: the message names the header the person sees.
      params: Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, k === "column" ? columnLabel(String(v), locale) : String(v)])),
      severity: p.severity,
    })),
    added: diff.added.map((l, i) => ({ key: `added-${i}`, row: l.sourceRow, name: l.name, placement: placement(l.placementId), budget: money(l.budgetFen) })),
    changed: diff.changed.map((c) => ({ lineId: c.lineId, name: c.name, row: c.sourceRow, changes: c.changes.map(lineChange(kpiOf.get(c.lineId))) })),
    missing: diff.removed.map((l) => ({ key: l.id, row: null, name: l.name, placement: placement(l.placementId), budget: money(l.budgetFen) })),
    campaignChanges: diff.campaignChanges.map((change) => showChange(change, { ...context, of: "campaign" })),
    conflicts: diff.conflicts.map((c, i) =>
      c.kind === "campaign-changed-since-export"
        ? { key: `conflict-${i}`, name: current.campaign.name, row: null, removedSinceExport: false, changes: c.changes.map((change) => showChange(change, { ...context, of: "campaign" })) }
        : c.kind === "line-removed-since-export"
          ? { key: `conflict-${i}`, name: c.name, row: c.sourceRow, removedSinceExport: true, changes: [] }
          : { key: `conflict-${i}`, name: c.name, row: c.sourceRow, removedSinceExport: false, changes: c.changes.map(lineChange(kpiOf.get(c.lineId))) },
    ),
    unchanged: diff.unchangedCount,
  };
}
