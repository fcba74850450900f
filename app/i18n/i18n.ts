import i18next, { type i18n } from "i18next";
import { useRouteLoaderData } from "@remix-run/react";
import { initReactI18next, useTranslation } from "react-i18next";
import type { loader as rootLoader } from "~/root";
import { DEFAULT_LOCALE, type Locale } from "./config";
import type { Resources } from "./en";

// One instance per locale per process (server) or page (browser); never one per request.
const instances = new Map<Locale, i18n>();

/**
 * A route's strings: the groups themselves (a client-side navigation's data), or on a page's HTML a
 * reference to them, which the browser fetched before hydrating (`loadReferencedStrings`).
 */
export type RouteStrings = Partial<Resources> | StringsRef;
export type StringsRef = { href: string; locale: Locale };

export function isStringsRef(strings: unknown): strings is StringsRef {
  return typeof strings === "object" && strings !== null && typeof (strings as StringsRef).href === "string" && typeof (strings as StringsRef).locale === "string";
}

/** Strings fetched before the instance for their locale exists (the browser, before hydration). */
const early = new Map<Locale, Partial<Resources>[]>();

/** Adds fetched strings to a locale's instance (or keeps them for it). */
export function addStrings(locale: Locale, bundle: Partial<Resources>): void {
  const instance = instances.get(locale);
  if (instance) instance.addResourceBundle(locale, "translation", bundle, true, true);
  else early.set(locale, [...(early.get(locale) ?? []), bundle]);
}

/** Attribute of the <link rel="preload"> the root puts in the page's head for each referenced set of strings. */
export const STRINGS_LINK_ATTRIBUTE = "data-strings-locale";

/** In the browser before hydrating: fetches every set of strings the page refers to. A failure leaves the keys to show. */
export async function loadReferencedStrings(): Promise<void> {
  const links = [...document.querySelectorAll<HTMLLinkElement>(`link[${STRINGS_LINK_ATTRIBUTE}]`)];
  await Promise.all(
    links.map(async (link) => {
      try {
        const response = await fetch(link.href, { credentials: "same-origin" });
        if (response.ok) addStrings(link.getAttribute(STRINGS_LINK_ATTRIBUTE) as Locale, (await response.json()) as Partial<Resources>);
      } catch {
        // Offline or refused: the page stays as the server rendered it until the next navigation.
      }
    }),
  );
}

/** The instance for a locale, created from the first strings given (the server primes it with all of them; a reference was fetched before hydrating). */
export function getI18n(locale: Locale, strings: RouteStrings): i18n {
  const resources = isStringsRef(strings) ? {} : strings;
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      lng: locale,
      fallbackLng: false,
      resources: { [locale]: { translation: resources } },
      interpolation: { escapeValue: false }, // React escapes.
      initImmediate: false,
      returnNull: false,
    });
    rememberPlainLookUps(instance, locale);
    instances.set(locale, instance);
    for (const bundle of early.get(locale) ?? []) instance.addResourceBundle(locale, "translation", bundle, true, true);
    early.delete(locale);
  }
  return instance;
}

/**
 * A key looked up with no values to put in (most of a page's words) gives the same text until strings are
 * added, so each instance remembers it: a 2,000-line page asks for the same few dozen words per row.
 */
function rememberPlainLookUps(instance: i18n, locale: Locale): void {
  const known = new Map<string, string>();
  instance.store.on("added", () => known.clear());
  instance.store.on("removed", () => known.clear());
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  instance.t = ((key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (typeof key !== "string" || rest.length > 0 || !isPlainLookUp(options, locale)) return translate(key, options, ...rest);
    const remembered = known.get(key);
    if (remembered !== undefined) return remembered;
    const text = translate(key, options);
    if (typeof text === "string") known.set(key, text);
    return text;
  }) as unknown as i18n["t"];
}

/** Only what react-i18next's fixed `t` passes by itself (this locale, the one namespace, no prefix). */
function isPlainLookUp(options: unknown, locale: Locale): boolean {
  if (options === undefined) return true;
  if (typeof options !== "object" || options === null) return false;
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || value === null) continue;
    if (name === "lng" && value === locale) continue;
    if (name === "ns" && (value === "translation" || (Array.isArray(value) && value.length === 1 && value[0] === "translation"))) continue;
    return false;
  }
  return true;
}

const added = new WeakSet<object>();

/** A route's own strings (sent by its loader) join the instance before the route renders; referenced ones are there already. */
export function useRouteStrings(bundle: RouteStrings | undefined): void {
  const { i18n } = useTranslation();
  if (!bundle || isStringsRef(bundle) || added.has(bundle)) return;
  i18n.addResourceBundle(i18n.language, "translation", bundle, true, true);
  added.add(bundle);
}

/** The reader's locale, as the root loader chose it (for formatting numbers, money and dates). */
export function useLocale(): Locale {
  return useRouteLoaderData<typeof rootLoader>("root")?.locale ?? DEFAULT_LOCALE;
}
