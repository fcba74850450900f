import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/tenancy/access.server";
import { PageTitle } from "~/components/forms";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { getOwnNotifications, markAllRead } from "~/services/notifications.server";

export const meta: MetaFunction = () => [{ title: "Notifications · Qiao 桥" }];

// A person's own notifications across their organizations (row-level security admits only theirs).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const items = await getOwnNotifications(user.id);
  return { strings: await routeStrings(request, ["collab"]), items };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markAllRead(user.id);
  return redirect("/notifications");
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  useRouteStrings(data.strings);
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageTitle
        actions={
          <Form method="post">
            <button type="submit" className="btn-secondary">
              {t("collab.markRead")}
            </button>
          </Form>
        }
      >
        {t("collab.notificationsTitle")}
      </PageTitle>
      {data.items.length === 0 ? <p className="card text-sm text-slate-600">{t("collab.noNotifications")}</p> : null}
      <ul className="card divide-y divide-slate-100" data-testid="notifications">
        {data.items.map((n) => (
          <li key={n.id} className={`py-2 text-sm [overflow-wrap:anywhere] ${n.readAt ? "text-slate-600" : "font-medium"}`}>
            {n.href ? (
              <Link to={n.href} className="hover:underline">
                {t(`collab.notification.${n.kind}`, { actor: n.actorName, campaign: n.campaignName, reason: n.reason ?? "" })}
              </Link>
            ) : (
              t(`collab.notification.${n.kind}`, { actor: n.actorName, campaign: n.campaignName, reason: n.reason ?? "" })
            )}
            <span className="ml-2 text-xs text-slate-500">{formatDateTime(n.createdAt, locale)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
