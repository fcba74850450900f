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
import { requireScope } from "~/tenancy/access.server";

export const meta: MetaFunction = () => [{ title: "Activity · Qiao 桥" }];

// Everything that happened on a client account: campaigns, lines, comments, team changes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  const page = await getActivityPage(access, new URL(request.url));
  return { strings: await routeStrings(request, ["collab"]), clientName: access.client.name, ...page! };
}

export default function ClientActivity() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  useRouteStrings(data.strings);
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? DEFAULT_LOCALE;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to=".." relative="path" className="text-teal-800 underline">
          ← {data.clientName}
        </Link>
      </p>
      <PageTitle>
        {t("collab.activityTitle")} · {data.clientName}
      </PageTitle>
      <ActivityFeed items={data.items} filter={data.filter} nextBefore={data.nextBefore} locale={locale} />
    </div>
  );
}
