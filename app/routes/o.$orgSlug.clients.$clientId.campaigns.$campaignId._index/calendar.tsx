import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { DataLevelBadge } from "~/components/data-level-badge";
import type { Locale } from "~/i18n/config";
import { formatDate, formatDayOfMonth, formatMoney, formatMonth } from "~/i18n/format";
import { lineLabels } from "./plan-options";
import type { PlanPageData } from "./view.server";

type Week = PlanPageData["weeks"][number];

/** Consecutive weeks grouped by the month their (clipped) first day falls in, for the month row. */
function monthsOf(weeks: Week[]): { month: string; start: string; weeks: number }[] {
  const months: { month: string; start: string; weeks: number }[] = [];
  for (const week of weeks) {
    const month = week.start.slice(0, 7);
    const last = months.at(-1);
    if (last?.month === month) last.weeks++;
    else months.push({ month, start: week.start, weeks: 1 });
  }
  return months;
}

/**
 * Lines × ISO weeks: a month row, then each week's first day; a bar in the ecosystem's colour where
 * the line spends (darker for more), its amount on hover and for screen readers. The table scrolls sideways inside a
 * focusable region, so a keyboard can reach what a narrow screen hides.
 */
export function PlanCalendar({ data, locale }: { data: PlanPageData; locale: Locale }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.lines.flatMap((l) => Object.values(l.flightWeeks ?? {})));
  const months = monthsOf(data.weeks);
  return (
    <div className="card">
      <div role="region" aria-label={t("planner.calendarTitle")} tabIndex={0} className="relative overflow-x-auto rounded" data-testid="calendar-scroll">
        <table className="min-w-full border-separate border-spacing-0 text-xs" data-testid="calendar">
          <colgroup>
            <col />
          </colgroup>
          {months.map((m) => (
            <colgroup key={m.month} span={m.weeks} />
          ))}
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="sticky left-0 bg-white pr-2 text-left align-bottom font-medium">
                {t("planner.linesTitle")}
              </th>
              {months.map((m) => (
                <th key={m.month} scope="colgroup" colSpan={m.weeks} className="whitespace-nowrap border-l border-slate-200 px-1 text-left font-semibold text-slate-700">
                  {formatMonth(m.start, locale)}
                </th>
              ))}
            </tr>
            <tr>
              {data.weeks.map((w) => (
                <th
                  key={w.week}
                  scope="col"
                  className="whitespace-nowrap px-0.5 font-normal tabular-nums text-slate-600"
                  title={t("planner.calendarWeek", { week: w.week, start: formatDate(w.start, locale), end: formatDate(w.end, locale) })}
                >
                  <span aria-hidden="true">{formatDayOfMonth(w.start, locale)}</span>
                  <span className="sr-only">{formatDate(w.start, locale)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="plan-calendar">
            {data.lines.map((line) => {
              return (
                // The row's colour and each cell's share of the busiest week are CSS variables: the bar
                // and its hover label are drawn by the .plan-calendar rules (tailwind.css), not per cell.
                <tr key={line.id} style={{ "--c": lineLabels(data.names, line).color } as CSSProperties}>
                  <th scope="row" title={line.name}>
                    <DataLevelBadge level={line.level} isCompact />
                    {line.name}
                  </th>
                  {data.weeks.map((w) => {
                    const amount = line.flightWeeks?.[w.week] ?? 0;
                    return amount > 0 ? (
                      <td key={w.week} style={{ "--o": (0.35 + 0.65 * (amount / max)).toFixed(2) } as CSSProperties}>
                        <span>{formatMoney(amount, locale)}</span>
                      </td>
                    ) : (
                      <td key={w.week} />
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
