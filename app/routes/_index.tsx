import { useLocale, useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSession } from "~/tenancy/access.server";
import { homePathFor } from "~/services/navigation.server";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataLevelBadge } from "~/components/data-level-badge";
import { DATA_LEVELS } from "~/domain/data-level";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";

export const meta: MetaFunction = () => [{ title: "Qiao 桥 — China retail-media planning" }];

// Public: the start page. A signed-in person goes straight to their organization.
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (session) throw redirect(await homePathFor(session.user.id));
  return { strings: await routeStrings(request, ["home"]) };
}

export default function Home() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const locale = useLocale();
  const levels = [...DATA_LEVELS].reverse();
  return (
    <div className="space-y-8">
      <section className="max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("home.title")}</h1>
        <p className="mt-4 text-lg text-slate-700">{t("home.intro")}</p>
        <p className="mt-4 text-sm text-slate-600" data-testid="intl-example">
          {t("home.example", {
            money: formatMoney(12_345_678_90, locale),
            date: formatDate("2026-03-02", locale, "long"),
            impressions: formatNumber(1_234_567, locale),
          })}
        </p>
      </section>
      <section aria-labelledby="levels-title">
        <h2 id="levels-title" className="text-xl font-semibold">
          {t("home.levelsTitle")}
        </h2>
        <ul className="mt-3 grid gap-4 md:grid-cols-3">
          {levels.map((level) => (
            <li key={level} className="card">
              <DataLevelBadge level={level} />
              <p className="mt-2 text-sm text-slate-700">{t(`level.${level}Help`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
