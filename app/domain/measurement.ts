// The measurement plan (issue 6; brief rules 4 and 5): one row per KPI × line saying whether the
// line's data level lets the KPI be measured, how, by whom and when — and what to do if it cannot.
import {
  getDataProduct,
  getDestination,
  getEcosystem,
  getKpi,
  getMeasurementMethod,
  MEASUREMENT_METHODS,
  type DataProductId,
  type Destination,
  type DestinationId,
  type Kpi,
  type KpiId,
  type Locale,
  type MeasurementMethod,
  type MeasurementMethodId,
  type MeasurementOwner,
  type Placement,
} from "./catalog";
import { levelRank, meetsLevel, type DataLevel } from "./data-level";
import { explainLevel, isMeasurable, levelName, resolveLineLevel, type LevelOverride, type LineLevel } from "./openness";

/** A line of the plan with one of its KPIs; a line with several KPIs appears once per KPI, with the same id. */
export type MeasurementLine = {
  id: string;
  placement: Placement;
  destinationId: DestinationId;
  kpiId: KpiId;
  budgetFen: number;
  /** The KPI the line is bought for; when no entry of a line says so, its first entry is primary. */
  isPrimaryKpi?: boolean;
  /** The method the planner chose for the row (typed or applied as an alternative); null or absent: none chosen. */
  plannedMethodId?: string | null;
};

/** The part of a line that decides its data level. */
export type LineRoute = Pick<MeasurementLine, "placement" | "destinationId">;

export type DestinationAlternative = {
  kind: "change-destination";
  /** Applying it changes the plan (one click in the UI). */
  scope: "plan";
  destinationId: DestinationId;
  resultingLevel: DataLevel;
  explanationEn: string;
  explanationZh: string;
};

export type MethodAlternative = {
  kind: "data-product" | "experiment" | "mmm";
  /** Applying it changes how the KPI is measured, not the plan; the result is an aggregate estimate. */
  scope: "method";
  methodId: MeasurementMethodId;
  dataProductId: DataProductId | null;
  outputLevel: DataLevel;
  owner: MeasurementOwner;
  lagDays: number;
  /** Brief rule 5: the method works on the brand's own data, which needs the consumer's consent. */
  needsConsent: boolean;
  explanationEn: string;
  explanationZh: string;
};

export type Alternative = DestinationAlternative | MethodAlternative;

/**
 * What the planner's chosen method does for a row (issue 12). "measures": it gives the KPI at the level
 * the KPI needs on this line. Otherwise why it cannot: it gives less than the KPI needs, it does not
 * report the KPI, the line is too closed for it, or it is another ecosystem's data product.
 */
export type PlannedMethodStatus = "measures" | "below-required" | "kpi-not-covered" | "line-too-closed" | "other-ecosystem";

export type PlannedMethod = {
  methodId: MeasurementMethodId;
  status: PlannedMethodStatus;
  /** What the method hands back to the brand. */
  outputLevel: DataLevel;
  /** The least open line the method works on. */
  minLineLevel: DataLevel;
};

export type MeasurementRow = {
  lineId: string;
  kpiId: KpiId;
  isPrimaryKpi: boolean;
  budgetFen: number;
  placementId: string;
  destinationId: DestinationId;
  requiredLevel: DataLevel;
  effectiveLevel: DataLevel;
  /** How the effective level came about, with any override and its justification. */
  lineLevel: LineLevel;
  isMeasurable: boolean;
  methodId: MeasurementMethodId | null;
  dataSourceEn: string | null;
  dataSourceZh: string | null;
  owner: MeasurementOwner | null;
  lagDays: number | null;
  /** Seed 003: the vendor who built the touchpoint often holds the data; the contract must grant access. */
  needsDataAccessClause: boolean;
  /** Why the KPI is or is not measurable on this line, in one sentence. */
  explanationEn: string;
  explanationZh: string;
  /** Why the line has its effective level, in one sentence (brief rule 3). */
  levelExplanationEn: string;
  levelExplanationZh: string;
  /** Empty when the KPI is measurable. */
  alternatives: Alternative[];
  /**
   * The planner's chosen method and what it does here; null when none (or an unknown one) is chosen.
   * It never changes isMeasurable (brief rule 4: only the effective level does); when it measures the
   * KPI, the row's method, source, owner, lag and verdict are its own.
   */
  plannedMethod: PlannedMethod | null;
};

