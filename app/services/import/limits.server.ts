// Import limits (reliability-security.md, "Spreadsheet and document import"), checked before and
// while parsing. One place, so messages, tests and the parser agree.
const MB = 1024 * 1024;

export const IMPORT_LIMITS = {
  /** Upload size. */
  maxUploadBytes: 10 * MB,
  /** Sum of the uncompressed sizes the zip central directory declares. */
  maxUncompressedBytes: 50 * MB,
  maxZipEntries: 100,
  /** Data rows of one sheet (or CSV, or ODS line items), enforced while streaming. */
  maxDataRows: 5_000,
  /** Cells in one row: a plan has ~35 columns plus up to two years of weeks on the Flighting sheet. */
  maxColumns: 400,
  /** Rows read before the header row must have been found. */
  maxHeaderSearchRows: 10,
  /** The parse worker is terminated after this long (from the moment its code is loaded). */
  deadlineMs: 4_500,
  /** Starting the worker (loading TypeScript, exceljs, Ajv) may take this long on a busy machine. */
  startupTimeoutMs: 15_000,
  /** V8 old-generation heap of the parse worker. */
  workerHeapMb: 256,
} as const;

export type ImportLimits = { [K in keyof typeof IMPORT_LIMITS]: number };
