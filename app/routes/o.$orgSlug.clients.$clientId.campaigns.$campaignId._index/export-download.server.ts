import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/domain/errors";
import { getLocale } from "~/i18n/locale.server";
import { contentDisposition, type ExportFormat } from "~/services/export/index.server";
import { exportCampaign } from "~/services/plan-export.server";
import { isUuid, requireScope } from "~/tenancy/access.server";

/**
 * The loader of the three download routes (export.csv, export.xlsx, export.json): everyone who may read
 * the plan may export it, the plan as it is or a frozen version (?version=<id>).
 */
export function exportLoader(format: ExportFormat) {
  return async function loader({ request, params }: LoaderFunctionArgs) {
    const access = await requireScope(request, params, "client.view");
    if (!isUuid(params.campaignId)) throw notFound();
    const versionId = new URL(request.url).searchParams.get("version");
    if (versionId !== null && !isUuid(versionId)) throw notFound();
    const file = await exportCampaign(access, params.campaignId, format, await getLocale(request), versionId ?? undefined);
    if (!file) throw notFound();
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": contentDisposition(file.fileName),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  };
}
