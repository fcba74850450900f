import { weeksInRange } from "~/domain/dates";
import { derivePlan, type DerivedLine } from "~/domain/plan-derive";
import { planWarnings } from "~/domain/plan-warnings";
import type { Locale } from "~/i18n/config";
import { lineInputOf } from "~/domain/plan";
import { kpiTargetToInput } from "~/services/forms/planner.server";
import type { LoadedPlan } from "~/services/planner.server";
import { ecosystemOf, lineNamesFor, planOptionsOf } from "~/services/plan-options.server";
import type { PlanOptionsRef } from "./plan-options";

// The plan page in the reader's language: every derived figure computed here, once, on the server.

/**
 * A line as the page shows it and its forms start from: what a person sets (LineInput), its id and
 * version, and the figures derived on the server. Only what the page reads is sent (it is rendered and
 * then sent again for hydration): no measurement fields, no position, no empty estimate figures, and
 * no names: the page looks up the placement, ecosystem, destination and KPI in `names`, sent once.
 */
function lineView(derived: DerivedLine, view: PlanView) {
  const { line, estimate, flighting } = derived;
  return {
    ...lineInputOf(line),
    id: line.id,
    version: line.version,
    ecosystemId: line.ecosystemId,
    days: derived.days,
    /** The target as the person types it (a money target in yuan). */
    kpiTargetInput: kpiTargetToInput(line.kpiId, line.kpiTarget),
    level: derived.effectiveLevel,
    explanation: derived.levelExplanation,
    estimate: estimate
      ? {
          ...pickFigures(estimate),
          notes: estimate.notes,
          naturalCostFen: estimate.naturalCostFen,
          boughtDays: estimate.boughtDays,
        }
      : null,
    /** Fen per ISO week ("2027-W01"), only the weeks it spends in; only the calendar shows it. */
    flightWeeks:
      view === "calendar" && flighting.ok ? Object.fromEntries(flighting.weeks.filter((w) => w.amountFen > 0).map((w) => [w.week, w.amountFen])) : undefined,
  };
}

const SHOWN_FIGURES = ["impressions", "clicks", "views", "conversions"] as const;
type ShownFigure = (typeof SHOWN_FIGURES)[number];

/** The estimate's figures the table shows, each with where it came from; figures without a value are left out. */
function pickFigures(estimate: NonNullable<DerivedLine["estimate"]>) {
  const figures: Partial<Record<ShownFigure, number>> = {};
  const sources: Partial<Record<ShownFigure, string>> = {};
  for (const figure of SHOWN_FIGURES) {
    const value = estimate[figure];
    if (value === null || value === undefined) continue;
    figures[figure] = value;
    const source = estimate.sources[figure];
    if (source) sources[figure] = source;
  }
  return { figures, sources };
}

export type LineView = ReturnType<typeof lineView>;

/** Lines shown per page: the summary covers every line, the table and calendar one page at a time. */
export const LINES_PER_PAGE = 50;

/** The lines of a page as a table (the default) or as a calendar of ISO weeks: one of them is rendered. */
export type PlanView = "table" | "calendar";

/** The forms' options: none (no one may edit), inline (a form is open on arrival), or by reference. */
export type PlanPageRequest = { page: number; view: PlanView; forms: "none" | "inline" | "reference"; optionsHref: (version: string) => string };

/** The view a page's address asks for (`?view=calendar`; the table otherwise). */
export function planViewOf(query: URLSearchParams): PlanView {
  return query.get("view") === "calendar" ? "calendar" : "table";
}

export function planPageData(plan: LoadedPlan, locale: Locale, request: PlanPageRequest) {
  const { view } = request;
  const { snapshot, catalog } = plan;
  const options = planOptionsOf(catalog, locale);
  const campaign = snapshot.campaign;
  const derived = derivePlan(snapshot, catalog, locale);
  const pageCount = Math.max(1, Math.ceil(derived.lines.length / LINES_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(request.page) || 1), pageCount);
  const offset = (page - 1) * LINES_PER_PAGE;
  const pageLines = derived.lines.slice(offset, offset + LINES_PER_PAGE);
  const lines = pageLines.map((line) => lineView(line, view));
  const summary = derived.summary;
  const warnings = planWarnings({
    campaign: { start: campaign.startDate, end: campaign.endDate, budgetFen: campaign.budgetFen },
    lines: derived.lines.map(({ line, placement, level, estimate, days }) => {
      const bounds = placement?.bidBoundsFen[line.buyingModel];
      return {
        id: line.id,
        name: line.name,
        start: line.startDate,
        end: line.endDate,
        budgetFen: line.budgetFen,
        buyingModel: line.buyingModel,
        unitCostFen: line.unitCostFen ?? undefined,
        bidBoundsFen: bounds ? { minFen: bounds.minFen, maxFen: bounds.maxFen } : undefined,
        destinationReachable: level?.isReachable ?? false,
        fixedCost:
          estimate?.naturalCostFen != null && estimate.boughtDays !== null ? { naturalCostFen: estimate.naturalCostFen, days, boughtDays: estimate.boughtDays } : undefined,
      };
    }),
  });
  return {
    campaign,
    lines,
    lineOffset: offset,
    linesPerPage: LINES_PER_PAGE,
    totalLines: derived.lines.length,
    page,
    pageCount,
    summary: {
      ...summary,
      byEcosystem: summary.byEcosystem.map((s) => ({ ...s, ...ecosystemOf(s.key, locale) })),
    },
    warnings,
    coverage: derived.coverage,
    view,
    /** The campaign's ISO weeks, for the calendar. */
    weeks: view === "calendar" ? weeksInRange(campaign.startDate, campaign.endDate).map((w) => ({ week: w.week, start: w.start, end: w.end })) : [],
    /** Names of what this page's lines use; the forms' full lists come by reference (or inline, when a form is open from the start). */
    names: lineNamesFor(pageLines.map((d) => d.line), options, locale),
    options: request.forms === "none" ? null : request.forms === "inline" ? options.options : ({ href: request.optionsHref(options.version) } as PlanOptionsRef),
  };
}

export type PlanPageData = ReturnType<typeof planPageData>;
