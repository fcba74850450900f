// What every sheet writer needs: the derived plan, labels and styles in the file's language, sheet
// names, and the layout of the Line items sheet that the Summary's formulas point into.
import type ExcelJS from "exceljs";
import type { Locale } from "../../../domain/catalog";
import type { DerivedPlan, PlanCatalog } from "../../../domain/plan-derive";
import type { SheetId } from "../../../domain/spreadsheet-columns";
import { LINE_COLUMNS, type LineColumn, type LineColumnKey } from "../../../domain/spreadsheet-columns";
import type { ListId, SheetText } from "../../../domain/spreadsheet-lists";
import { columnLetters } from "../../../domain/spreadsheet-cells";
import { quoteSheet, type CellInput } from "./rows.server";
import type { Styles } from "./styles.server";

export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;
/** Rows below the lines that still get drop-downs, for lines a planner adds in the file. */
const SPARE_ROWS = 200;

export type Layout = {
  columns: LineColumn[];
  /** 1-based column number of each key on the Line items sheet. */
  index: Map<LineColumnKey, number>;
  lastRow: number;
  /** Last row that gets drop-downs (lines + spare rows). */
  validationRow: number;
  hasReporting: boolean;
};

export type Context = {
  plan: DerivedPlan;
  catalog: PlanCatalog;
  locale: Locale;
  styles: Styles;
  layout: Layout;
  names: Record<SheetId, string>;
  labels: Record<ListId, ReadonlyMap<string, string>>;
  /** A text in the file's language. */
  t: (text: SheetText) => string;
};

export function lineLayout(plan: DerivedPlan): Layout {
  const hasReporting = plan.snapshot.campaign.reportingCurrency !== "CNY";
  const columns = LINE_COLUMNS.filter((c) => c.inXlsx && (c.key !== "budget_reporting" || hasReporting));
  const index = new Map(columns.map((c, i) => [c.key, i + 1]));
  const lastRow = FIRST_DATA_ROW + plan.lines.length - 1;
  return { columns, index, lastRow, validationRow: Math.max(lastRow, FIRST_DATA_ROW) + SPARE_ROWS, hasReporting };
}

/** The letter of a line column on the Line items sheet. */
export function lineLetter(layout: Layout, key: LineColumnKey): string {
  return columnLetters(layout.index.get(key)!);
}

/**
 * "'Line items'!$H$3:$H$312": a column of the lines and the spare rows below them, for the
 * Summary's formulas, so a line a planner adds in the file is counted in the totals too.
 */
export function lineRange(context: Context, key: LineColumnKey): string {
  const letter = lineLetter(context.layout, key);
  return `${quoteSheet(context.names.lines)}!$${letter}$${FIRST_DATA_ROW}:$${letter}$${context.layout.validationRow}`;
}

/** A label of a list value in the file's language; the id itself when the list does not know it. */
export function label(context: Context, list: ListId, id: string): string {
  return context.labels[list].get(id) ?? id;
}

/**
 * The cell of a list value's label, one shared object per value (and its style, if any): columns of
 * labels on 10,000 rows allocate nothing per row. Safe to share: writeRow only reads a cell input.
 */
export function labelCells(context: Context, list: ListId, styleOf?: (id: string) => Partial<ExcelJS.Style> | undefined): (id: string) => CellInput {
  const labels = context.labels[list];
  const cells = new Map<string, CellInput>();
  return (id) => {
    let cell = cells.get(id);
    if (!cell) cells.set(id, (cell = { value: labels.get(id) ?? id, style: styleOf?.(id) }));
    return cell;
  };
}
