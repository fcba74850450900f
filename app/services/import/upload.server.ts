// Reading the file of an upload form (multipart/form-data, RFC 7578) from the request body. The
// body is read with a ceiling, then split by its boundary here: file names may hold ";", "=",
// quotes and any language, and each way a body can go wrong gets its own answer — only a body that
// is really too large is 413; one that was cut off or is not a form is 400 (reliability-security.md).
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import type { UploadInput } from "./precheck.server";
import { fileProblem, type ImportFailure } from "./result.server";

export type UploadRead = { ok: true; file: UploadInput } | ImportFailure;

/** Room for the form's envelope (boundaries, part headers, other fields) on top of the file itself. */
const ENVELOPE_BYTES = 64 * 1024;
const MB = 1024 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const DASHES = 0x2d;
const MAX_NAME_LENGTH = 200;

type Parameters = Map<string, string>;

/** `type; a=b; c="d;e=\"f\""` → the type and its parameters; quoted values keep ";" and "=". */
export function parseHeaderParameters(value: string): { type: string; parameters: Parameters } {
  const parameters: Parameters = new Map();
  let at = value.indexOf(";");
  const type = (at < 0 ? value : value.slice(0, at)).trim().toLowerCase();
  while (at >= 0 && at < value.length) {
    at++;
    const equals = value.indexOf("=", at);
    const semicolon = value.indexOf(";", at);
    if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
      at = semicolon;
      continue;
    }
    const name = value.slice(at, equals).trim().toLowerCase();
    at = equals + 1;
    while (value[at] === " " || value[at] === "\t") at++;
    let parameter = "";
    if (value[at] === '"') {
      // Quoted string; a backslash escapes only a quote or a backslash, so a Windows path keeps its "\".
      for (at++; at < value.length && value[at] !== '"'; at++) {
        if (value[at] === "\\" && (value[at + 1] === '"' || value[at + 1] === "\\")) at++;
        parameter += value[at];
      }
      at = value.indexOf(";", at);
    } else {
      const end = value.indexOf(";", at);
      parameter = (end < 0 ? value.slice(at) : value.slice(at, end)).trim();
      at = end;
    }
    if (name && !parameters.has(name)) parameters.set(name, parameter);
  }
  return { type, parameters };
}

