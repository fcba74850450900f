import type { Locale } from "./config";
import en, { type Resources } from "./en";
import zh from "./zh";

const resources: Record<Locale, Resources> = { en, zh };

export function getResources(locale: Locale): Resources {
  return resources[locale];
}
