import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The "← …" link above a page's title, back to the page it belongs to (a relative `to` climbs the URL's path). */
export function BackLink({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <p className={className ? `text-sm ${className}` : "text-sm"}>
      <Link to={to} relative="path" className="text-teal-800 underline">
        ← {children}
      </Link>
    </p>
  );
}
