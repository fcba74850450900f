// Writing rows with exceljs's streaming writer: cells with shared styles, the hidden key row and
// the header row every sheet starts with, and yields to the event loop on long sheets.
import type ExcelJS from "exceljs";
import { isIsoDate } from "../../../domain/dates";
import type { ListId } from "../../../domain/spreadsheet-lists";

export type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;
export type CellInput = { value: ExcelJS.CellValue; style?: Partial<ExcelJS.Style> };
type RowOptions = { hidden?: boolean; height?: number };

/** The streaming writer's worksheet: exceljs's types omit its data validations and auto-filter option. */
export type StreamSheet = ExcelJS.Worksheet & { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };
type SheetOptions = Partial<ExcelJS.AddWorksheetOptions> & { autoFilter?: string };

export function addSheet(workbook: Workbook, name: string, options: SheetOptions): StreamSheet {
  return workbook.addWorksheet(name, options as Partial<ExcelJS.AddWorksheetOptions>) as StreamSheet;
}

/** The style of unstyled cells: one shared object (a fresh {} per cell would cost a style lookup each). */
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/** Adds a row of cells (value + shared style) and commits it: the streaming writer flushes it. */
export function writeRow(sheet: ExcelJS.Worksheet, cells: readonly (CellInput | null)[], options: RowOptions = {}): void {
  const row = sheet.addRow([]);
  // Rows get a style id too: a shared object lets exceljs look it up once, not once per row.
  (row as unknown as { style: Partial<ExcelJS.Style> }).style = PLAIN_STYLE;
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index];
    if (!cell) continue;
    const target = row.getCell(index + 1);
    target.style = cell.style ?? PLAIN_STYLE;
    target.value = cell.value;
  }
  if (options.hidden) row.hidden = true;
  if (options.height) row.height = options.height;
  row.commit();
}

/** The hidden first row of keys that import recognises a sheet and its columns by, whatever the language. */
export function writeKeyRow(sheet: ExcelJS.Worksheet, keys: readonly string[], style: Partial<ExcelJS.Style>): void {
  writeRow(sheet, keys.map((value) => ({ value, style })), { hidden: true });
}

/** The row of headers people read. */
export function writeHeaderRow(sheet: ExcelJS.Worksheet, headers: readonly string[], style: Partial<ExcelJS.Style>, height: number): void {
  writeRow(sheet, headers.map((value) => ({ value, style })), { height });
}

/** Rows written between yields to the event loop: lets the zip drain (memory stays flat) and other requests run. */
const ROWS_PER_YIELD = 250;

/** Yields to the event loop after every ROWS_PER_YIELD rows (call with the 0-based row index). */
export async function pace(index: number): Promise<void> {
  if (index % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Fen as a number of yuan. fen / 100 is the double nearest the exact decimal amount, the very number
 * Number(fenToYuanString(fen)) reads, without building a string per cell.
 */
export function yuan(fen: number): number {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  return fen === 0 ? 0 : fen / 100;
}

export function dateValue(iso: string): Date | string {
  if (!isIsoDate(iso)) return iso;
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The defined name of a drop-down list on the hidden Lists sheet. */
export function listName(list: ListId): string {
  return `list_${list}`;
}

/** A formula cell with its cached result, for viewers that do not recalculate. */
export function formula(text: string, result: number, style?: Partial<ExcelJS.Style>): CellInput {
  return { value: { formula: text, result }, style };
}
