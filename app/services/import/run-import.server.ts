// The parse itself, as it runs inside the import worker (parse-worker.server.ts): format reader →
// tables → records → lines and campaign fields with their problems. Callable in-process too (tests
// of the mapping), but the app always goes through parseImportFile, which runs it off-thread.
import type { Locale } from "../../domain/catalog";
import type { ImportProblem } from "../../domain/import-diff";
import type { NumberLocale } from "../../domain/money";
import type { PlanCatalog } from "../../domain/plan-derive";
import type { CampaignPlan } from "../../domain/plan";
import { readCsvRows } from "./csv-reader.server";
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import type { TextEncodingName } from "./precheck.server";
import { readOdsDocument } from "./ods-reader.server";
import { mapCampaignFacts } from "./campaign-facts.server";
import type { CampaignFacts, LineRecord } from "./record-types.server";
import { mapLineRecords } from "./records.server";
import { makeProblem, type ImportFormat, type ImportParseResult, type ImportSuccess } from "./result.server";
import { classifySheet, readLineTable, readWorkbookTables } from "./tables.server";
import { nulProblem, prepareWorkbook, readWorkbookRows } from "./xlsx-reader.server";

export type ParseJob =
  | { format: "xlsx"; bytes: Uint8Array; namedAs?: string; catalog: PlanCatalog; locale: Locale; limits?: ImportLimits }
  | { format: "csv" | "ods-json"; text: string; encoding: TextEncodingName; catalog: PlanCatalog; locale: Locale; limits?: ImportLimits };

function finish(
  format: ImportFormat,
  facts: CampaignFacts,
  records: LineRecord[],
  extraProblems: ImportProblem[],
  dataRowCount: number,
  context: { catalog: PlanCatalog; locale: Locale; numberLocale: NumberLocale },
): ImportSuccess {
  const base = { ...context, format };
  const { campaign, problems: campaignProblems } = mapCampaignFacts(facts, base);
  const mapped = mapLineRecords(records, { ...base, campaign: campaign as Partial<CampaignPlan> });
  const problems = [...extraProblems, ...campaignProblems, ...mapped.problems];
  if (dataRowCount === 0) problems.push(makeProblem(null, null, "noDataRows", "warning", {}));
  return {
    ok: true,
    format,
    campaign,
    lines: mapped.lines,
    invalidRows: mapped.invalidRows,
    problems,
    hasErrors: problems.some((problem) => problem.severity === "error"),
    dataRowCount,
  };
}

/** Parses one upload that passed the prechecks. */
export async function runParseJob(job: ParseJob): Promise<ImportParseResult> {
  const limits = job.limits ?? IMPORT_LIMITS;
  const context = { catalog: job.catalog, locale: job.locale, numberLocale: "en" as NumberLocale };

  if (job.format === "xlsx") {
    const prepared = prepareWorkbook(job.bytes, limits);
    if (!prepared.ok) return prepared;
    // Sheets Qiao writes for people (measurement plan, legend, lists) and unknown sheets are not read past their first rows.
    const read = await readWorkbookRows(prepared.zip, limits, (rows) => {
      const kind = classifySheet(rows, limits);
      return kind === "lines" || kind === "summary" || kind === "flighting";
    });
    if (prepared.nulParts.length > 0) return nulProblem(read, prepared.nulParts);
    if (!read.ok) return read;
    const tables = readWorkbookTables(read.sheets, limits);
    if (!tables.ok) return tables;
    const extra: ImportProblem[] = [...tables.lines.problems];
    if (job.namedAs) extra.unshift(makeProblem(null, null, "workbookNamedAs", "warning", { extension: job.namedAs }));
    const records = tables.lines.records.map((record) => {
      const id = record.cells.line_id && record.cells.line_id.kind === "text" ? record.cells.line_id.text.trim() : null;
      const flighting = id ? tables.flighting.get(id) : undefined;
      return flighting ? { ...record, flighting: { kind: "cells" as const, row: flighting.row, weeks: flighting.weeks, budgetAtExport: flighting.budget } } : record;
    });
    const ids = new Set(records.flatMap((record) => (record.cells.line_id?.kind === "text" ? [record.cells.line_id.text.trim()] : [])));
    for (const [lineId, row] of tables.flighting) {
      if (!ids.has(lineId)) extra.push(makeProblem(row.row, "flighting", "flightingRowUnknownLine", "warning", { lineId }));
    }
    return finish("xlsx", tables.facts, records, extra, tables.lines.dataRowCount, context);
  }

  if (job.format === "csv") {
    const read = readCsvRows(job.text, limits);
    if (!read.ok) return read;
    // A semicolon-separated CSV comes from a spreadsheet set to a decimal comma.
    const numberLocale: NumberLocale = read.delimiter === ";" ? "fr" : "en";
    const table = readLineTable(read.rows, limits, { checkRagged: true });
    if (!table.ok) return table;
    const extra = [...table.problems];
    if (job.encoding === "gb18030") extra.push(makeProblem(null, null, "encodingGb18030", "warning", {}));
    return finish("csv", {}, table.records, extra, table.dataRowCount, { ...context, numberLocale });
  }

  const read = readOdsDocument(job.text, job.catalog, limits);
  if (!read.ok) return read;
  const records: LineRecord[] = read.records.map((record) => ({
    row: record.row,
    cells: record.cells,
    problems: record.problems,
    flighting: record.customFlightingFen ? { kind: "fen" as const, weeks: record.customFlightingFen } : undefined,
  }));
  return finish("ods-json", read.facts, records, read.problems, read.records.length, context);
}
