// Uploads the HTTP parser gives up on mid-body — the client closed before sending what its
// Content-Length (or chunked encoding) promised, or the request timed out — are answered with the
// reason in the person's language; Node itself would write a bare "400 Bad Request" and nothing else.
// main.server.ts wires it: answerCutOffUploads(server).
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { isLocale, pickLocale, type Locale } from "../i18n/config";
import { localeCookie } from "../i18n/locale.server";
import { getResources } from "../i18n/resources.server";

/** Parser errors that mean "the body stopped arriving", with the status to answer them with. */
const CUT_OFF: Record<string, { status: number; reason: string }> = {
  HPE_INVALID_EOF_STATE: { status: 400, reason: "Bad Request" },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: "Request Timeout" },
};

/** Node's own answers for everything else (lib/_http_server.js, socketOnError). */
const NODE_DEFAULT: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "413 Payload Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

async function localeOf(request: IncomingMessage): Promise<Locale> {
  const cookie = request.headers.cookie ?? null;
  const chosen: unknown = cookie ? await localeCookie.parse(cookie).catch(() => null) : null;
  if (isLocale(chosen)) return chosen;
  return pickLocale(request.headers["accept-language"] ?? null);
}

function isUpload(request: IncomingMessage): boolean {
  return (request.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data");
}

/** The plain-text answer for a cut-off upload, as raw HTTP (the response object is no longer usable). */
export async function cutOffUploadResponse(request: IncomingMessage, status: number, reason: string): Promise<string> {
  const locale = await localeOf(request);
  const body = `${getResources(locale).import.uploadTruncated}\n`;
  return [
    `HTTP/1.1 ${status} ${reason}`,
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    `Content-Language: ${locale}`,
    "Cache-Control: no-store",
    "X-Content-Type-Options: nosniff",
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

/** Answers cut-off uploads in the person's language; every other client error as Node would. */
export function answerCutOffUploads(server: Server): void {
  const inFlight = new WeakMap<Duplex, { request: IncomingMessage; isAnswered: () => boolean }>();
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    inFlight.set(request.socket, { request, isAnswered: () => response.headersSent });
    response.once("finish", () => inFlight.delete(request.socket));
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const current = inFlight.get(socket);
    const cutOff = CUT_OFF[error.code ?? ""];
    if (cutOff && current && isUpload(current.request) && !current.isAnswered() && socket.writable) {
      inFlight.delete(socket);
      void cutOffUploadResponse(current.request, cutOff.status, cutOff.reason)
        .then((response) => socket.end(response, () => socket.destroy()))
        .catch(() => socket.destroy());
      return;
    }
    if (socket.writable && (socket as Duplex & { bytesWritten?: number }).bytesWritten === 0) {
      socket.write(`HTTP/1.1 ${NODE_DEFAULT[error.code ?? ""] ?? "400 Bad Request"}\r\nConnection: close\r\n\r\n`);
    }
    socket.destroy(error);
  });
}
