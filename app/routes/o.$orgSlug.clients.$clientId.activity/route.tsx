import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivityPage } from "~/components/activity-feed";
import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
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
  return (
    <ActivityPage
      back={data.clientName}
      title={
        <>
          {t("collab.activityTitle")} · {data.clientName}
        </>
      }
      feed={data}
    />
  );
}
