import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/config";
import { getResourceGroups, isResourceGroup, STRINGS_VERSION, type ResourceGroup } from "~/i18n/resources.server";

// Public: the interface's words in one language, no one's data. A page's HTML refers to its route's
// strings here (i18n/resources.server.ts routeStrings) and the browser fetches them before hydrating.
// The URL carries the strings' version, so the current one is kept by the browser for good.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const groups = (params.groups ?? "").split(",");
  if (!isLocale(params.lng) || groups.length === 0 || groups.length > 20 || !groups.every(isResourceGroup)) throw new Response(null, { status: 404 });
  const current = new URL(request.url).searchParams.get("v") === STRINGS_VERSION;
  return new Response(JSON.stringify(getResourceGroups(params.lng, groups as ResourceGroup[])), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
