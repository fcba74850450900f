// What parsing an uploaded file gives back: either one whole-file problem with its HTTP status,
// or the campaign fields and lines the file carries with every per-cell problem.
import type { ImportedLine, ImportProblem } from "../../domain/import-diff";
import type { CampaignPlan } from "../../domain/plan";
import type { ImportFormat } from "./records.server";

export type { ImportFormat };

export type FileProblem = { code: FileProblemCode; messageKey: string; params: Record<string, string | number> };

export type ImportFailure = { ok: false; status: 400 | 413 | 422; problem: FileProblem };

export type ImportSuccess = {
  ok: true;
  format: ImportFormat;
  /** Campaign fields the file states (Summary sheet, ODS campaign); empty for a CSV. */
  campaign: Partial<CampaignPlan>;
  /** Lines read without error, in file order. */
  lines: ImportedLine[];
  /** Rows that could not be read into a line; their problems say why. */
  invalidRows: { row: number; lineId: string | null }[];
  problems: ImportProblem[];
  /** True when any problem is an error: the preview shows them and applying is refused (422). */
  hasErrors: boolean;
  /** Data rows read from the line items (blank rows not counted). */
  dataRowCount: number;
};

export type ImportParseResult = ImportFailure | ImportSuccess;

/** Whole-file problems and the status each is answered with. */
export const FILE_PROBLEM_STATUS = {
  fileEmpty: 400,
  fileTooLarge: 413,
  uploadTruncated: 400,
  uploadMalformed: 400,
  notASpreadsheet: 400,
  fileIsImage: 400,
  fileIsPdf: 400,
  fileIsArchive: 400,
  fileIsProgram: 400,
  fileIsOfficeDocument: 400,
  textNamedAsWorkbook: 400,
  htmlNotSpreadsheet: 400,
  legacyXls: 400,
  encryptedWorkbook: 400,
  odfSpreadsheet: 400,
  notAnXlsx: 400,
  zipTruncated: 400,
  zipUnsupported: 422,
  zipCorrupt: 422,
  zipTooManyEntries: 413,
  zipTooLarge: 413,
  zipSizeMismatch: 413,
  zipOverlap: 422,
  zipEntryMismatch: 422,
  zipDuplicatePart: 422,
  missingWorkbookPart: 422,
  xmlEntities: 422,
  xmlMalformed: 422,
  encodingUtf16NoBom: 400,
  encodingNotUtf8: 400,
  nulInCsv: 422,
  nulInCell: 422,
  nulInPart: 422,
  nulInJson: 422,
  nulInText: 422,
  tooManyRows: 413,
  tooManyColumns: 413,
  parseTimeout: 422,
  parseOutOfMemory: 413,
  parseFailed: 422,
  noLineItems: 422,
  missingColumns: 422,
  duplicateHeaders: 422,
  csvMalformed: 422,
  jsonInvalid: 400,
  jsonForbiddenKey: 422,
  odsInvalid: 422,
} as const satisfies Record<string, 400 | 413 | 422>;

export type FileProblemCode = keyof typeof FILE_PROBLEM_STATUS;

export function fileProblem(code: FileProblemCode, params: Record<string, string | number> = {}): ImportFailure {
  return { ok: false, status: FILE_PROBLEM_STATUS[code], problem: { code, messageKey: `import.${code}`, params } };
}