function requireKpi(id: KpiId): Kpi {
  const kpi = getKpi(id);
  if (!kpi) throw new Error(`Unknown KPI "${id}"`);
  return kpi;
}

function requireDestination(id: DestinationId): Destination {
  const destination = getDestination(id);
  if (!destination) throw new Error(`Unknown destination "${id}"`);
  return destination;
}

function pick(locale: Locale, en: string, zh: string): string {
  return locale === "en" ? en : zh;
}

/** Whether the method can measure the KPI on a line at this level, at the granularity the KPI needs. */
function measuresAsRequired(method: MeasurementMethod, kpi: Kpi, placement: Placement, effective: DataLevel): boolean {
  return (
    method.kpiIds.includes(kpi.id) &&
    meetsLevel(effective, method.minLineLevel) &&
    meetsLevel(method.outputLevel, kpi.requiredLevel) &&
    (method.dataProductId === null || placement.dataProducts.includes(method.dataProductId))
  );
}

/**
 * Issue 12: what a chosen method can do for a KPI on a line. A method works on the data the line gives
 * back, so it never reports more than the line's level (brief rule 4; seed 001: closed platforms hand
 * back aggregates only) — "measures" needs the line itself to be measurable.
 */
export function assessPlannedMethod(method: MeasurementMethod, kpi: Kpi, placement: Placement, effective: DataLevel): PlannedMethod {
  const status: PlannedMethodStatus =
    method.dataProductId !== null && !placement.dataProducts.includes(method.dataProductId)
      ? "other-ecosystem"
      : !method.kpiIds.includes(kpi.id)
        ? "kpi-not-covered"
        : !meetsLevel(effective, method.minLineLevel)
          ? "line-too-closed"
          : !meetsLevel(method.outputLevel, kpi.requiredLevel) || !isMeasurable(effective, kpi.requiredLevel)
            ? "below-required"
            : "measures";
  return { methodId: method.id, status, outputLevel: method.outputLevel, minLineLevel: method.minLineLevel };
}

/**
 * The method for a measurable KPI: the one that uses the most open data the line gives (orders on a
 * WeChat line come from first-party data, not a CRM match); ties go to catalog order, platform reports first.
 */
export function chooseMethod(placement: Placement, kpi: Kpi, effective: DataLevel): MeasurementMethod | null {
  let best: MeasurementMethod | null = null;
  for (const method of MEASUREMENT_METHODS) {
    if (!measuresAsRequired(method, kpi, placement, effective)) continue;
    if (!best || levelRank(method.minLineLevel) > levelRank(best.minLineLevel)) best = method;
  }
  return best;
}

function describeDataSource(method: MeasurementMethod, placement: Placement, destination: Destination, line: LineLevel, locale: Locale): string {
  const ecosystem = getEcosystem(placement.ecosystemId);
  const adPlatform = ecosystem ? pick(locale, ecosystem.adPlatformEn, ecosystem.adPlatformZh) : pick(locale, placement.nameEn, placement.nameZh);
  switch (method.kind) {
    case "first-party":
    case "crm-matching":
      // The data sits where the effective level is captured: the destination, or the platform when an override put it there.
      return line.decidedBy === "placement" ? adPlatform : pick(locale, destination.nameEn, destination.nameZh);
    case "platform-report":
      return pick(locale, `${adPlatform} reports`, `${adPlatform}报告`);
    default:
      return pick(locale, method.nameEn, method.nameZh);
  }
}

