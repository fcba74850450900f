import { PassThrough } from "node:stream";
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { LOCALES } from "~/i18n/config";
import { getI18n } from "~/i18n/i18n";
import { getResources } from "~/i18n/resources.server";

// The server renders every route, so its i18n instances hold every string from the start.
for (const locale of LOCALES) getI18n(locale, getResources(locale));

// The custom server (app/server/main.server.ts) reaches the app's single database handle through these.
export { startApp, stopApp, checkHealth, getStartupProblem } from "~/boot.server";
export { closeLiveStreams } from "~/services/live-hub.server";
export { runWithDatabaseDeadline, RETRY_AFTER_SECONDS } from "~/db-availability.server";
export { withErrorMap } from "~/route-edge.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    /** The client's address as the server sees it (login limits). */
    clientIp: string;
    /** A page's HTML, not a `.data` request of a client-side navigation (route strings then go by reference). */
    documentRequest?: boolean;
  }
}

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}

/** Unexpected errors are logged with an id on the server; the browser never sees the stack. */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  // Aborted requests and expected 4xx answers (e.g. Remix's own 405 for a POST to a page without an action) are not server errors.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  const id = randomUUID().slice(0, 8);
  console.error(`[error ${id}] ${request.method} ${new URL(request.url).pathname}`, error);
}
