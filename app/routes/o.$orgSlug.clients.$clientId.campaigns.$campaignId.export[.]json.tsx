import { notFound } from "~/domain/errors";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/locale.server";
import { exportCampaign } from "~/services/plan-export.server";
import { isUuid, requireScope } from "~/tenancy/access.server";

// Download of the campaign as JSON (everyone who may read the plan may export it).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const versionId = new URL(request.url).searchParams.get("version");
  if (versionId !== null && !isUuid(versionId)) throw notFound();
  const response = await exportCampaign(access, params.campaignId, "json", await getLocale(request), versionId ?? undefined);
  if (!response) throw notFound();
  return response;
}
