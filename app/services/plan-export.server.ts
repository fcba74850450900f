import { createReadableStreamFromReadable } from "@remix-run/node";
import { PassThrough } from "node:stream";
import type { Locale } from "~/i18n/config";
import type { Access, ClientAccess } from "~/tenancy/access.server";
import { contentDisposition, EXPORT_CONTENT_TYPES, exportFileName, exportPlanCsv, exportPlanOdsJson, exportPlanXlsx, type ExportFormat } from "./export/index.server";
import { getPlan } from "./planner.server";
import { getVersionSnapshot } from "./versions.server";

/** The campaign as a download: XLSX is streamed as it is written; CSV and the ODS JSON are small. */
export async function exportCampaign(access: ClientAccess, campaignId: string, format: ExportFormat, locale: Locale, versionId?: string): Promise<Response | null> {
  // A frozen version (versions page) or the current plan.
  const plan = versionId ? await getVersionSnapshot(access, campaignId, versionId) : await getPlan(access, campaignId).then((loaded) => loaded && { ...loaded, planVersion: loaded.campaign.planVersion });
  if (!plan) return null;
  const { snapshot, catalog } = plan;
  const headers = {
    "Content-Type": EXPORT_CONTENT_TYPES[format],
    // Named with the plan version, as the versions page and the review panel number it (issue 12), not
    // the campaign row's edit counter (snapshot.campaign.version, kept inside the file for conflicts).
    "Content-Disposition": contentDisposition(exportFileName({ name: snapshot.campaign.name, version: plan.planVersion }, format)),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "csv") return new Response(exportPlanCsv(snapshot, catalog, locale), { headers });
  if (format === "json") return new Response(exportPlanOdsJson(snapshot, catalog), { headers });
  const stream = new PassThrough();
  exportPlanXlsx(snapshot, catalog, locale, { stream }).catch((error: unknown) => stream.destroy(error as Error));
  return new Response(createReadableStreamFromReadable(stream), { headers });
}
