// Streams the rows of an XLSX with exceljs's WorkbookReader, after every part it will read has been
// inflated by us within its declared size, CRC-checked and searched for DTDs (zip.server.ts).
// Rows become raw cells; a sheet with more rows than the cap stops the read there.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { columnLetters, type RawCell } from "../../domain/spreadsheet-cells";
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import { fileProblem, type ImportFailure } from "./result.server";
import { buildStoredZip, checkXlsxParts, hasDtd, inflateEntry, isCompleteXml, isUtf16Xml, readZipDirectory, type ZipEntry } from "./zip.server";

export type SheetRow = { number: number; cells: RawCell[] };
export type ReadSheet = { name: string; rows: SheetRow[] };

const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>',
  "utf8",
);

/** The parts exceljs reads, in the order its streaming reader needs them; everything else is never inflated. */
function partOrder(name: string): number | null {
  const fixed = ["_rels/.rels", "[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"];
  const index = fixed.indexOf(name);
  if (index >= 0) return index;
  const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
  return sheet ? 100 + Number(sheet[1]) : null;
}

/**
 * NUL (a zero byte, or &#0;) can be neither parsed as XML nor stored by PostgreSQL. It is swapped for
 * U+FDD0, a noncharacter XML allows and files never hold, so the read can name the cell it is in.
 */
const NUL_MARK = "\uFDD0";
const NUL_MARK_BYTES = Buffer.from(NUL_MARK, "utf8");
const NUL_PATTERN = /\x00|&#0+;|&#x0+;/gi;

function markNul(xml: Buffer): Buffer | null {
  if (!xml.includes(0) && !xml.includes("&#0") && !xml.includes("&#x0") && !xml.includes("&#X0")) return null;
  const marked = Buffer.from(xml.toString("latin1").replace(NUL_PATTERN, NUL_MARK_BYTES.toString("latin1")), "latin1");
  // "&#013;" only looked like one.
  return marked.equals(xml) ? null : marked;
}

export type PreparedWorkbook = { ok: true; zip: Buffer; nulParts: string[] };

/** Inflates and checks the parts exceljs will read; returns them as a stored zip in reading order. */
export function prepareWorkbook(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): PreparedWorkbook | ImportFailure {
  const directory = readZipDirectory(bytes, limits);
  if (!directory.ok) return fileProblem(directory.code, directory.params);
  const parts = checkXlsxParts(directory.entries);
  if (!parts.ok) return fileProblem(parts.code, parts.params);
  const wanted: { entry: ZipEntry; order: number }[] = [];
  for (const entry of directory.entries) {
    const order = partOrder(entry.name);
    if (order !== null) wanted.push({ entry, order });
  }
  wanted.sort((a, b) => a.order - b.order);
  const inflated: { name: string; data: Buffer }[] = [];
  const nulParts: string[] = [];
  for (const { entry } of wanted) {
    const result = inflateEntry(bytes, entry);
    if (!result.ok) return fileProblem(result.code, result.params);
    if (hasDtd(result.data)) return fileProblem("xmlEntities", { part: entry.name });
    if (isUtf16Xml(result.data)) return fileProblem("xmlMalformed", { part: entry.name, detail: "UTF-16" });
    let data = result.data;
    const marked = markNul(data);
    if (marked) {
      // A part that already holds the mark could not say where its NUL is: named by part only.
      if (data.includes(NUL_MARK_BYTES)) return fileProblem("nulInPart", { part: entry.name });
      nulParts.push(entry.name);
      data = marked;
    }
    if (!isCompleteXml(data)) return fileProblem("xmlMalformed", { part: entry.name, detail: "incomplete" });
    inflated.push({ name: entry.name, data });
  }
  if (!inflated.some((part) => part.name === "xl/sharedStrings.xml")) {
    const at = inflated.findIndex((part) => part.name.startsWith("xl/worksheets/") || part.name === "xl/styles.xml");
    inflated.splice(at < 0 ? inflated.length : at, 0, { name: "xl/sharedStrings.xml", data: EMPTY_SHARED_STRINGS });
  }
  return { ok: true, zip: buildStoredZip(inflated), nulParts };
}

function holdsNul(cell: RawCell): boolean {
  return ((cell.kind === "text" || cell.kind === "error") && cell.text.includes(NUL_MARK)) || (cell.formula?.includes(NUL_MARK) ?? false);
}

