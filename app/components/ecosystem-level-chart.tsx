import { useTranslation } from "react-i18next";
import { DATA_LEVELS, type DataLevel } from "~/domain/data-level";
import { DataLevelBadge } from "./data-level-badge";

export type EcosystemLevelRow = { ecosystemId: string; name: string; color: string; counts: Record<DataLevel, number> };

const CELL: Record<DataLevel, string> = {
  individual: "bg-teal-700 text-white",
  transactional: "bg-blue-700 text-white",
  aggregated: "bg-slate-500 text-white",
};

/** Ecosystems × levels as a small table of bars: numbers are always printed, so colour is never the only cue. */
export function EcosystemLevelChart({ rows, caption }: { rows: EcosystemLevelRow[]; caption: string }) {
  const { t } = useTranslation();
  const levels = [...DATA_LEVELS].reverse();
  const max = Math.max(1, ...rows.flatMap((row) => levels.map((level) => row.counts[level])));
  return (
    <table className="w-full text-sm" data-testid="ecosystem-level-chart">
      <caption className="mb-2 text-left text-xs text-slate-600">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="py-1 pr-2 text-left font-medium text-slate-700">
            {t("catalog.ecosystem")}
          </th>
          {levels.map((level) => (
            <th key={level} scope="col" className="py-1 pr-2 text-left font-medium">
              <DataLevelBadge level={level} isCompact />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.ecosystemId}>
            <th scope="row" className="min-w-28 py-1 pr-2 text-left font-normal">
              <span aria-hidden="true" className="mr-1 inline-block h-2 w-2 rounded-full" style={{ backgroundColor: row.color }} />
              {row.name}
            </th>
            {levels.map((level) => {
              const count = row.counts[level];
              return (
                <td key={level} className="min-w-16 py-1 pr-2">
                  <div className="flex items-center gap-1">
                    <div
                      aria-hidden="true"
                      className={`h-3 rounded-sm ${count ? CELL[level] : "bg-slate-100"}`}
                      style={{ width: `${Math.max(4, (count / max) * 100)}%` }}
                    />
                    <span className="w-6 text-right tabular-nums text-slate-800">{count}</span>
                  </div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LevelLegend() {
  const { t } = useTranslation();
  const levels = [...DATA_LEVELS].reverse();
  return (
    <dl className="grid gap-3 md:grid-cols-3 xl:grid-cols-1" data-testid="level-legend">
      {levels.map((level) => (
        <div key={level} className="rounded-md border border-slate-200 bg-white p-3">
          <dt>
            <DataLevelBadge level={level} />
          </dt>
          <dd className="mt-1 text-sm text-slate-700">{t(`level.${level}Help`)}</dd>
        </div>
      ))}
    </dl>
  );
}
