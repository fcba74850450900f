import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { LanguageSwitch } from "./language-switch";

export type ShellUser = { name: string; email: string; unread: number } | null;

export function AppShell({ locale, children, user }: { locale: Locale; children: ReactNode; user: ShellUser }) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("app.skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        {/* Below sm the account controls wrap onto a second row of their own, so nothing leaves a 390 px screen. */}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="flex min-h-6 items-baseline gap-2 whitespace-nowrap text-lg font-bold text-teal-900">
            <span aria-hidden="true" className="text-xl">
              {t("app.nameNative")}
            </span>
            <span>{t("app.name")}</span>
          </Link>
          <div className="ml-auto">
            <LanguageSwitch current={locale} />
          </div>
          {user ? (
            <div className="flex w-full min-w-0 items-center gap-3 text-sm sm:w-auto">
              <Link to="/notifications" className="inline-flex min-h-6 shrink-0 items-center whitespace-nowrap text-slate-700 hover:underline" data-testid="notifications-link">
                {t("nav.notifications")}
                {user.unread > 0 ? (
                  <span className="ml-1 rounded-full bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="unread-count">
                    {user.unread}
                  </span>
                ) : null}
              </Link>
              <Link
                to="/account"
                className="inline-flex min-h-6 min-w-0 items-center text-slate-700 hover:underline"
                title={t("nav.userMenu", { name: user.name })}
              >
                <span className="truncate">{user.name}</span>
              </Link>
              <Form method="post" action="/logout" className="ml-auto shrink-0 sm:ml-0">
                <button type="submit" className="btn-secondary min-h-6 whitespace-nowrap">
                  {t("nav.signOut")}
                </button>
              </Form>
            </div>
          ) : (
            <nav className="flex items-center gap-2 text-sm" aria-label={t("nav.account")}>
              <Link to="/login" className="btn-secondary whitespace-nowrap">
                {t("nav.signIn")}
              </Link>
              <Link to="/signup" className="btn-primary whitespace-nowrap">
                {t("nav.signUp")}
              </Link>
            </nav>
          )}
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-600">{t("app.footer")}</footer>
    </div>
  );
}
