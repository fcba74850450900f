import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "./config";
import type { Resources } from "./en";

// One instance per locale per process (server) or page (browser); never one per request.
const instances = new Map<Locale, i18n>();

export function getI18n(locale: Locale, resources: Resources): i18n {
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
