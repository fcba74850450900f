import { createHash } from "node:crypto";
import { isDocumentRequest } from "~/request-memo.server";
import type { Locale } from "./config";
import en, { type Resources } from "./en";
import type { RouteStrings } from "./i18n";
import zh from "./zh";

const resources: Record<Locale, Resources> = { en, zh };

export type ResourceGroup = keyof Resources;
export type PartialResources = Partial<Resources>;

/** Sent with every page by the root loader: the shell, errors, levels, roles, validation. */
export const COMMON_GROUPS: ResourceGroup[] = ["app", "language", "nav", "level", "roles", "orgKind", "validation", "model", "toast", "errors"];

export function isResourceGroup(name: string): name is ResourceGroup {
  return Object.hasOwn(en, name);
}

export function getResources(locale: Locale): Resources {
  return resources[locale];
}

const picked = new Map<string, PartialResources>();

/** The named groups of strings, for a route loader to send with its data (cached per locale and set). */
export function getResourceGroups(locale: Locale, groups: readonly ResourceGroup[]): PartialResources {
  const key = `${locale}|${groups.join(",")}`;
  let bundle = picked.get(key);
  if (!bundle) {
    bundle = Object.fromEntries(groups.map((group) => [group, resources[locale][group]])) as PartialResources;
    picked.set(key, bundle);
  }
  return bundle;
}

/** Changes whenever any string does: the strings' URL carries it, so a browser may keep the file for good. */
export const STRINGS_VERSION = createHash("sha256").update(JSON.stringify(resources)).digest("hex").slice(0, 12);

/** Where the browser fetches groups of strings (app/routes/strings.$lng.$groups.tsx). */
export function stringsHref(locale: Locale, groups: readonly ResourceGroup[]): string {
  return `/strings/${locale}/${groups.join(",")}?v=${STRINGS_VERSION}`;
}

/**
 * A route loader's strings in the requester's language. A page's HTML names them by reference (the
 * browser fetches that file, cached, before it hydrates: entry.client.tsx; the server's own i18n holds
 * every string); a client-side navigation's data carries them, since the route renders as it arrives.
 */
export async function routeStrings(request: Request, groups: readonly ResourceGroup[]): Promise<RouteStrings> {
  const { getLocale } = await import("./locale.server");
  const locale = await getLocale(request);
  if (isDocumentRequest()) return { href: stringsHref(locale, groups), locale };
  return getResourceGroups(locale, groups);
}
