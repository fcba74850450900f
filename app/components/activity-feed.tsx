import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { useLocale } from "~/i18n/i18n";
import { BackLink } from "./back-link";
import { PageTitle } from "./forms";
import { PillLink } from "./pill-link";

export type ActivityItem = { id: string; subjectType: string; action: string; actorName: string | null; createdAt: string; changes: Record<string, unknown> | null };

function describeChanges(changes: Record<string, unknown> | null): string {
  if (!changes) return "";
  return Object.entries(changes)
    .filter(([field]) => field !== "planVersion")
    .slice(0, 6)
    .map(([field, value]) => {
      if (value && typeof value === "object" && "from" in value && "to" in value) {
        const change = value as { from: unknown; to: unknown };
        return `${field}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`;
      }
      return `${field}: ${JSON.stringify(value)}`;
    })
    .join(" · ");
}

/** Who did what, when, with old → new values (a workflow step names the version as the versions page does); filterable by subject and paged by time. */
export function ActivityFeed({ items, filter, nextBefore, locale }: { items: ActivityItem[]; filter: string; nextBefore: string | null; locale: Locale }) {
  const { t } = useTranslation();
  const filters = ["", "campaign", "line_item", "comment"];
  return (
    <section className="card space-y-3" data-testid="activity">
      <nav className="flex flex-wrap gap-2 text-sm" aria-label={t("collab.activity")}>
        {filters.map((f) => (
          <PillLink key={f || "all"} to={f ? `?type=${f}` : "?"} isCurrent={filter === f}>
            {f ? t(`collab.filter.${f}`) : t("collab.filterAll")}
          </PillLink>
        ))}
      </nav>
      {items.length === 0 ? <p className="text-sm text-slate-600">{t("collab.noActivity")}</p> : null}
      <ol className="divide-y divide-slate-100 text-sm">
        {items.map((item) => (
          <li key={item.id} className="py-2 [overflow-wrap:anywhere]">
            <p>
              <strong>{item.actorName ?? "—"}</strong> · {item.subjectType.replace(/_/g, " ")} · {item.action.replace("workflow:", "")}
              {typeof item.changes?.planVersion === "number" ? <> · {t("collab.versionName", { version: item.changes.planVersion })}</> : null}
              <span className="ml-2 text-xs text-slate-500">{formatDateTime(item.createdAt, locale)}</span>
            </p>
            <p className="break-all text-xs text-slate-600">{describeChanges(item.changes)}</p>
          </li>
        ))}
      </ol>
      {nextBefore ? (
        <Link to={`?${new URLSearchParams({ ...(filter ? { type: filter } : {}), before: nextBefore }).toString()}`} className="btn-secondary">
          {t("collab.older")}
        </Link>
      ) : null}
    </section>
  );
}

/** A client's or a campaign's activity page: back to what it belongs to, its title, the feed. */
export function ActivityPage({ back, title, feed }: { back: ReactNode; title: ReactNode; feed: { items: ActivityItem[]; filter: string; nextBefore: string | null } }) {
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <BackLink to="..">{back}</BackLink>
      <PageTitle>{title}</PageTitle>
      <ActivityFeed items={feed.items} filter={feed.filter} nextBefore={feed.nextBefore} locale={locale} />
    </div>
  );
}
