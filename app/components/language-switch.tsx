import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALES, LOCALE_NAMES, type Locale } from "~/i18n/config";

/** Posts the choice to /set-locale, which sets a cookie and returns here (works without JavaScript). */
export function LanguageSwitch({ current }: { current: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/set-locale" className="flex items-center gap-1 whitespace-nowrap" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="lng"
          value={locale}
          lang={locale === "zh" ? "zh-CN" : "en"}
          aria-pressed={locale === current}
          title={t("language.switchTo", { language: LOCALE_NAMES[locale] })}
          className={
            locale === current
              ? "rounded px-2 py-1 text-sm font-semibold text-teal-900 underline decoration-2 underline-offset-4"
              : "rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          }
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </Form>
  );
}
