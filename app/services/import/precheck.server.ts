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
  /** namedAs: the text-file extension a workbook arrived under (read as a workbook, with a warning). */
  | { ok: true; format: "xlsx"; namedAs?: string }
  | { ok: true; format: "csv" | "ods-json"; text: string; encoding: TextEncodingName };

const MB = 1024 * 1024;
/** Names a workbook may arrive under by mistake; it is still read as the workbook it is. */
const TEXT_EXTENSIONS = new Set(["csv", "tsv", "txt", "json"]);
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function extensionOf(filename: string): string {
  const match = /\.([a-z0-9]+)$/i.exec(filename.trim());
  return match ? match[1]!.toLowerCase() : "";
}

/** An OLE compound file: an encrypted OOXML workbook keeps its package in a stream named "EncryptedPackage". */
function describeCompoundFile(bytes: Uint8Array): ImportFailure {
  const marker = Buffer.from("EncryptedPackage", "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker) ? fileProblem("encryptedWorkbook") : fileProblem("legacyXls");
}

/**
 * Control characters other than tab, LF, CR and form feed: text files do not have them. NUL is not
 * counted: a text file with a stray NUL is refused later, by the reader, with its row and column.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) {
    const byte = bytes[i]!;
    if (byte > 0x00 && byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return true;
  }
  return false;
}

/** UTF-16 without a byte-order mark: every other byte is zero in ASCII-heavy text (and the others almost never are). */
function looksUtf16WithoutBom(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 4096) & ~1;
  if (end < 4) return false;
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0) (i % 2 === 0 ? zerosEven++ : zerosOdd++);
  const half = end / 2;
  return (zerosOdd > half * 0.3 && zerosEven < half * 0.05) || (zerosEven > half * 0.3 && zerosOdd < half * 0.05);
}

type Signature = { at?: number; magic: readonly number[] | string };
/** A file kind is recognised when all of its signatures match. */
type ForeignFile = { code: "fileIsImage" | "fileIsPdf" | "fileIsArchive" | "fileIsProgram"; format: string; signatures: readonly Signature[] };

/** Files people upload by mistake, by their magic bytes (format names are the same in every language). */
const FOREIGN_FILES: readonly ForeignFile[] = [
  { code: "fileIsImage", format: "PNG", signatures: [{ magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }] },
  { code: "fileIsImage", format: "JPEG", signatures: [{ magic: [0xff, 0xd8, 0xff] }] },
  { code: "fileIsImage", format: "GIF", signatures: [{ magic: "GIF87a" }] },
  { code: "fileIsImage", format: "GIF", signatures: [{ magic: "GIF89a" }] },
  { code: "fileIsImage", format: "WebP", signatures: [{ magic: "RIFF" }, { at: 8, magic: "WEBP" }] },
  { code: "fileIsImage", format: "TIFF", signatures: [{ magic: [0x49, 0x49, 0x2a, 0x00] }] },
  { code: "fileIsImage", format: "TIFF", signatures: [{ magic: [0x4d, 0x4d, 0x00, 0x2a] }] },
  { code: "fileIsPdf", format: "PDF", signatures: [{ magic: "%PDF-" }] },
  { code: "fileIsArchive", format: "gzip", signatures: [{ magic: [0x1f, 0x8b] }] },
  { code: "fileIsArchive", format: "7z", signatures: [{ magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] }] },
  { code: "fileIsArchive", format: "RAR", signatures: [{ magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] }] },
  { code: "fileIsArchive", format: "xz", signatures: [{ magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] }] },
  { code: "fileIsArchive", format: "bzip2", signatures: [{ magic: "BZh" }, { at: 4, magic: [0x31, 0x41, 0x59, 0x26, 0x53, 0x59] }] },
  { code: "fileIsProgram", format: "ELF", signatures: [{ magic: [0x7f, 0x45, 0x4c, 0x46] }] },
  { code: "fileIsProgram", format: "Mach-O", signatures: [{ magic: [0xcf, 0xfa, 0xed, 0xfe] }] },
  { code: "fileIsProgram", format: "Mach-O", signatures: [{ magic: [0xce, 0xfa, 0xed, 0xfe] }] },
];

function hasSignature(bytes: Uint8Array, { at = 0, magic }: Signature): boolean {
  const expected = typeof magic === "string" ? [...Buffer.from(magic, "latin1")] : magic;
  return expected.every((byte, i) => bytes[at + i] === byte);
}

/** A Windows program: "MZ", and the PE header where the DOS header points. */
function isWindowsProgram(bytes: Uint8Array): boolean {
  if (bytes.length < 0x40 || bytes[0] !== 0x4d || bytes[1] !== 0x5a) return false;
  const peAt = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0x3c, true);
  return peAt + 4 <= bytes.length && hasSignature(bytes, { at: peAt, magic: [0x50, 0x45, 0x00, 0x00] });
}

/** What a file that is not a spreadsheet at all really is, when its first bytes say so. */
function describeForeignFile(bytes: Uint8Array): ImportFailure | null {
  const known = FOREIGN_FILES.find((file) => file.signatures.every((signature) => hasSignature(bytes, signature)));
  if (known) return fileProblem(known.code, { format: known.format });
  if (isWindowsProgram(bytes)) return fileProblem("fileIsProgram", { format: "Windows" });
  return null;
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
  const foreign = describeForeignFile(bytes);
  if (foreign) return foreign;
  const extension = extensionOf(filename);
  // Zip: "PK\3\4", or "PK\5\6" for a zip with no entries at all.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) {
    const directory = readZipDirectory(bytes, limits);
    if (!directory.ok) return fileProblem(directory.code, directory.params);
    const parts = checkXlsxParts(directory.entries);
    if (!parts.ok) return fileProblem(parts.code, parts.params);
    return TEXT_EXTENSIONS.has(extension) ? { ok: true, format: "xlsx", namedAs: extension } : { ok: true, format: "xlsx" };
  }
  if (hasSignature(bytes, { magic: CFB_MAGIC })) return describeCompoundFile(bytes);

  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const head = decoded.text.slice(0, 2048).replace(/^\uFEFF/, "").trimStart();
  if (/^<(!doctype\s+html|html|head|body|table|meta)\b/i.test(head)) return fileProblem("htmlNotSpreadsheet");
  if (head.startsWith("<")) return fileProblem("notASpreadsheet", { detail: "xml" });
  if (head.startsWith("{") || head.startsWith("[") || extension === "json") return { ok: true, format: "ods-json", text: decoded.text, encoding: decoded.encoding };
  if (extension === "xlsx" || extension === "xlsm" || extension === "xls") return fileProblem("textNamedAsWorkbook", { extension });
  return { ok: true, format: "csv", text: decoded.text, encoding: decoded.encoding };
}
