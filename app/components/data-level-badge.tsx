import { useTranslation } from "react-i18next";
import type { DataLevel } from "~/domain/data-level";

const STYLES: Record<DataLevel, { box: string; mark: string }> = {
  individual: { box: "border-teal-700 bg-teal-50 text-teal-900", mark: "●●●" },
  transactional: { box: "border-blue-700 bg-blue-50 text-blue-900", mark: "●●○" },
  aggregated: { box: "border-slate-500 bg-slate-100 text-slate-800", mark: "●○○" },
};

/**
 * Colour plus text plus a shape: the level is never told by colour alone. Compact (for a narrow
 * column on a phone): below `sm` only the shape shows, the word stays for screen readers and on hover.
 */
export function DataLevelBadge({ level, title, isCompact = false }: { level: DataLevel; title?: string; isCompact?: boolean }) {
  const { t } = useTranslation();
  const style = STYLES[level];
  const label = t(`level.${level}`);
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold ${style.box}`}
      title={title ?? (isCompact ? label : undefined)}
      data-level={level}
    >
      <span aria-hidden="true" className="tracking-tighter">
        {style.mark}
      </span>
      {isCompact ? <span className="sr-only sm:not-sr-only">{label}</span> : label}
    </span>
  );
}
