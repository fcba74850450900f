import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useMatches, useRouteLoaderData, type Params } from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { Toaster } from "~/components/toaster";
import { DEFAULT_LOCALE, INTL_TAGS } from "~/i18n/config";
import { FALLBACK_TEXT } from "~/i18n/fallback";
import { getI18n, isStringsRef, STRINGS_LINK_ATTRIBUTE } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { COMMON_GROUPS, getResourceGroups, isResourceGroup, routeStrings } from "~/i18n/resources.server";
import { takeToast } from "~/toast.server";
import { getRequestContext } from "~/tenancy/access.server";
import { isUnavailableResponse } from "~/db-availability.server";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
];

export const meta: MetaFunction = () => [{ title: "Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public data (language, strings, toast) plus who is signed in, for the header: no tenant data here.
  const [locale, { toast, headers }, user] = await Promise.all([getLocale(request), takeToast(request), getHeaderUser(request, params)]);
  // A toast's words can come from any group (auth.welcome after sign-up): its group comes with it, so the
  // page hydrates with the same text the server rendered.
  const toastGroup = toast?.key.split(".")[0];
  const toastStrings = toastGroup && isResourceGroup(toastGroup) && !COMMON_GROUPS.includes(toastGroup) ? getResourceGroups(locale, [toastGroup]) : undefined;
  // The common strings, like a route's, by reference in a page's HTML (the browser keeps the file) and as strings in a navigation's data.
  return data({ locale, strings: await routeStrings(request, COMMON_GROUPS), toast, toastStrings, user }, { headers });
}

// While the database is away the page still renders in the person's language (the route's own
// loader answers 503): the header then shows no one rather than the whole page failing.
// The params make the request's identity step (getRequestContext) also look up the URL's organization
// and client account, which the page's own access check then reads: one transaction for all three loaders.
async function getHeaderUser(request: Request, params: Params) {
  try {
    const context = await getRequestContext(request, params);
    return context ? { name: context.session.user.name, email: context.session.user.email, unread: context.unread } : null;
  } catch (error) {
    if (isUnavailableResponse(error)) return null;
    throw error;
  }
}

/** The routes' strings that the page's data names by reference: fetched alongside the scripts, read before hydrating (entry.client.tsx). */
function StringsPreloads() {
  const refs = useMatches().flatMap((match) => {
    const strings = (match.data as { strings?: unknown } | undefined)?.strings;
    return isStringsRef(strings) ? [strings] : [];
  });
  return refs.map((ref) => <link key={ref.href} rel="preload" as="fetch" href={ref.href} crossOrigin="anonymous" {...{ [STRINGS_LINK_ATTRIBUTE]: ref.locale }} />);
}

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const locale = rootData?.locale ?? DEFAULT_LOCALE;
  return (
    <html lang={INTL_TAGS[locale]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <StringsPreloads />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, strings, toast, toastStrings, user } = useLoaderData<typeof loader>();
  return (
    <I18nextProvider i18n={getI18n(locale, strings)}>
      <AppShell locale={locale} user={user}>
        <Outlet />
      </AppShell>
      <Toaster toast={toast} strings={toastStrings} />
    </I18nextProvider>
  );
}

export function ErrorBoundary() {
  const rootData = useRouteLoaderData<typeof loader>("root");
  if (!rootData) {
    // The root loader itself failed: no strings reached the browser, so use the built-in fallback.
    const text = FALLBACK_TEXT[DEFAULT_LOCALE];
    return (
      <main className="mx-auto mt-16 max-w-xl p-6">
        <h1 className="text-2xl font-bold">{text.title}</h1>
        <p className="mt-3">{text.body}</p>
        <p className="mt-3" lang="zh-CN">
          {FALLBACK_TEXT.zh.body}
        </p>
        <a className="mt-6 inline-block underline" href="/">
          {text.home}
        </a>
      </main>
    );
  }
  return (
    <I18nextProvider i18n={getI18n(rootData.locale, rootData.strings)}>
      <AppShell locale={rootData.locale} user={rootData.user}>
        <GeneralErrorBoundary />
      </AppShell>
    </I18nextProvider>
  );
}
