// Plan exports (issue 7): XLSX workbook, CSV line items, Media Plan Open Data Standard v3.0 JSON.
import type { CampaignPlan } from "../../domain/plan";

export { exportPlanCsv } from "./csv.server";
export { exportPlanOds, exportPlanOdsJson, type OdsExportOptions } from "./ods.server";
export { validateOdsDocument, type OdsValidation, type OdsValidationError } from "../spreadsheet-shared/ods-schema.server";
export { exportPlanXlsx, type XlsxExportOptions } from "./xlsx.server";

export type ExportFormat = "xlsx" | "csv" | "json";

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** A download name such as "Spring-launch-2026-v7.xlsx": the campaign name made file-safe, and the version number people see (the plan version). */
export function exportFileName(campaign: Pick<CampaignPlan, "name" | "version">, format: ExportFormat): string {
  const base = campaign.name
    .normalize("NFKC")
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
    .replace(/\s+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "plan"}-v${campaign.version}.${format}`;
}

/** Content-Disposition value with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
