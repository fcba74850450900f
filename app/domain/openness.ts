// The openness rules: what data a line gives back to the brand (product brief, "Rules Qiao must
// encode" 1–4; seeds 001 and 003). Pure functions over catalog or custom placements.
import {
  getDestination,
  getEcosystem,
  getPlacement,
  type Destination,
  type Locale,
  type Placement,
} from "./catalog";
import { isDataLevel, levelRank, meetsLevel, moreOpen, type DataLevel } from "./data-level";

export { getDestination, getPlacement };

/** An organization's replacement of a catalog level; the landscape moves (brief rule 2). */
export type LevelOverride = {
  targetType: "placement" | "destination";
  targetId: string;
  level: DataLevel;
  justification: string;
  by?: string;
  at?: string;
};

/** A level as used on a line: the catalog's, or an organization's override with its justification. */
export type ResolvedLevel = {
  level: DataLevel;
  catalogLevel: DataLevel;
  /** The override in use, shown wherever this level appears (brief rule 2); null when the catalog level holds. */
  override: LevelOverride | null;
};

export const MIN_JUSTIFICATION_LENGTH = 10;

// Brief rule 2: an override counts "only with a written justification"; ten characters rules out "ok" or "see doc".
export function isValidLevelOverride(override: LevelOverride): boolean {
  return isDataLevel(override.level) && override.justification.trim().length >= MIN_JUSTIFICATION_LENGTH;
}

function resolveLevel(
  targetType: LevelOverride["targetType"],
  targetId: string,
  catalogLevel: DataLevel,
  overrides: readonly LevelOverride[],
): ResolvedLevel {
  // Callers list overrides oldest first, so the latest valid one wins.
  const override = overrides.findLast((o) => o.targetType === targetType && o.targetId === targetId && isValidLevelOverride(o)) ?? null;
  return { level: override ? override.level : catalogLevel, catalogLevel, override };
}

/** Brief rule 1: what the ad platform reports about the people who saw or clicked the ad. */
export function placementLevel(placement: Placement, overrides: readonly LevelOverride[] = []): ResolvedLevel {
  return resolveLevel("placement", placement.id, placement.reportingLevel, overrides);
}

/** Brief rule 2: what the brand captures after the click at this destination. */
export function destinationLevel(destination: Destination, overrides: readonly LevelOverride[] = []): ResolvedLevel {
  // Brief rule 2: "no click-out → aggregated"; nothing is captured, so there is nothing to override.
  if (!destination.isClickOut) return { level: destination.captureLevel, catalogLevel: destination.captureLevel, override: null };
  return resolveLevel("destination", destination.id, destination.captureLevel, overrides);
}

/** Brief rule 3: the line's effective level is the more open of the two. */
export function effectiveLevel(placementLevel: DataLevel, destinationLevel: DataLevel): DataLevel {
  return moreOpen(placementLevel, destinationLevel);
}

/** Brief rule 4: a KPI is measurable only if the effective level is at least its required level. */
export function isMeasurable(effective: DataLevel, required: DataLevel): boolean {
  return meetsLevel(effective, required);
}

/** Whether the placement can send its traffic to the destination (brief "Channel catalog", typical destinations). */
export function canReach(placement: Placement, destinationId: string): boolean {
  return (placement.destinations as readonly string[]).includes(destinationId);
}

export function reachableDestinations(placement: Placement): Destination[] {
  return placement.destinations.flatMap((id) => getDestination(id) ?? []);
}

export type LineLevel = {
  placement: ResolvedLevel;
  destination: ResolvedLevel;
  isReachable: boolean;
  effective: DataLevel;
  /** The side that gives the effective level ("both" when they are equal). */
  decidedBy: "placement" | "destination" | "both";
};

/**
 * The effective level of a placement landing on a destination (brief rule 3). A destination the
 * placement cannot reach captures nothing from it, so only the placement's own level counts.
 */
export function resolveLineLevel(placement: Placement, destination: Destination, overrides: readonly LevelOverride[] = []): LineLevel {
  const fromPlacement = placementLevel(placement, overrides);
  const fromDestination = destinationLevel(destination, overrides);
  const isReachable = canReach(placement, destination.id);
  if (!isReachable) {
    return { placement: fromPlacement, destination: fromDestination, isReachable, effective: fromPlacement.level, decidedBy: "placement" };
  }
  const difference = levelRank(fromDestination.level) - levelRank(fromPlacement.level);
  return {
    placement: fromPlacement,
    destination: fromDestination,
    isReachable,
    effective: effectiveLevel(fromPlacement.level, fromDestination.level),
    decidedBy: difference > 0 ? "destination" : difference < 0 ? "placement" : "both",
  };
}

