import { createCookie } from "@remix-run/node";
import { isLocale, pickLocale, type Locale } from "./config";

export const localeCookie = createCookie("qiao_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The person's language: the cookie they chose, else their browser's Accept-Language. */
export async function getLocale(request: Request): Promise<Locale> {
  const chosen: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  return pickLocale(request.headers.get("Accept-Language"));
}