/** RFC 5987 `UTF-8''%E8%AE%A1%E5%88%92.csv`; null when it is not that. */
function decodeExtendedValue(value: string): string | null {
  const match = /^([\w!#$%&+^`{}~-]+)'[\w-]*'(.*)$/.exec(value);
  if (!match || match[1]!.toLowerCase() !== "utf-8") return null;
  try {
    return decodeURIComponent(match[2]!);
  } catch {
    return null;
  }
}

/**
 * The name to keep for an uploaded file: its last path segment, browsers' %22 / %0D / %0A escapes
 * undone, control and bidirectional-override characters dropped (PostgreSQL refuses U+0000, and an
 * override can disguise an extension), at most 200 characters (what an import job keeps) with the extension.
 */
export function cleanUploadName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  const unescaped = base.replace(/%22/g, '"').replace(/%0[AD]/gi, "");
  const clean = unescaped.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  const characters = Array.from(clean);
  if (characters.length <= MAX_NAME_LENGTH) return clean;
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(clean)?.[0] ?? "";
  return characters.slice(0, MAX_NAME_LENGTH - extension.length).join("") + extension;
}

type Part = { name: string; filename: string | null; contentType: string; data: Buffer };

function readParts(body: Buffer, boundary: string): { ok: true; parts: Part[] } | ImportFailure {
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const nextDelimiter = Buffer.concat([CRLF, delimiter]);
  let at = body.indexOf(delimiter);
  if (at < 0) {
    // Nothing, or the start of the first boundary only: the body stopped before the form began.
    const isCutShort = body.length < delimiter.length && delimiter.subarray(0, body.length).equals(body);
    return fileProblem(isCutShort ? "uploadTruncated" : "uploadMalformed");
  }
  const parts: Part[] = [];
  const decoder = new TextDecoder("utf-8");
  for (;;) {
    at += delimiter.length;
    if (body.length < at + 2) return fileProblem("uploadTruncated");
    if (body[at] === DASHES && body[at + 1] === DASHES) return { ok: true, parts };
    // Transport padding (RFC 2046) may follow a delimiter before its CRLF.
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (body.length < at + 2) return fileProblem("uploadTruncated");
    if (!body.subarray(at, at + 2).equals(CRLF)) return fileProblem("uploadMalformed");
    const headerEnd = body.indexOf(HEADER_END, at);
    if (headerEnd < 0) return fileProblem("uploadTruncated");
    const headers = new Map<string, string>();
    for (const line of decoder.decode(body.subarray(at + 2, headerEnd)).split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const start = headerEnd + HEADER_END.length;
    const end = body.indexOf(nextDelimiter, start);
    if (end < 0) return fileProblem("uploadTruncated");
    const disposition = parseHeaderParameters(headers.get("content-disposition") ?? "");
    const name = disposition.parameters.get("name");
    if (disposition.type !== "form-data" || name === undefined) return fileProblem("uploadMalformed");
    const extended = disposition.parameters.get("filename*");
    const plain = disposition.parameters.get("filename");
    const filename = (extended !== undefined ? decodeExtendedValue(extended) : null) ?? plain ?? null;
    parts.push({ name, filename, contentType: headers.get("content-type") ?? "", data: body.subarray(start, end) });
    at = end + CRLF.length;
  }
}

function tooLarge(bytes: number | null, limits: ImportLimits): ImportFailure {
  const maxMb = limits.maxUploadBytes / MB;
  return fileProblem("fileTooLarge", { maxMb, sizeMb: bytes === null ? `> ${maxMb}` : Math.ceil((bytes / MB) * 10) / 10 });
}

/** The body, read up to the ceiling; null when the stream broke off (the client went away mid-upload). */
async function readBody(request: Request, ceiling: number): Promise<{ ok: true; body: Buffer } | { ok: false; tooLarge: boolean }> {
  if (!request.body) return { ok: true, body: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.byteLength;
      if (total > ceiling) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, tooLarge: true };
      }
      chunks.push(chunk.value);
    }
  } catch {
    return { ok: false, tooLarge: false };
  }
  return { ok: true, body: Buffer.concat(chunks, total) };
}

/** The `file` field of an upload form, or the problem with the request that carried it. */
export async function readUploadedFile(request: Request, limits: ImportLimits = IMPORT_LIMITS, field = "file"): Promise<UploadRead> {
  const { type, parameters } = parseHeaderParameters(request.headers.get("Content-Type") ?? "");
  const boundary = parameters.get("boundary");
  if (type !== "multipart/form-data" || !boundary || boundary.length > 200) return fileProblem("uploadMalformed");
  const ceiling = limits.maxUploadBytes + ENVELOPE_BYTES;
  const declaredHeader = request.headers.get("Content-Length");
  const declared = declaredHeader !== null && /^\d+$/.test(declaredHeader) ? Number(declaredHeader) : null;
  if (declared !== null && declared > ceiling) return tooLarge(declared, limits);
  const read = await readBody(request, ceiling);
  if (!read.ok) return read.tooLarge ? tooLarge(null, limits) : fileProblem("uploadTruncated");
  // Fewer bytes than announced: the connection ended mid-upload.
  if (declared !== null && read.body.length < declared) return fileProblem("uploadTruncated");
  const parsed = readParts(read.body, boundary);
  if (!parsed.ok) return parsed;
  const part = parsed.parts.find((candidate) => candidate.name === field && candidate.filename !== null);
  if (!part || part.data.length === 0) return fileProblem("fileEmpty");
  return { ok: true, file: { bytes: new Uint8Array(part.data), filename: cleanUploadName(part.filename!), contentType: part.contentType } };
}
