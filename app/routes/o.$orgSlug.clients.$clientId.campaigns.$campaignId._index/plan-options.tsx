import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { LineNames, PlanOptions } from "~/services/plan-options.server";
import type { LineView } from "./view.server";

export type { PlanOptions };
/** The forms' options by address (services/plan-options.server.ts): the same for all of a client account's plans until its catalog changes. */
export type PlanOptionsRef = { href: string };

/** Fetched options by address, for the page's life (the address changes with the catalog). */
const fetched = new Map<string, PlanOptions>();
const pending = new Map<string, Promise<PlanOptions | null>>();

function load(href: string): Promise<PlanOptions | null> {
  let request = pending.get(href);
  if (!request) {
    request = fetch(href, { credentials: "same-origin" })
      .then(async (response) => {
        if (!response.ok) return null;
        const options = (await response.json()) as PlanOptions;
        fetched.set(href, options);
        return options;
      })
      .catch(() => null)
      .finally(() => pending.delete(href));
    pending.set(href, request);
  }
  return request;
}

export type OptionsState = { options: PlanOptions | null; failed: boolean; retry: () => void };

/**
 * The forms' options: given with the page, or fetched once the page is interactive (from the browser's
 * cache after the first time), so they are there by the time a form is opened.
 */
export function usePlanOptions(source: PlanOptions | PlanOptionsRef | null): OptionsState {
  const href = source && "href" in source ? source.href : null;
  const [failedHref, setFailedHref] = useState<string | null>(null);
  const [, setLoaded] = useState(0);
  // While a new version comes (a custom placement was added, or the plan's first line made the page
  // name its options by address), the forms keep the ones they had rather than blink.
  const last = useRef<PlanOptions | null>(null);
  const start = useCallback(() => {
    if (!href || fetched.has(href)) return;
    setFailedHref(null);
    void load(href).then((options) => (options ? setLoaded((n) => n + 1) : setFailedHref(href)));
  }, [href]);
  useEffect(start, [start]);
  if (!source) return { options: null, failed: false, retry: start };
  const options = href ? (fetched.get(href) ?? last.current) : (source as PlanOptions);
  last.current = options;
  return { options, failed: !options && failedHref === href, retry: start };
}

/** What a row shows of its line's placement, ecosystem, destination and KPI. */
export type LineLabels = { placement: string; ecosystem: string; color: string; destination: string; kpi: string | null; kpiUnit: string | null };

const FALLBACK_COLOR = "#64748b";

/** A line's names in the reader's language, from the page's names; an id they do not know (a removed custom placement) is shown as it is. */
export function lineLabels(names: LineNames, line: LineView): LineLabels {
  const ecosystem = names.ecosystems[line.ecosystemId];
  const kpi = line.kpiId ? names.kpis[line.kpiId] : undefined;
  return {
    placement: names.placements[line.placementId] ?? line.placementId,
    ecosystem: ecosystem?.label ?? line.ecosystemId,
    color: ecosystem?.color ?? FALLBACK_COLOR,
    destination: names.destinations[line.destinationId] ?? line.destinationId,
    kpi: kpi?.name ?? line.kpiId,
    kpiUnit: kpi?.unit ?? null,
  };
}

/** A form that needs the options: shown once they are here, with a word while they come and a way to ask again. */
export function OptionsGate({ state, children }: { state: OptionsState; children: (options: PlanOptions) => ReactNode }) {
  const { t } = useTranslation();
  if (state.options) return <>{children(state.options)}</>;
  if (!state.failed) return <p className="text-sm text-slate-600" role="status">{t("planner.optionsLoading")}</p>;
  return (
    <p className="text-sm text-red-800" role="alert">
      {t("planner.optionsFailed")}{" "}
      <button type="button" className="btn-secondary" onClick={state.retry}>
        {t("planner.optionsRetry")}
      </button>
    </p>
  );
}
