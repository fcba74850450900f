import type { Locale } from "./config";
import en, { type Resources } from "./en";
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

/** A route loader's strings in the requester's language. */
export async function routeStrings(request: Request, groups: readonly ResourceGroup[]): Promise<PartialResources> {
  const { getLocale } = await import("./locale.server");
  return getResourceGroups(await getLocale(request), groups);
}
