// Plan imports (issue 7): XLSX, CSV and ODS JSON read off the request thread, with every problem
// by row and column; diffImport (app/domain/import-diff.ts) turns the result into a preview.
export { parseImportFile, type ImportContext, type ParseOptions, type UploadInput } from "./parse-import.server";
export { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
export { readUploadedFile, type UploadRead } from "./upload.server";
export { FILE_PROBLEM_KIND, type FileProblem, type FileProblemCode, type ImportFailure, type ImportFormat, type ImportParseResult, type ImportSuccess } from "./result.server";
export { diffImport, type ImportDiff, type ImportedLine, type ImportProblem } from "../../domain/import-diff";
