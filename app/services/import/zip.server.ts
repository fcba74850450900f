// Reading an XLSX (a zip) ourselves before any spreadsheet code touches it
// (reliability-security.md, "Spreadsheet and document import"): the central directory gives the
// entry count, the declared sizes and the encryption flags in milliseconds; each part is then
// inflated with its declared size as a hard ceiling (a zip bomb that lies about its size stops at
// the lie), its CRC checked and its XML searched for DTDs before exceljs parses anything.
import { crc32, inflateRawSync } from "node:zlib";
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";

export type ZipEntry = {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

export type ZipProblemCode =
  | "zipTruncated"
  | "zipTooManyEntries"
  | "zipTooLarge"
  | "encryptedWorkbook"
  | "zipUnsupported"
  | "missingWorkbookPart"
  | "odfSpreadsheet"
  | "fileIsOfficeDocument"
  | "notAnXlsx"
  | "zipCorrupt"
  | "zipOverlap"
  | "zipEntryMismatch"
  | "zipDuplicatePart";

type ZipProblem = { ok: false; code: ZipProblemCode; params: Record<string, string | number> };

export type ZipDirectoryResult = { ok: true; entries: ZipEntry[]; declaredTotal: number } | ZipProblem;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MB = 1024 * 1024;

/** Parts an XLSX cannot be read without. */
export const REQUIRED_XLSX_PARTS = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"] as const;
const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The end-of-central-directory record: searched backwards over the last 64 KiB + 22 bytes (its comment may be up to 65,535 bytes). */
function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const data = view(bytes);
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (data.getUint32(i, true) === EOCD_SIGNATURE) return i;
  }
  return -1;
}

/** Reads and checks the central directory; never inflates anything. */
export function readZipDirectory(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): ZipDirectoryResult {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) return { ok: false, code: "zipTruncated", params: {} };
  const data = view(bytes);
  const entryCount = data.getUint16(eocd + 10, true);
  const directorySize = data.getUint32(eocd + 12, true);
  const directoryOffset = data.getUint32(eocd + 16, true);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) return { ok: false, code: "zipUnsupported", params: { detail: "zip64" } };
  if (entryCount > limits.maxZipEntries) return { ok: false, code: "zipTooManyEntries", params: { max: limits.maxZipEntries, count: entryCount } };
  if (directoryOffset + directorySize > eocd) return { ok: false, code: "zipTruncated", params: {} };

  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let offset = directoryOffset;
  const decoder = new TextDecoder("utf-8");
  for (let i = 0; i < entryCount; i++) {
    if (offset + 46 > eocd || data.getUint32(offset, true) !== CENTRAL_SIGNATURE) return { ok: false, code: "zipTruncated", params: {} };
    const flags = data.getUint16(offset + 8, true);
    const method = data.getUint16(offset + 10, true);
    const crc = data.getUint32(offset + 16, true);
    const compressedSize = data.getUint32(offset + 20, true);
    const uncompressedSize = data.getUint32(offset + 24, true);
    const nameLength = data.getUint16(offset + 28, true);
    const extraLength = data.getUint16(offset + 30, true);
    const commentLength = data.getUint16(offset + 32, true);
    const localHeaderOffset = data.getUint32(offset + 42, true);
    if (offset + 46 + nameLength > eocd) return { ok: false, code: "zipTruncated", params: {} };
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    // Bit 0: the entry is encrypted (traditional PKWARE or strong encryption, bit 6).
    if ((flags & 0x0001) !== 0) return { ok: false, code: "encryptedWorkbook", params: {} };
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff) return { ok: false, code: "zipUnsupported", params: { detail: "zip64" } };
    if (localHeaderOffset + 30 > directoryOffset) return { ok: false, code: "zipTruncated", params: {} };
    declaredTotal += uncompressedSize;
    entries.push({ name, flags, method, crc, compressedSize, uncompressedSize, localHeaderOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  const layout = checkEntryLayout(bytes, entries, directoryOffset);
  if (!layout.ok) return layout;
  if (declaredTotal > limits.maxUncompressedBytes) {
    return { ok: false, code: "zipTooLarge", params: { maxMb: limits.maxUncompressedBytes / MB, declaredMb: Math.ceil(declaredTotal / MB) } };
  }
  return { ok: true, entries, declaredTotal };
}

/**
 * Every entry must own its bytes and its local header must say what the central directory says:
 * entries that share a local header or overlap ("A better zip bomb", D. Fifield, 2019) inflate the
 * same compressed bytes again and again, and a header that disagrees means readers see different files.
 */
function checkEntryLayout(bytes: Uint8Array, entries: readonly ZipEntry[], directoryOffset: number): { ok: true } | ZipProblem {
  const data = view(bytes);
  const decoder = new TextDecoder("utf-8");
  const spans: { start: number; end: number; name: string }[] = [];
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (data.getUint32(at, true) !== LOCAL_SIGNATURE) return { ok: false, code: "zipCorrupt", params: { part: entry.name } };
    const end = at + 30 + data.getUint16(at + 26, true) + data.getUint16(at + 28, true) + entry.compressedSize;
    // The last entry's data running into the central directory is an overlap too.
    if (end > directoryOffset) return { ok: false, code: "zipOverlap", params: { part: entry.name } };
    spans.push({ start: at, end, name: entry.name });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.start < spans[i - 1]!.end) return { ok: false, code: "zipOverlap", params: { part: spans[i]!.name } };
  }
  const names = new Set<string>();
  for (const entry of entries) {
    if (names.has(entry.name)) return { ok: false, code: "zipDuplicatePart", params: { part: entry.name } };
    names.add(entry.name);
  }
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    const nameLength = data.getUint16(at + 26, true);
    const localName = decoder.decode(bytes.subarray(at + 30, at + 30 + nameLength));
    if (localName !== entry.name || data.getUint16(at + 8, true) !== entry.method) return { ok: false, code: "zipEntryMismatch", params: { part: entry.name } };
    // Bit 3: CRC and sizes follow the data (a data descriptor), so the local header may hold zeros.
    const isDeferred = (data.getUint16(at + 6, true) & 0x0008) !== 0;
    const agrees = (local: number, central: number) => local === central || (isDeferred && local === 0);
    const sizesAgree =
      agrees(data.getUint32(at + 14, true), entry.crc) && agrees(data.getUint32(at + 18, true), entry.compressedSize) && agrees(data.getUint32(at + 22, true), entry.uncompressedSize);
    if (!sizesAgree) return { ok: false, code: "zipEntryMismatch", params: { part: entry.name } };
  }
  return { ok: true };
}

