import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirectPath } from "~/domain/safe-redirect";
import { isLocale } from "~/i18n/config";
import { localeCookie } from "~/i18n/locale.server";

// Public: choosing a language needs no account (CSRF is checked by the server for every POST).
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lng = form.get("lng");
  const redirectTo = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(lng)) throw new Response(null, { status: 400 });
  return redirect(redirectTo, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}

export async function loader() {
  return redirect("/");
}