/** A method's name inside an English sentence: "brand-lift study", but "CRM order matching" and product names as they are. */
export function methodInSentenceEn(method: MeasurementMethod): string {
  const name = method.nameEn;
  const isProperName = method.kind === "data-product" || /^.[A-Z]/.test(name);
  return isProperName ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

function explainDestinationChange(destination: Destination, level: DataLevel, kpi: Kpi, locale: Locale): string {
  return pick(
    locale,
    `Change the landing destination to ${destination.nameEn}: it gives ${levelName(level, "en")} data, enough for “${kpi.nameEn}”.`,
    `将落地目的地改为${destination.nameZh}：可获得${levelName(level, "zh")}数据，足以衡量“${kpi.nameZh}”。`,
  );
}

function explainMethodAlternative(method: MeasurementMethod, kpi: Kpi, needsConsent: boolean, locale: Locale): string {
  const consentEn = needsConsent ? "; it works on the brand's own data, which needs consumers' consent" : "";
  const consentZh = needsConsent ? "；需使用品牌自有数据，须经消费者同意" : "";
  switch (method.kind) {
    case "experiment":
      return pick(
        locale,
        `Estimate the line's incremental “${kpi.nameEn}” with a ${methodInSentenceEn(method)}, in aggregate.`,
        `通过${method.nameZh}以聚合方式估算该投放行带来的增量“${kpi.nameZh}”。`,
      );
    case "mmm":
      return pick(
        locale,
        `Estimate the channel's contribution to “${kpi.nameEn}” with ${methodInSentenceEn(method)}, in aggregate and at channel level.`,
        `通过${method.nameZh}以聚合方式估算该渠道对“${kpi.nameZh}”的贡献（渠道层面）。`,
      );
    default:
      return pick(
        locale,
        `Measure “${kpi.nameEn}” in aggregate through ${methodInSentenceEn(method)}${consentEn}.`,
        `通过${method.nameZh}以聚合方式衡量“${kpi.nameZh}”${consentZh}。`,
      );
  }
}

/**
 * Brief rule 4: what can be done when a KPI is not measurable on a line — land somewhere the
 * placement can reach that captures enough, or measure through a data product, an experiment or MMM.
 * Empty when the KPI is already measurable.
 */
export function suggestAlternatives(route: LineRoute, kpiId: KpiId, overrides: readonly LevelOverride[] = []): Alternative[] {
  const kpi = requireKpi(kpiId);
  const { placement } = route;
  const current = resolveLineLevel(placement, requireDestination(route.destinationId), overrides);
  if (isMeasurable(current.effective, kpi.requiredLevel)) return [];

  const alternatives: Alternative[] = [];
  // Only destinations this placement can really reach (a Baidu line is never offered a WeChat mini program).
  for (const destinationId of placement.destinations) {
    if (destinationId === route.destinationId) continue;
    const destination = requireDestination(destinationId);
    const resulting = resolveLineLevel(placement, destination, overrides).effective;
    if (!isMeasurable(resulting, kpi.requiredLevel)) continue;
    alternatives.push({
      kind: "change-destination",
      scope: "plan",
      destinationId,
      resultingLevel: resulting,
      explanationEn: explainDestinationChange(destination, resulting, kpi, "en"),
      explanationZh: explainDestinationChange(destination, resulting, kpi, "zh"),
    });
  }

  for (const method of MEASUREMENT_METHODS) {
    if (method.kind !== "data-product" && method.kind !== "experiment" && method.kind !== "mmm") continue;
    if (!method.kpiIds.includes(kpi.id) || !meetsLevel(current.effective, method.minLineLevel)) continue;
    if (method.dataProductId !== null && !placement.dataProducts.includes(method.dataProductId)) continue;
    const needsConsent = method.dataProductId !== null && (getDataProduct(method.dataProductId)?.usesBrandData ?? false);
    alternatives.push({
      kind: method.kind,
      scope: "method",
      methodId: method.id,
      dataProductId: method.dataProductId,
      outputLevel: method.outputLevel,
      owner: method.defaultOwner,
      lagDays: method.lagDays,
      needsConsent,
      explanationEn: explainMethodAlternative(method, kpi, needsConsent, "en"),
      explanationZh: explainMethodAlternative(method, kpi, needsConsent, "zh"),
    });
  }
  return alternatives;
}

/** The line after an alternative is applied: a plan change moves its destination; a method change leaves it as it is. */
export function applyAlternative<T extends LineRoute>(line: T, alternative: Alternative): T {
  return alternative.kind === "change-destination" ? { ...line, destinationId: alternative.destinationId } : line;
}

function explainMeasurability(
  kpi: Kpi,
  route: string,
  effective: DataLevel,
  method: MeasurementMethod | null,
  locale: Locale,
): string {
  const required = levelName(kpi.requiredLevel, locale);
  const actual = levelName(effective, locale);
  const kpiName = pick(locale, `“${kpi.nameEn}”`, `“${kpi.nameZh}”`);
  if (!isMeasurable(effective, kpi.requiredLevel)) {
    return pick(
      locale,
      `${kpiName} needs ${required} data, but the line (${route}) gives back only ${actual} data, so it is not measurable as planned.`,
      `${kpiName}需要${required}数据，但该投放行（${route}）只能拿回${actual}数据，按当前计划无法衡量。`,
    );
  }
  if (!method) {
    return pick(
      locale,
      `${kpiName} needs ${required} data and this line gives ${actual} data, but no method in the catalog reports it yet.`,
      `${kpiName}需要${required}数据，此投放行提供${actual}数据，但目录中尚无可报告它的方法。`,
    );
  }
  return pick(
    locale,
    `${kpiName} needs ${required} data and this line gives ${actual} data, so it is measurable through ${methodInSentenceEn(method)}.`,
    `${kpiName}需要${required}数据，此投放行提供${actual}数据，可通过${method.nameZh}衡量。`,
  );
}

/** The primary entry of each line id: the one marked primary, else the line's first entry. */
function primaryEntries(lines: readonly MeasurementLine[]): Map<string, MeasurementLine> {
  const primary = new Map<string, MeasurementLine>();
  for (const line of lines) {
    const chosen = primary.get(line.id);
    if (!chosen || (line.isPrimaryKpi === true && chosen.isPrimaryKpi !== true)) primary.set(line.id, line);
  }
  return primary;
}

/** One row per KPI × line, in the order of the lines given (issue 6, "The plan"). */
export function buildMeasurementRows(lines: readonly MeasurementLine[], overrides: readonly LevelOverride[] = []): MeasurementRow[] {
  const primary = primaryEntries(lines);
  return lines.map((line) => {
    const kpi = requireKpi(line.kpiId);
    const destination = requireDestination(line.destinationId);
    const level = resolveLineLevel(line.placement, destination, overrides);
    const measurable = isMeasurable(level.effective, kpi.requiredLevel);
    const chosen = line.plannedMethodId ? getMeasurementMethod(line.plannedMethodId) : undefined;
    const plannedMethod = chosen ? assessPlannedMethod(chosen, kpi, line.placement, level.effective) : null;
    // The planner's method when it measures the KPI as required (issue 12), else the best one the catalog has.
    const method = !measurable ? null : chosen && plannedMethod?.status === "measures" ? chosen : chooseMethod(line.placement, kpi, level.effective);
    const routeEn = `${line.placement.nameEn} → ${destination.nameEn}`;
    const routeZh = `${line.placement.nameZh} → ${destination.nameZh}`;
    return {
      lineId: line.id,
      kpiId: kpi.id,
      isPrimaryKpi: primary.get(line.id) === line,
      budgetFen: line.budgetFen,
      placementId: line.placement.id,
      destinationId: destination.id,
      requiredLevel: kpi.requiredLevel,
      effectiveLevel: level.effective,
      lineLevel: level,
      isMeasurable: measurable,
      methodId: method?.id ?? null,
      dataSourceEn: method ? describeDataSource(method, line.placement, destination, level, "en") : null,
      dataSourceZh: method ? describeDataSource(method, line.placement, destination, level, "zh") : null,
      owner: method?.defaultOwner ?? null,
      lagDays: method?.lagDays ?? null,
      needsDataAccessClause: method?.needsDataAccessClause ?? false,
      explanationEn: explainMeasurability(kpi, routeEn, level.effective, method, "en"),
      explanationZh: explainMeasurability(kpi, routeZh, level.effective, method, "zh"),
      levelExplanationEn: explainLevel(line.placement, destination, "en", overrides),
      levelExplanationZh: explainLevel(line.placement, destination, "zh", overrides),
      alternatives: measurable ? [] : suggestAlternatives(line, kpi.id, overrides),
      plannedMethod,
    };
  });
}

export type CoverageScore = { coveredFen: number; uncoveredFen: number; totalFen: number; ratio: number };

function assertBudgetFen(budgetFen: number, lineId: string) {
  if (!Number.isSafeInteger(budgetFen) || budgetFen < 0) {
    throw new RangeError(`Line "${lineId}": budgetFen must be a non-negative integer number of fen, got ${budgetFen}`);
  }
}

/**
 * Issue 6 "Coverage score": the share of budget whose primary KPI is measurable as planned. Each line
 * counts once, with the budget of its primary entry; alternatives by method do not count (not "as planned").
 */
export function coverageScore(lines: readonly MeasurementLine[], overrides: readonly LevelOverride[] = []): CoverageScore {
  let coveredFen = 0;
  let uncoveredFen = 0;
  for (const line of primaryEntries(lines).values()) {
    assertBudgetFen(line.budgetFen, line.id);
    const kpi = requireKpi(line.kpiId);
    const level = resolveLineLevel(line.placement, requireDestination(line.destinationId), overrides);
    if (isMeasurable(level.effective, kpi.requiredLevel)) coveredFen += line.budgetFen;
    else uncoveredFen += line.budgetFen;
  }
  const totalFen = coveredFen + uncoveredFen;
  if (!Number.isSafeInteger(totalFen)) throw new RangeError("Total budget exceeds the safe integer range of fen");
  return { coveredFen, uncoveredFen, totalFen, ratio: totalFen === 0 ? 0 : coveredFen / totalFen };
}

// --- Identity bridge (brief rule 5; seed 003) -------------------------------------------------

export type IdentityBridge = {
  destinationId: DestinationId;
  conversions: number;
  /** Share of converters who bind a phone number to their WeChat ID: a planned assumption, never free. */
  bindingRate: number;
  expectedBoundCustomers: number;
  /** Seeds 001 and 003: data is collected and bound only with the consumer's consent. */
  requiresConsent: true;
  /** Brief rule 5: matching the phone number in another ecosystem (e.g. Alibaba) needs consent too. */
  crossEcosystemMatchingRequiresConsent: true;
};

/** Seed 003: a WeChat ID is bound to a phone number at membership sign-up, for a coupon, … */
export function canBindIdentity(destinationId: DestinationId): boolean {
  return getDestination(destinationId)?.supportsIdentityBinding ?? false;
}

/** Expected customers with a phone number bound to their WeChat ID, rounded to whole people. */
export function expectedBoundCustomers(conversions: number, bindingRate: number): number {
  if (!Number.isFinite(conversions) || conversions < 0) throw new RangeError(`conversions must be a non-negative number, got ${conversions}`);
  if (!Number.isFinite(bindingRate) || bindingRate < 0 || bindingRate > 1) {
    throw new RangeError(`bindingRate must be a ratio between 0 and 1, got ${bindingRate}`);
  }
  return Math.round(conversions * bindingRate);
}

/** The identity-bridge step of a line landing in WeChat; null for destinations where no WeChat ID can be bound. */
export function planIdentityBridge(destinationId: DestinationId, conversions: number, bindingRate: number): IdentityBridge | null {
  if (!canBindIdentity(destinationId)) return null;
  return {
    destinationId,
    conversions,
    bindingRate,
    expectedBoundCustomers: expectedBoundCustomers(conversions, bindingRate),
    requiresConsent: true,
    crossEcosystemMatchingRequiresConsent: true,
  };
}