/** The answer for a workbook whose parts held NUL: the first cell it reached, else the part it was in. */
export function nulProblem(read: { ok: true; sheets: ReadSheet[] } | ImportFailure, nulParts: readonly string[]): ImportFailure {
  for (const sheet of read.ok ? read.sheets : []) {
    for (const row of sheet.rows) {
      const cell = row.cells.find(holdsNul);
      if (cell) return fileProblem("nulInCell", { sheet: sheet.name.replaceAll(NUL_MARK, "␀"), cell: cell.ref ?? `row ${row.number}` });
    }
  }
  return fileProblem("nulInPart", { part: nulParts[0] ?? "" });
}

function isoOfDate(date: Date): string | null {
  const time = date.getTime();
  if (!Number.isFinite(time)) return null;
  return date.toISOString().slice(0, 10);
}

/** One exceljs cell value as a raw cell. */
export function toRawCell(value: unknown, ref?: string): RawCell {
  const at = ref ? { ref } : {};
  if (value === null || value === undefined) return { kind: "empty", ...at };
  if (typeof value === "string") return value === "" ? { kind: "empty", ...at } : { kind: "text", text: value, ...at };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value, ...at } : { kind: "error", text: String(value), ...at };
  if (typeof value === "boolean") return { kind: "boolean", value, ...at };
  if (value instanceof Date) {
    const iso = isoOfDate(value);
    return iso ? { kind: "date", iso, ...at } : { kind: "error", text: "#DATE", ...at };
  }
  if (typeof value === "object") {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) {
      const text = (object.richText as { text?: unknown }[]).map((run) => (typeof run.text === "string" ? run.text : "")).join("");
      return text === "" ? { kind: "empty", ...at } : { kind: "text", text, ...at };
    }
    if (typeof object.error === "string") return { kind: "error", text: object.error, ...at };
    if ("formula" in object || "sharedFormula" in object) {
      const formula = String(object.formula ?? object.sharedFormula ?? "");
      const result = "result" in object ? toRawCell(object.result) : ({ kind: "empty" } as RawCell);
      return { ...result, formula, ...at };
    }
    if (typeof object.text === "string") return { kind: "text", text: object.text, ...at };
  }
  return { kind: "text", text: String(value), ...at };
}

export function cellRef(column: number, row: number): string {
  return `${columnLetters(column)}${row}`;
}

/** Small chunks: exceljs turns each chunk into a batch of rows, so one big chunk would hold a whole sheet at once. */
function* chunksOf(buffer: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, Math.min(buffer.length, at + size));
}

/**
 * Reads every sheet's rows as raw cells. A sheet may hold at most the row cap plus a few rows of
 * keys, headers and totals; a sheet with more fails the read there, whatever its <dimension> claims.
 */
export async function readWorkbookRows(
  zip: Buffer,
  limits: ImportLimits = IMPORT_LIMITS,
  /** Called once the first rows of a sheet are in: false stops reading that sheet (the rest is never parsed). */
  isWanted: (rows: readonly SheetRow[]) => boolean = () => true,
): Promise<{ ok: true; sheets: ReadSheet[] } | ImportFailure> {
  const maxRowsPerSheet = limits.maxDataRows + limits.maxHeaderSearchRows + 1;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunksOf(zip, 64 * 1024)), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "ignore",
  });
  const sheets: ReadSheet[] = [];
  let part = "xl/workbook.xml";
  try {
    for await (const worksheet of reader) {
      const sheetReader = worksheet as unknown as { name?: string; id?: number } & AsyncIterable<ExcelJS.Row>;
      const sheet: ReadSheet = { name: sheetReader.name ?? `Sheet${sheetReader.id ?? sheets.length + 1}`, rows: [] };
      part = `xl/worksheets (${sheet.name})`;
      sheets.push(sheet);
      for await (const row of sheetReader) {
        const values = row.values as unknown[];
        if (values.length - 1 > limits.maxColumns) return fileProblem("tooManyColumns", { max: limits.maxColumns, sheet: sheet.name });
        const cells: RawCell[] = [];
        let hasContent = false;
        for (let column = 1; column < values.length; column++) {
          const cell = toRawCell(values[column], cellRef(column, row.number));
          if (cell.kind !== "empty" || cell.formula !== undefined) hasContent = true;
          cells.push(cell);
        }
        if (!hasContent) continue;
        sheet.rows.push({ number: row.number, cells });
        if (sheet.rows.length === limits.maxHeaderSearchRows && !isWanted(sheet.rows)) break;
        if (sheet.rows.length > maxRowsPerSheet) return fileProblem("tooManyRows", { max: limits.maxDataRows, sheet: sheet.name });
      }
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
    return fileProblem("xmlMalformed", { part, detail });
  }
  return { ok: true, sheets };
}