/** Whether the zip is an XLSX workbook with the parts exceljs needs; names what is missing. */
export function checkXlsxParts(entries: readonly ZipEntry[]): { ok: true } | ZipProblem {
  const names = new Set(entries.map((entry) => entry.name));
  if (names.has("mimetype") && names.has("content.xml")) return { ok: false, code: "odfSpreadsheet", params: {} };
  // Word and PowerPoint files are zips of the same family: name them instead of "not a workbook".
  if (names.has("word/document.xml")) return { ok: false, code: "fileIsOfficeDocument", params: { format: "Word" } };
  if (names.has("ppt/presentation.xml")) return { ok: false, code: "fileIsOfficeDocument", params: { format: "PowerPoint" } };
  if (!names.has("[Content_Types].xml") && !names.has("xl/workbook.xml")) return { ok: false, code: "notAnXlsx", params: {} };
  for (const part of REQUIRED_XLSX_PARTS) if (!names.has(part)) return { ok: false, code: "missingWorkbookPart", params: { part } };
  if (![...names].some((name) => WORKSHEET_PART.test(name))) return { ok: false, code: "missingWorkbookPart", params: { part: "xl/worksheets/sheet1.xml" } };
  return { ok: true };
}

export type InflateResult = { ok: true; data: Buffer } | { ok: false; code: "zipSizeMismatch" | "zipCorrupt" | "zipUnsupported"; params: Record<string, string | number> };

/** Inflates one entry, never past its declared size, and checks its CRC. */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): InflateResult {
  const data = view(bytes);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || data.getUint32(at, true) !== LOCAL_SIGNATURE) return { ok: false, code: "zipCorrupt", params: { part: entry.name } };
  const start = at + 30 + data.getUint16(at + 26, true) + data.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return { ok: false, code: "zipCorrupt", params: { part: entry.name } };
  const compressed = bytes.subarray(start, end);
  let output: Buffer;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) return { ok: false, code: "zipSizeMismatch", params: { part: entry.name } };
    output = Buffer.from(compressed);
  } else if (entry.method === 8) {
    try {
      output = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) return { ok: false, code: "zipSizeMismatch", params: { part: entry.name } };
      return { ok: false, code: "zipCorrupt", params: { part: entry.name } };
    }
  } else return { ok: false, code: "zipUnsupported", params: { detail: `method ${entry.method}`, part: entry.name } };
  if (output.length !== entry.uncompressedSize) return { ok: false, code: "zipSizeMismatch", params: { part: entry.name } };
  if (crc32(output) >>> 0 !== entry.crc >>> 0) return { ok: false, code: "zipCorrupt", params: { part: entry.name } };
  return { ok: true, data: output };
}

const DTD_MARKERS = ["<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity"].map((marker) => Buffer.from(marker, "latin1"));

/** OOXML never declares a DTD; one in a part can only be an entity-expansion or XXE attempt. */
export function hasDtd(xml: Buffer): boolean {
  return DTD_MARKERS.some((marker) => xml.includes(marker));
}

/**
 * Whether an XML part ends with the end tag of its root element (or the root closes itself): a
 * part cut off mid-way is refused here, because exceljs's streaming parser would read it up to
 * the cut and say nothing.
 */
export function isCompleteXml(xml: Buffer): boolean {
  const text = xml.toString("utf8", 0, Math.min(xml.length, 4096));
  let at = 0;
  const skip = /^\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)/;
  for (let match = skip.exec(text); match && match[0].length > 0; match = skip.exec(text.slice(at))) at += match[0].length;
  const root = /^\s*<([A-Za-z_][\w.:-]*)/.exec(text.slice(at));
  if (!root) return false;
  const tail = xml.toString("utf8", Math.max(0, xml.length - 512)).trimEnd();
  const name = root[1]!;
  if (tail.endsWith(`</${name}>`)) return true;
  // A root with no content: <sst .../>
  const rest = text.slice(at + root[0].length);
  return /^[^<>]*\/>\s*$/.test(rest) && xml.length <= 4096;
}

/** UTF-16 XML parts exist in theory; exceljs reads UTF-8 only, so they are refused plainly. */
export function isUtf16Xml(xml: Buffer): boolean {
  return xml.length >= 2 && ((xml[0] === 0xff && xml[1] === 0xfe) || (xml[0] === 0xfe && xml[1] === 0xff));
}

/**
 * A stored (uncompressed) zip of the given parts in the given order. exceljs's streaming reader
 * parses a sheet directly only when the workbook, its relationships and the shared strings came
 * before it in the zip (otherwise it spools the sheet to a temporary file); Qiao and many tools
 * write sheets first, so the verified parts are handed over in the order it wants.
 */
export function buildStoredZip(parts: readonly { name: string; data: Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const crc = crc32(part.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, part.data);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(part.data.length, 20);
    header.writeUInt32LE(part.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += 30 + name.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
