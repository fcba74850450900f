import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/domain/errors";
import { isLocale } from "~/i18n/config";
import { getPlanOptions } from "~/services/plan-options.server";
import { requireScope } from "~/tenancy/access.server";

// The plan page's form options (placements, destinations, buying models, KPIs) for a client account in one
// language: the page names them by address and the browser fetches them once it is interactive. The
// address carries their version, so the current one is kept by the browser for good.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.plan.edit");
  if (!isLocale(params.lng)) throw notFound();
  const { json, version } = await getPlanOptions(access, params.lng);
  const current = new URL(request.url).searchParams.get("v") === version;
  return new Response(json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "private, max-age=31536000, immutable" : "private, no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
