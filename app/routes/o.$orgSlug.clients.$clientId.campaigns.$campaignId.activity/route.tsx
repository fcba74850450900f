import { notFound } from "~/domain/errors";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivityFeed } from "~/components/activity-feed";
import { PageTitle } from "~/components/forms";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import type { loader as rootLoader } from "~/root";
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
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? DEFAULT_LOCALE;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to=".." relative="path" className="text-teal-800 underline">
          ← {t("collab.activityTitle")}
        </Link>
      </p>
      <PageTitle>{t("collab.activityTitle")}</PageTitle>
      <ActivityFeed items={data.items} filter={data.filter} nextBefore={data.nextBefore} locale={locale} />
    </div>
  );
}
