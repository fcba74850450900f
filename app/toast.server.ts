import { createCookie, redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { getEnv } from "~/env.server";

export type ToastKind = "success" | "error" | "info";
/** A toast names an i18n key, never raw text, so it shows in the reader's language. */
export type Toast = {
  kind: ToastKind;
  key: string;
  params?: Record<string, string | number>;
  /** An "Undo" button: a post to `action` with these fields (the route checks access again, as for any post). */
  undo?: { action: string; fields: Record<string, string> };
};

const toastCookie = createCookie("qiao_toast", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60,
  secrets: [getEnv().QIAO_COOKIE_SECRET ?? randomBytes(32).toString("hex")],
});

export async function toastHeader(toast: Toast): Promise<string> {
  return toastCookie.serialize(toast);
}

export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { ...init, headers });
}

/** Reads the pending toast and returns the header that clears it. */
export async function takeToast(request: Request): Promise<{ toast: Toast | null; headers: Headers }> {
  const value: unknown = await toastCookie.parse(request.headers.get("Cookie"));
  const headers = new Headers();
  if (!isToast(value)) return { toast: null, headers };
  headers.append("Set-Cookie", await toastCookie.serialize("", { maxAge: 0 }));
  return { toast: value, headers };
}

function isToast(value: unknown): value is Toast {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.key === "string" &&
    (candidate.kind === "success" || candidate.kind === "error" || candidate.kind === "info")
  );
}
