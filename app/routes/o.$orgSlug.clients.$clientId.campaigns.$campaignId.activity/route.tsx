import { notFound } from "~/domain/errors";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivityPage } from "~/components/activity-feed";
import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { getActivityPage } from "~/services/activity.server";
import { isUuid, requireScope } from "~/tenancy/access.server";

export const meta: MetaFunction = () => [{ title: "Activity · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const page = await getActivityPage(access, new URL(request.url), params.campaignId);
  if (!page) throw notFound();
  return { strings: await routeStrings(request, ["collab"]), ...page };
}

export default function CampaignActivity() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  useRouteStrings(data.strings);
  return <ActivityPage back={t("collab.activityTitle")} title={t("collab.activityTitle")} feed={data} />;
}
