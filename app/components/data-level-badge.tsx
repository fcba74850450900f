import { useTranslation } from "react-i18next";
import type { DataLevel } from "~/domain/data-level";

const STYLES: Record<DataLevel, { box: string; mark: string }> = {
  individual: { box: "border-teal-700 bg-teal-50 text-teal-900", mark: "●●●" },
  transactional: { box: "border-blue-700 bg-blue-50 text-blue-900", mark: "●●○" },
  aggregated: { box: "border-slate-500 bg-slate-100 text-slate-800", mark: "●○○" },
};

/** Colour plus text plus a shape: the level is never told by colour alone. */
export function DataLevelBadge({ level, title }: { level: DataLevel; title?: string }) {
  const { t } = useTranslation();
  const style = STYLES[level];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold ${style.box}`}
      title={title}
      data-level={level}
    >
      <span aria-hidden="true" className="tracking-tighter">
        {style.mark}
      </span>
      {t(`level.${level}`)}
    </span>
  );
}
