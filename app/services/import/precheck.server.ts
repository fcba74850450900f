// Checks on the raw bytes of an upload, before any parser sees them (reliability-security.md,
// "Spreadsheet and document import"): size, what the bytes really are (a renamed HTML page or a
// legacy .xls is named as such), for XLSX the zip central directory, for text its encoding.
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import { fileProblem, type ImportFailure } from "./result.server";
import { checkXlsxParts, readZipDirectory } from "./zip.server";

export type UploadInput = { bytes: Uint8Array; filename: string; contentType: string };

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export type PrecheckResult =
  | ImportFailure
  | { ok: true; format: "xlsx" }
  | { ok: true; format: "csv" | "ods-json"; text: string; encoding: TextEncodingName };

const MB = 1024 * 1024;
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function extensionOf(filename: string): string {
  const match = /\.([a-z0-9]+)$/i.exec(filename.trim());
  return match ? match[1]!.toLowerCase() : "";
}

/** An OLE compound file: an encrypted OOXML workbook keeps its package in a stream named "EncryptedPackage". */
function describeCompoundFile(bytes: Uint8Array): ImportFailure {
  const marker = Buffer.from("EncryptedPackage", "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker) ? fileProblem("encryptedWorkbook") : fileProblem("legacyXls");
}

/** Control characters other than tab, LF, CR and form feed: text files do not have them. */
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) {
    const byte = bytes[i]!;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return true;
  }
  return false;
}

/** UTF-16 without a byte-order mark: every other byte is zero in ASCII-heavy text. */
function looksUtf16WithoutBom(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 4096) & ~1;
  if (end < 4) return false;
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0) (i % 2 === 0 ? zerosEven++ : zerosOdd++);
  const half = end / 2;
  return zerosOdd > half * 0.3 || zerosEven > half * 0.3;
}

type Decoded = { ok: true; text: string; encoding: TextEncodingName } | ImportFailure;

/**
 * Text as UTF-8 (with or without BOM), or UTF-16 when a BOM says so — Excel's "Unicode text" is
 * UTF-16 — or GB18030, what Excel on Chinese Windows writes for "CSV". Nothing is guessed past that.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  if (looksUtf16WithoutBom(bytes)) return fileProblem("encodingUtf16NoBom");
  if (looksBinary(bytes)) return fileProblem("notASpreadsheet");
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes), encoding: "utf-8" };
  } catch {
    try {
      return { ok: true, text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "gb18030" };
    } catch {
      return fileProblem("encodingNotUtf8");
    }
  }
}

/** Everything that can be said about an upload without parsing it. */
export function precheckUpload(input: UploadInput, limits: ImportLimits = IMPORT_LIMITS): PrecheckResult {
  const { bytes, filename } = input;
  if (bytes.length === 0) return fileProblem("fileEmpty");
  if (bytes.length > limits.maxUploadBytes) {
    return fileProblem("fileTooLarge", { maxMb: limits.maxUploadBytes / MB, sizeMb: Math.ceil((bytes.length / MB) * 10) / 10 });
  }
  // Zip: "PK\3\4", or "PK\5\6" for a zip with no entries at all.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) {
    const directory = readZipDirectory(bytes, limits);
    if (!directory.ok) return fileProblem(directory.code, directory.params);
    const parts = checkXlsxParts(directory.entries);
    if (!parts.ok) return fileProblem(parts.code, parts.params);
    return { ok: true, format: "xlsx" };
  }
  if (startsWith(bytes, CFB_MAGIC)) return describeCompoundFile(bytes);

  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const head = decoded.text.slice(0, 2048).replace(/^\uFEFF/, "").trimStart();
  if (/^<(!doctype\s+html|html|head|body|table|meta)\b/i.test(head)) return fileProblem("htmlNotSpreadsheet");
  if (head.startsWith("<")) return fileProblem("notASpreadsheet", { detail: "xml" });
  const extension = extensionOf(filename);
  if (head.startsWith("{") || head.startsWith("[") || extension === "json") return { ok: true, format: "ods-json", text: decoded.text, encoding: decoded.encoding };
  if (extension === "xlsx" || extension === "xlsm" || extension === "xls") return fileProblem("notASpreadsheet");
  return { ok: true, format: "csv", text: decoded.text, encoding: decoded.encoding };
}
