// What parsing an uploaded file gives back: either one whole-file problem with its kind of failure,
// or the campaign fields and lines the file carries with every per-cell problem.
import type { ImportedLine, ImportProblem, ImportProblemSeverity } from "../../domain/import-diff";
import type { ErrorKind } from "../../domain/errors";
import type { CampaignPlan } from "../../domain/plan";

export type ImportFormat = "xlsx" | "csv" | "ods-json";

/** A problem of one cell, row or sheet, with its message key (`import.<code>`) and the words it needs. */
export function makeProblem(
  row: number | null,
  column: string | null,
  code: string,
  severity: ImportProblemSeverity,
  params: Record<string, string | number> = {},
): ImportProblem {
  return { row, column, code, messageKey: `import.${code}`, params, severity };
}

export type FileProblem = { code: FileProblemCode; messageKey: string; params: Record<string, string | number> };

export type ImportFailure = { ok: false; kind: Extract<ErrorKind, "bad-request" | "too-large" | "invalid">; problem: FileProblem };

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

/** Whole-file problems and what kind of failure each is (app/route-edge.server.ts gives the status). */
export const FILE_PROBLEM_KIND = {
  fileEmpty: "bad-request",
  fileTooLarge: "too-large",
  uploadTruncated: "bad-request",
  uploadMalformed: "bad-request",
  notASpreadsheet: "bad-request",
  fileIsImage: "bad-request",
  fileIsPdf: "bad-request",
  fileIsArchive: "bad-request",
  fileIsProgram: "bad-request",
  fileIsOfficeDocument: "bad-request",
  textNamedAsWorkbook: "bad-request",
  htmlNotSpreadsheet: "bad-request",
  legacyXls: "bad-request",
  encryptedWorkbook: "bad-request",
  odfSpreadsheet: "bad-request",
  notAnXlsx: "bad-request",
  zipTruncated: "bad-request",
  zipUnsupported: "invalid",
  zipCorrupt: "invalid",
  zipTooManyEntries: "too-large",
  zipTooLarge: "too-large",
  zipSizeMismatch: "too-large",
  zipOverlap: "invalid",
  zipEntryMismatch: "invalid",
  zipDuplicatePart: "invalid",
  missingWorkbookPart: "invalid",
  xmlEntities: "invalid",
  xmlMalformed: "invalid",
  encodingUtf16NoBom: "bad-request",
  encodingNotUtf8: "bad-request",
  nulInCsv: "invalid",
  nulInCell: "invalid",
  nulInPart: "invalid",
  nulInJson: "invalid",
  nulInText: "invalid",
  tooManyRows: "too-large",
  tooManyColumns: "too-large",
  parseTimeout: "invalid",
  parseOutOfMemory: "too-large",
  parseFailed: "invalid",
  noLineItems: "invalid",
  missingColumns: "invalid",
  duplicateHeaders: "invalid",
  csvMalformed: "invalid",
  jsonInvalid: "bad-request",
  jsonForbiddenKey: "invalid",
  odsInvalid: "invalid",
} as const satisfies Record<string, ErrorKind>;

export type FileProblemCode = keyof typeof FILE_PROBLEM_KIND;

export function fileProblem(code: FileProblemCode, params: Record<string, string | number> = {}): ImportFailure {
  return { ok: false, kind: FILE_PROBLEM_KIND[code], problem: { code, messageKey: `import.${code}`, params } };
}
