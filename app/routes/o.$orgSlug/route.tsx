import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { accessView, getRequestContext, requireScope } from "~/tenancy/access.server";

// Layout of an organization: its name, the switcher and the section links.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "org.view");
  // The switcher lists the person's organizations, read with the request's identity (no query of its own).
  const { organizations } = (await getRequestContext(request, params))!;
  return { access: accessView(access), organizations: organizations.map((o) => ({ slug: o.slug, name: o.name })) };
}

export default function OrganizationLayout() {
  const { t } = useTranslation();
  const { access, organizations } = useLoaderData<typeof loader>();
  const base = `/o/${access.organization.slug}`;
  const link = ({ isActive }: { isActive: boolean }) =>
    `rounded px-2 py-1 text-sm ${isActive ? "bg-teal-50 font-semibold text-teal-900" : "text-slate-700 hover:bg-slate-100"}`;
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-center gap-3 border-b border-slate-200 pb-3">
        {organizations.length > 1 ? (
          <details className="relative">
            <summary className="cursor-pointer rounded px-2 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100">{access.organization.name}</summary>
            <ul className="absolute z-10 mt-1 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow" aria-label={t("nav.switchOrganization")}>
              {organizations.map((org) => (
                <li key={org.slug}>
                  <a className="block rounded px-2 py-1 text-sm hover:bg-slate-100" href={`/o/${org.slug}`}>
                    {org.name}
                  </a>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <span className="px-2 py-1 text-sm font-semibold text-slate-900">{access.organization.name}</span>
        )}
        <nav aria-label={access.organization.name} className="flex flex-wrap gap-1">
          <NavLink to={base} end className={link}>
            {t("nav.clients")}
          </NavLink>
          <NavLink to={`${base}/catalog`} className={link}>
            {t("nav.catalog")}
          </NavLink>
          {access.permissions.includes("org.members.manage") ? (
            <NavLink to={`${base}/members`} className={link}>
              {t("nav.members")}
            </NavLink>
          ) : null}
        </nav>
      </div>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
