import { useTranslation } from "react-i18next";
import type { DataLevel } from "~/domain/data-level";

const MARKS: Record<DataLevel, string> = { individual: "●●●", transactional: "●●○", aggregated: "●○○" };

/**
 * Colour plus text plus a shape: the level is never told by colour alone. Compact (for a narrow
 * column on a phone): below `sm` only the shape shows, the word stays for screen readers and on hover.
 */
export function DataLevelBadge({ level, title, isCompact = false }: { level: DataLevel; title?: string; isCompact?: boolean }) {
  const { t } = useTranslation();
  const label = t(`level.${level}`);
  // Its look is the .level-badge rules in tailwind.css, by data-level.
  return (
    <span className="level-badge" title={title ?? (isCompact ? label : undefined)} data-level={level}>
      <span aria-hidden="true">{MARKS[level]}</span>
      {isCompact ? <span className="sr-only sm:not-sr-only">{label}</span> : label}
    </span>
  );
}