// Level names as the UI shows them (app/i18n level.*), so sentence and badge agree.
const LEVEL_NAME: Record<Locale, Record<DataLevel, string>> = {
  en: { individual: "individual", transactional: "transactional", aggregated: "aggregated" },
  zh: { individual: "个人级", transactional: "交易级", aggregated: "聚合级" },
};

const PLATFORM_REPORTS: Record<Locale, Record<DataLevel, string>> = {
  en: { individual: "reports individual data", transactional: "reports transactional data", aggregated: "reports only aggregates" },
  zh: { individual: "提供个人级数据", transactional: "提供交易级数据", aggregated: "只提供聚合数据" },
};

const LEVEL_DATA_EN: Record<DataLevel, string> = { individual: "individual data", transactional: "transactional data", aggregated: "aggregates" };

export function levelName(level: DataLevel, locale: Locale): string {
  return LEVEL_NAME[locale][level];
}

function pick(locale: Locale, en: string, zh: string): string {
  return locale === "en" ? en : zh;
}

function describeOverrides(line: LineLevel, placement: Placement, destination: Destination, locale: Locale): string {
  const parts: string[] = [];
  const sides = [
    { resolved: line.placement, name: pick(locale, placement.nameEn, placement.nameZh) },
    { resolved: line.destination, name: pick(locale, destination.nameEn, destination.nameZh) },
  ];
  for (const { resolved, name } of sides) {
    if (!resolved.override) continue;
    const level = levelName(resolved.level, locale);
    const why = resolved.override.justification.trim();
    parts.push(pick(locale, `your organization set ${name} to ${level}: “${why}”`, `贵组织将${name}设为${level}：“${why}”`));
  }
  if (parts.length === 0) return "";
  return pick(locale, ` (${parts.join("; ")})`, `（${parts.join("；")}）`);
}

/**
 * Brief rule 3: one sentence on why a line has its effective level, e.g. "Douyin in-feed video ads →
 * WeChat mini program: individual data is captured in WeChat after the click; Douyin itself reports
 * only aggregates." Overrides in use are named with their justification.
 */
export function explainLevel(
  placement: Placement,
  destination: Destination,
  locale: Locale,
  overrides: readonly LevelOverride[] = [],
): string {
  const line = resolveLineLevel(placement, destination, overrides);
  const ecosystem = getEcosystem(placement.ecosystemId);
  const placementName = pick(locale, placement.nameEn, placement.nameZh);
  const destinationName = pick(locale, destination.nameEn, destination.nameZh);
  const platform = ecosystem ? pick(locale, ecosystem.shortNameEn, ecosystem.shortNameZh) : placementName;
  const route = `${placementName} → ${destinationName}`;
  const place = pick(locale, destination.capturePlaceEn, destination.capturePlaceZh);
  const reports = PLATFORM_REPORTS[locale][line.placement.level];
  const captured = levelName(line.destination.level, locale);
  const suffix = describeOverrides(line, placement, destination, locale);

  if (locale === "en") {
    let body: string;
    if (!line.isReachable && !destination.isClickOut) {
      body = `“${destinationName}” is not an option for ${placementName}, whose clicks always land somewhere; ${platform} itself ${reports}`;
    } else if (!line.isReachable) {
      body = `${route}: ${platform} cannot send traffic there, so the line gets only what ${platform} itself reports: ${LEVEL_DATA_EN[line.placement.level]}`;
    } else if (!destination.isClickOut) {
      body = `${route}: nothing is captured after the ad; ${platform} itself ${reports}`;
    } else if (line.decidedBy === "destination") {
      body = `${route}: ${captured} data is captured ${place} after the click; ${platform} itself ${reports}`;
    } else if (line.decidedBy === "both") {
      body = `${route}: ${platform} itself ${reports}, and nothing more open is captured ${place} after the click`;
    } else {
      body = `${route}: ${platform} itself ${reports}, more than is captured ${place} after the click`;
    }
    return `${body}${suffix}.`;
  }

  let body: string;
  if (!line.isReachable && !destination.isClickOut) {
    body = `${placementName}的点击总会跳转到某处，不能选择“${destinationName}”；${platform}本身${reports}`;
  } else if (!line.isReachable) {
    body = `${route}：${platform}无法将流量引向该目的地，因此该投放行只有${platform}本身提供的${levelName(line.placement.level, locale)}数据`;
  } else if (!destination.isClickOut) {
    body = `${route}：广告之后不获取任何数据；${platform}本身${reports}`;
  } else if (line.decidedBy === "destination") {
    body = `${route}：点击后在${place}获取${captured}数据；${platform}本身${reports}`;
  } else if (line.decidedBy === "both") {
    body = `${route}：${platform}本身${reports}，点击后在${place}也不会获取更开放的数据`;
  } else {
    body = `${route}：${platform}本身${reports}，比点击后在${place}获取的更开放`;
  }
  return `${body}${suffix}。`;
}
