import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** One link in a row of filters or pages: the current one is filled, and says so to screen readers. */
export function PillLink({ to, isCurrent, preventScrollReset, children }: { to: string; isCurrent: boolean; preventScrollReset?: boolean; children: ReactNode }) {
  return (
    <Link to={to} preventScrollReset={preventScrollReset} aria-current={isCurrent ? "page" : undefined} className={isCurrent ? "rounded bg-teal-800 px-2 py-1 text-white" : "rounded px-2 py-1 text-teal-900 hover:bg-slate-100"}>
      {children}
    </Link>
  );
}
