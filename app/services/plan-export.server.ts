import { createReadableStreamFromReadable } from "@remix-run/node";
import { PassThrough } from "node:stream";
import type { Locale } from "~/i18n/config";
import type { ClientAccess } from "~/tenancy/access.server";
import { EXPORT_CONTENT_TYPES, exportFileName, exportPlanCsv, exportPlanOdsJson, exportPlanXlsx, type ExportFormat } from "./export/index.server";
import { getPlan } from "./planner.server";
import { getVersionSnapshot } from "./versions.server";

export type ExportFile = { fileName: string; contentType: string; body: string | ReadableStream<Uint8Array> };

/** The campaign as a file: XLSX is streamed as it is written; CSV and the ODS JSON are small. */
export async function exportCampaign(access: ClientAccess, campaignId: string, format: ExportFormat, locale: Locale, versionId?: string): Promise<ExportFile | null> {
  // A frozen version (versions page) or the current plan.
  const plan = versionId ? await getVersionSnapshot(access, campaignId, versionId) : await getPlan(access, campaignId).then((loaded) => loaded && { ...loaded, planVersion: loaded.campaign.planVersion });
  if (!plan) return null;
  const { snapshot, catalog } = plan;
  // Named with the plan version, as the versions page and the review panel number it (issue 12), not
  // the campaign row's edit counter (snapshot.campaign.version, kept inside the file for conflicts).
  const file = { fileName: exportFileName({ name: snapshot.campaign.name, version: plan.planVersion }, format), contentType: EXPORT_CONTENT_TYPES[format] };
  if (format === "csv") return { ...file, body: exportPlanCsv(snapshot, catalog, locale) };
  if (format === "json") return { ...file, body: exportPlanOdsJson(snapshot, catalog) };
  const stream = new PassThrough();
  exportPlanXlsx(snapshot, catalog, locale, { stream }).catch((error: unknown) => stream.destroy(error as Error));
  return { ...file, body: createReadableStreamFromReadable(stream) };
}
