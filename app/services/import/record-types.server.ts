// What the record mapper reads: one row of line items as raw cells (from any format), the campaign
// facts a file carries, and what it needs to know to read them.
import type { Locale } from "../../domain/catalog";
import type { ImportProblem } from "../../domain/import-diff";
import type { NumberLocale } from "../../domain/money";
import type { CampaignPlan } from "../../domain/plan";
import type { PlanCatalog } from "../../domain/plan-derive";
import type { RawCell } from "../../domain/spreadsheet-cells";
import type { CampaignFactKey, LineColumnKey } from "../../domain/spreadsheet-columns";
import type { ImportFormat } from "./result.server";
import type { Resolvers, RowProblems } from "./row-reads.server";

export const MAX_NAME_LENGTH = 200;
export const MAX_NOTES_LENGTH = 2000;

/** One row of line items as read from a file. */
export type LineRecord = {
  row: number;
  cells: Partial<Record<LineColumnKey, RawCell>>;
  /** Problems the format reader already found on this row (e.g. a currency that is not CNY). */
  problems?: ImportProblem[];
  /** Custom flighting given outside the row: cells per ISO week (Flighting sheet) or exact fen (ODS). */
  flighting?: { kind: "cells"; row: number; weeks: Record<string, RawCell>; budgetAtExport?: RawCell } | { kind: "fen"; weeks: Record<string, number> };
};

export type MapContext = {
  catalog: PlanCatalog;
  locale: Locale;
  format: ImportFormat;
  numberLocale: NumberLocale;
  /** The campaign as the file states it: defaults for missing dates, and a yardstick for amounts. */
  campaign: Partial<CampaignPlan>;
};

export type CampaignFacts = Partial<Record<CampaignFactKey | "campaign.budget_fen", RawCell>>;

/** A cell of the row being read, through precheck; undefined when empty or unreadable. */
export type CellGetter = (key: LineColumnKey) => RawCell | undefined;

/** One line record being read: where it is, what it may refer to, and the problems found so far. */
export type LineRead = {
  record: LineRecord;
  context: MapContext;
  resolvers: Resolvers;
  problems: RowProblems;
  get: CellGetter;
};
