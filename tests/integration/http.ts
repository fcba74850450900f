// Calls the app through the real Remix request handler of the built server (routes, loaders,
// actions, error boundaries), in-process, against the test database. `npm test` builds first.
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const BUILD = path.resolve("build/index.js");
let handlerPromise: Promise<(request: Request, context: AppLoadContext) => Promise<Response>> | undefined;

async function handler() {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `npm run build` before the integration tests.");
  handlerPromise ??= import(pathToFileURL(BUILD).href).then((build: ServerBuild) => requestHandler(build));
  return handlerPromise!;
}

/** Remix's handler for a build, with the app's own error map (AppError → status) applied as the server applies it. */
export function requestHandler(build: ServerBuild) {
  return createRequestHandler((build.entry.module as unknown as typeof import("../../app/entry.server")).withErrorMap(build), "production");
}

export async function serverBuild(): Promise<ServerBuild> {
  return (await import(pathToFileURL(BUILD).href)) as ServerBuild;
}

export type CallOptions = {
  method?: "GET" | "POST";
  cookie?: string | null;
  form?: Record<string, string>;
  /** A raw body (an upload built byte by byte); a stream is sent half-duplex. */
  body?: BodyInit;
  headers?: Record<string, string>;
  ip?: string;
};

export const ORIGIN = "http://qiao.test";

export async function call(pathname: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: BodyInit | undefined = options.body;
  if (options.form) {
    body = new URLSearchParams(options.form);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  const method = options.method ?? (body !== undefined ? "POST" : "GET");
  const request = new Request(new URL(pathname, ORIGIN), { method, headers, body, redirect: "manual", ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
  return (await handler())(request, { cspNonce: "test", clientIp: options.ip ?? "203.0.113.9" });
}

/** The `name=value` pairs of Set-Cookie headers, as a Cookie header. */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}
