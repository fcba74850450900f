import { createHash } from "node:crypto";
import { CATALOG_VERSION, getDestination, getEcosystem, KPIS } from "~/domain/catalog";
import type { Locale } from "~/i18n/config";
import { inScope, type ClientAccess } from "~/tenancy/access.server";
import { loadOrganizationCatalog, type OrganizationCatalog } from "./catalog.server";

// What the plan page's forms choose from (placements by ecosystem, their destinations and buying models,
// KPIs), in the reader's language. The same for every plan of an organization until its catalog changes,
// so the page names it by reference and the browser keeps the file for that version; the page itself
// sends only the names of what its lines use.

const pick = (locale: Locale, en: string, zh: string) => (locale === "zh" ? zh : en);
const FALLBACK_COLOR = "#64748b";

/** An ecosystem's name in the reader's language and its colour. */
export function ecosystemOf(id: string, locale: Locale) {
  const e = getEcosystem(id);
  return { label: e ? pick(locale, e.nameEn, e.nameZh) : id, color: e?.colorHex ?? FALLBACK_COLOR };
}

function buildOptions(catalog: OrganizationCatalog, locale: Locale) {
  return {
    placements: catalog.placements.map((p) => ({
      id: p.id,
      name: pick(locale, p.nameEn, p.nameZh),
      ecosystemId: p.ecosystemId,
      destinations: [...p.destinations],
      buyingModels: [...p.buyingModels],
      defaultBuyingModel: p.defaultBuyingModel,
    })),
    destinations: Object.fromEntries(
      [...new Set(catalog.placements.flatMap((p) => p.destinations))].flatMap((id) => {
        const d = getDestination(id);
        return d ? [[id, { name: pick(locale, d.nameEn, d.nameZh), level: d.captureLevel }]] : [];
      }),
    ) as Record<string, { name: string; level: NonNullable<ReturnType<typeof getDestination>>["captureLevel"] }>,
    ecosystems: [...new Set(catalog.placements.map((p) => p.ecosystemId))].map((id) => ({ id, ...ecosystemOf(id, locale) })),
    kpis: KPIS.map((k) => ({ id: k.id, name: pick(locale, k.nameEn, k.nameZh), requiredLevel: k.requiredLevel, unit: k.unit })),
  };
}

export type PlanOptions = ReturnType<typeof buildOptions>;

/** The options as the resource route sends them, and the version their address carries. */
type Built = { options: PlanOptions; json: string; version: string; placementNames: Map<string, string>; kpis: Map<string, PlanOptions["kpis"][number]> };

/** Made once per locale and custom placements (most organizations have none): never per request. */
const built = new Map<string, Built>();
const MAX_KEPT = 500;

export function planOptionsOf(catalog: OrganizationCatalog, locale: Locale): Built {
  const customs = catalog.placements.filter((p) => p.isCustom);
  const key = `${locale}|${customs.length === 0 ? "" : JSON.stringify(customs.map((p) => [p.id, p.nameEn, p.nameZh, p.ecosystemId, p.destinations, p.buyingModels, p.defaultBuyingModel]))}`;
  let entry = built.get(key);
  if (!entry) {
    const options = buildOptions(catalog, locale);
    const json = JSON.stringify(options);
    entry = {
      options,
      json,
      version: createHash("sha256").update(CATALOG_VERSION).update(json).digest("hex").slice(0, 12),
      placementNames: new Map(options.placements.map((p) => [p.id, p.name])),
      kpis: new Map(options.kpis.map((k) => [k.id, k])),
    };
    if (built.size >= MAX_KEPT) built.delete(built.keys().next().value!);
    built.set(key, entry);
  }
  return entry;
}

/** Where the browser fetches a client account's options (the route o.$orgSlug.clients.$clientId.plan-options.$lng). */
export function planOptionsHref(orgSlug: string, clientId: string, locale: Locale, version: string): string {
  return `/o/${orgSlug}/clients/${clientId}/plan-options/${locale}?v=${version}`;
}

function destinationName(id: string, locale: Locale): string | undefined {
  const d = getDestination(id);
  return d ? pick(locale, d.nameEn, d.nameZh) : undefined;
}

type Kpi = PlanOptions["kpis"][number];

/**
 * The names a page's lines show (placement, ecosystem and its colour, destination, KPI and its unit), only
 * those: the page renders its rows from these before (and without) the options. An id the catalog no longer
 * has (a removed custom placement) gets no name and is shown as it is.
 */
export function lineNamesFor(lines: readonly { placementId: string; ecosystemId: string; destinationId: string; kpiId: string | null }[], built: Built, locale: Locale) {
  const placements: Record<string, string> = {};
  const ecosystems: Record<string, { label: string; color: string }> = {};
  const destinations: Record<string, string> = {};
  const kpis: Record<string, { name: string; unit: Kpi["unit"] }> = {};
  for (const line of lines) {
    const placement = built.placementNames.get(line.placementId);
    if (placement !== undefined) placements[line.placementId] = placement;
    ecosystems[line.ecosystemId] ??= ecosystemOf(line.ecosystemId, locale);
    const destination = built.options.destinations[line.destinationId]?.name ?? destinationName(line.destinationId, locale);
    if (destination !== undefined) destinations[line.destinationId] = destination;
    const kpi = line.kpiId ? built.kpis.get(line.kpiId) : undefined;
    if (kpi) kpis[kpi.id] = { name: kpi.name, unit: kpi.unit };
  }
  return { placements, ecosystems, destinations, kpis };
}

export type LineNames = ReturnType<typeof lineNamesFor>;

/** A client account's options in a language, for the resource route: the organization's catalog, one statement. */
export async function getPlanOptions(access: ClientAccess, locale: Locale): Promise<Built> {
  const catalog = await inScope(access, (scope) => loadOrganizationCatalog(scope));
  return planOptionsOf(catalog, locale);
}
