import { useTranslation } from "react-i18next";
import { DataLevelBadge } from "~/components/data-level-badge";
import type { Locale } from "~/i18n/config";
import { formatMoney } from "~/i18n/format";
import type { PlanPageData } from "./view.server";

/** Lines × ISO weeks: a bar in the ecosystem's colour where the line spends, its amount on hover and for screen readers. */
export function PlanCalendar({ data, locale }: { data: PlanPageData; locale: Locale }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.lines.flatMap((l) => l.flightWeeks.map((w) => w.amountFen)));
  return (
    <section aria-labelledby="calendar-title" className="card overflow-x-auto">
      <h2 id="calendar-title" className="mb-2 text-xl font-semibold">
        {t("planner.calendarTitle")}
      </h2>
      <table className="min-w-full border-separate border-spacing-0 text-xs" data-testid="calendar">
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 bg-white pr-2 text-left font-medium">
              {t("planner.linesTitle")}
            </th>
            {data.weeks.map((w) => (
              <th key={w.week} scope="col" className="px-0.5 font-normal text-slate-600" title={`${w.start} – ${w.end}`}>
                {w.week.slice(5)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.lines.map((line) => {
            const byWeek = new Map(line.flightWeeks.map((w) => [w.week, w.amountFen]));
            return (
              <tr key={line.id}>
                <th scope="row" className="sticky left-0 max-w-64 truncate bg-white py-0.5 pr-2 text-left font-normal">
                  <span className="mr-1 inline-block align-middle">
                    <DataLevelBadge level={line.level} />
                  </span>
                  {line.name}
                </th>
                {data.weeks.map((w) => {
                  const amount = byWeek.get(w.week) ?? 0;
                  return (
                    <td key={w.week} className="px-0.5 py-0.5">
                      {amount > 0 ? (
                        <div
                          className="h-4 min-w-6 rounded-sm"
                          style={{ backgroundColor: line.ecosystemColor, opacity: 0.35 + 0.65 * (amount / max) }}
                          title={`${line.ecosystemName} · ${w.week}: ${formatMoney(amount, locale)}`}
                        >
                          <span className="sr-only">{formatMoney(amount, locale)}</span>
                        </div>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
