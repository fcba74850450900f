// The plan as a workbook a planner is happy to forward (issue 7, "Export"): Summary, Line items,
// Flighting, Measurement plan and Legend, plus a hidden Lists sheet behind the drop-downs. Real
// numbers with CNY formats (reporting currency beside), real dates, frozen headers, filters, totals
// as live formulas with cached results, and a hidden key row so the headers can be in any language.
// Written with exceljs's streaming WorkbookWriter, row by row: 10,000 lines never sit in memory as
// a workbook. One module per sheet in xlsx/.
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Locale } from "../../domain/catalog";
import type { PlanSnapshot } from "../../domain/plan";
import { derivePlan, type PlanCatalog } from "../../domain/plan-derive";
import { SHEET_NAMES } from "../../domain/spreadsheet-columns";
import { LIST_IDS, labelMap } from "../../domain/spreadsheet-lists";
import { lineLayout, type Context } from "./xlsx/context.server";
import { writeFlighting } from "./xlsx/flighting-sheet.server";
import { writeLegend, writeLists } from "./xlsx/legend-sheets.server";
import { writeLines } from "./xlsx/lines-sheet.server";
import { writeMeasurement } from "./xlsx/measurement-sheet.server";
import { makeStyles } from "./xlsx/styles.server";
import { writeSummary } from "./xlsx/summary-sheet.server";

export type XlsxExportOptions = { stream?: Writable };

function makeContext(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale): Context {
  const plan = derivePlan(snapshot, catalog, locale);
  const names = Object.fromEntries(Object.entries(SHEET_NAMES).map(([id, text]) => [id, text[locale]])) as Context["names"];
  const labels = Object.fromEntries(LIST_IDS.map((list) => [list, labelMap(list, catalog, locale)])) as Context["labels"];
  const styles = makeStyles(snapshot.campaign.reportingCurrency);
  return { plan, catalog, locale, styles, layout: lineLayout(plan), names, labels, t: (text) => text[locale] };
}

/**
 * Writes the plan as an XLSX workbook. Without a stream, resolves to the file's bytes; with one,
 * writes to it (e.g. an HTTP response) and resolves when the file is complete.
 */
export async function exportPlanXlsx(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale): Promise<Buffer>;
export async function exportPlanXlsx(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale, options: { stream: Writable }): Promise<void>;
export async function exportPlanXlsx(snapshot: PlanSnapshot, catalog: PlanCatalog, locale: Locale, options: XlsxExportOptions = {}): Promise<Buffer | void> {
  const context = makeContext(snapshot, catalog, locale);
  const chunks: Buffer[] = [];
  const target = options.stream ?? new PassThrough().on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target, useStyles: true, useSharedStrings: true });
  workbook.creator = "Qiao";
  workbook.title = snapshot.campaign.name;
  workbook.created = new Date();
  workbook.definedNames.add(writeSummary(workbook, context), "fx_rate");
  await writeLines(workbook, context);
  await writeFlighting(workbook, context);
  await writeMeasurement(workbook, context);
  writeLegend(workbook, context);
  writeLists(workbook, context);
  await workbook.commit();
  if (!options.stream) return Buffer.concat(chunks);
}
