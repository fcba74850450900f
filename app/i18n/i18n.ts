import i18next, { type i18n } from "i18next";
import { useRouteLoaderData } from "@remix-run/react";
import { initReactI18next, useTranslation } from "react-i18next";
import type { loader as rootLoader } from "~/root";
import { DEFAULT_LOCALE, type Locale } from "./config";
import type { Resources } from "./en";

// One instance per locale per process (server) or page (browser); never one per request.
const instances = new Map<Locale, i18n>();

/** The instance for a locale, created from the first strings given (the server primes it with all of them). */
export function getI18n(locale: Locale, resources: Partial<Resources>): i18n {
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
    instances.set(locale, instance);
  }
  return instance;
}

const added = new WeakSet<object>();

/** A route's own strings (sent by its loader) join the instance before the route renders. */
export function useRouteStrings(bundle: Partial<Resources> | undefined): void {
  const { i18n } = useTranslation();
  if (!bundle || added.has(bundle)) return;
  i18n.addResourceBundle(i18n.language, "translation", bundle, true, true);
  added.add(bundle);
}

/** The reader's locale, as the root loader chose it (for formatting numbers, money and dates). */
export function useLocale(): Locale {
  return useRouteLoaderData<typeof rootLoader>("root")?.locale ?? DEFAULT_LOCALE;
}
