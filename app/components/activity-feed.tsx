import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";

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
          <Link key={f || "all"} to={f ? `?type=${f}` : "?"} aria-current={filter === f ? "page" : undefined} className={filter === f ? "rounded bg-teal-800 px-2 py-1 text-white" : "rounded px-2 py-1 text-teal-900 hover:bg-slate-100"}>
            {f ? t(`collab.filter.${f}`) : t("collab.filterAll")}
          </Link>
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
