import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearedSessionCookie, invalidateSession } from "~/auth/session.server";
import { getSession } from "~/tenancy/access.server";
import { toastHeader } from "~/toast.server";

// Signing out deletes the session on the server; the old cookie then gets nothing.
export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session) await invalidateSession(session.id);
  const headers = new Headers();
  headers.append("Set-Cookie", clearedSessionCookie());
  headers.append("Set-Cookie", await toastHeader({ kind: "info", key: "auth.signedOut" }));
  return redirect("/login", { headers });
}

// No state changes on GET.
export async function loader() {
  return redirect("/");
}
