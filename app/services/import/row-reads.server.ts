// Reading the cells of one row (a line, or the campaign facts): its problems, named by row and
// column, and the readers every field goes through (precheck, enumerations, text, dates, money).
import type { ImportProblem, ImportProblemSeverity } from "../../domain/import-diff";
import { EnumResolver } from "../../domain/enum-resolver";
import type { Placement } from "../../domain/catalog";
import { fenToYuanString, type NumberLocale } from "../../domain/money";
import { isIsoDate } from "../../domain/dates";
import { indexPlacements, type PlanCatalog } from "../../domain/plan-derive";
import { isEmptyCell, type RawCell } from "../../domain/spreadsheet-cells";
import type { ListId } from "../../domain/spreadsheet-lists";
import { displayCell, precheckCell, readDate, readMoneyFen, readText, type CellIssue, type CellRead } from "./cells.server";
import { makeProblem, type ImportFormat } from "./result.server";

/** Message keys of "unknown value" problems per list, with and without a suggestion. */
const UNKNOWN_CODE: Record<ListId, string> = {
  ecosystem: "unknownEcosystem",
  placement: "unknownPlacement",
  destination: "unknownDestination",
  buying_model: "unknownBuyingModel",
  kpi: "unknownKpi",
  flighting_mode: "unknownFlightingMode",
  measurement_owner: "unknownMeasurementOwner",
  measurement_method: "unknownMeasurementMethod",
  contract_access: "unknownContractAccess",
  objective: "unknownObjective",
  status: "unknownStatus",
  reporting_currency: "unknownReportingCurrency",
  data_level: "unknownDataLevel",
};

/** Collects problems of one row and remembers whether any is an error. */
export class RowProblems {
  readonly list: ImportProblem[] = [];
  hasError = false;
  private readonly columnsWithErrors = new Set<string>();
  constructor(readonly row: number | null) {}

  add(column: string | null, code: string, severity: ImportProblemSeverity, params: Record<string, string | number> = {}, cell?: RawCell) {
    const withCell = cell?.ref ? { cell: cell.ref, ...params } : params;
    this.list.push(makeProblem(this.row, column, code, severity, withCell));
    if (severity === "error") {
      this.hasError = true;
      if (column) this.columnsWithErrors.add(column);
    }
  }

  /** Problems the format reader already found on the row. */
  addFound(problems: readonly ImportProblem[]) {
    for (const problem of problems) {
      this.list.push(problem);
      if (problem.severity === "error") this.hasError = true;
    }
  }

  /** A column already has an error: "required" would only repeat it. */
  hasErrorIn(column: string): boolean {
    return this.columnsWithErrors.has(column);
  }

  issues(column: string, issues: readonly CellIssue[], severity: ImportProblemSeverity, cell?: RawCell) {
    for (const issue of issues) this.add(column, issue.code, severity, issue.params, cell);
  }

  /** The value of a read, or undefined after recording its error; its warnings are recorded either way. */
  take<T>(column: string, read: CellRead<T>, cell?: RawCell): T | undefined {
    if (!read.ok) {
      this.add(column, read.error.code, "error", read.error.params, cell);
      return undefined;
    }
    this.issues(column, read.warnings, "warning", cell);
    return read.value;
  }
}

/** Resolvers are built once per import: the placement list can be long. */
export class Resolvers {
  private readonly cache = new Map<ListId, EnumResolver>();
  readonly placements: ReadonlyMap<string, Placement>;
  constructor(private readonly catalog: PlanCatalog) {
    this.placements = indexPlacements(catalog);
  }
  get(list: ListId): EnumResolver {
    let resolver = this.cache.get(list);
    if (!resolver) {
      resolver = new EnumResolver(list, this.catalog);
      this.cache.set(list, resolver);
    }
    return resolver;
  }
}

/** Reads a cell through precheck (formulas, error values); undefined when it is empty or unreadable. */
export function present(problems: RowProblems, column: string, cell: RawCell | undefined): RawCell | undefined {
  if (!cell) return undefined;
  if (cell.formula === undefined && isEmptyCell(cell)) return undefined;
  const checked = problems.take(column, precheckCell(cell), cell);
  if (!checked || isEmptyCell(checked)) return undefined;
  return checked;
}

export function resolveEnum(problems: RowProblems, resolvers: Resolvers, list: ListId, column: string, cell: RawCell, severity: ImportProblemSeverity = "error"): string | undefined {
  const value = readText(cell);
  const match = resolvers.get(list).resolve(value);
  if (match.ok) return match.id;
  const code = UNKNOWN_CODE[list];
  if (match.suggestion) {
    problems.add(column, `${code}DidYouMean`, severity, { value, suggestionEn: match.suggestion.en, suggestionZh: match.suggestion.zh, suggestionId: match.suggestion.id }, cell);
  } else problems.add(column, code, severity, { value }, cell);
  return undefined;
}

export function yuan(fen: number): string {
  return fenToYuanString(fen);
}

/** Text of at most `max` characters, or undefined with an error. */
export function readLimitedText(problems: RowProblems, column: string, cell: RawCell | undefined, max: number): string | undefined {
  if (!cell) return "";
  const text = readText(cell);
  if (text.length > max) {
    problems.add(column, "textTooLong", "error", { max, length: text.length }, cell);
    return undefined;
  }
  return text;
}

function isStrictIsoText(cell: RawCell): boolean {
  return cell.kind === "text" && isIsoDate(cell.text.trim());
}

export function readDateField(problems: RowProblems, column: string, cell: RawCell, format: ImportFormat): string | undefined {
  const read = readDate(cell);
  const value = problems.take(column, read, cell);
  if (!value) return undefined;
  // CSV and JSON only have text: an ISO date there is the normal form. Anything else read from text is said.
  if (value.isText && (format === "xlsx" || !isStrictIsoText(cell))) {
    problems.add(column, "dateAsText", "warning", { value: displayCell(cell), date: value.iso }, cell);
  }
  return value.iso;
}

export function readMoneyField(problems: RowProblems, column: string, cell: RawCell, unit: "yuan" | "fen", numberLocale: NumberLocale): number | undefined {
  return problems.take(column, readMoneyFen(cell, unit, numberLocale), cell);
}
