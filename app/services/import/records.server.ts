// Turns rows read from any format (XLSX, CSV, ODS JSON) into plan lines and campaign fields, with
// every problem named by row and column in words a planner understands (issue 7, "Preview").
// Pure: the format readers produce records of raw cells; this decides what they mean.
import { COST_BASIS, isBuyingModel, type BuyingModel } from "../../domain/buying-models";
import { getKpi, type EcosystemId, type KpiId, type Locale, type Placement } from "../../domain/catalog";
import { UNIT_COST_KEY } from "../../domain/estimates";
import { allocateFlighting, type FlightingMode } from "../../domain/flighting";
import type { ImportedLine, ImportProblem, ImportProblemSeverity } from "../../domain/import-diff";
import { fenToYuanString, parseFxRate, type NumberLocale } from "../../domain/money";
import { canReach } from "../../domain/openness";
import { indexPlacements, type PlanCatalog } from "../../domain/plan-derive";
import {
  DEFAULT_MEASUREMENT,
  type CampaignPlan,
  type CampaignStatus,
  type ContractAccess,
  type LineMeasurement,
  type Objective,
  type ReportingCurrency,
} from "../../domain/plan";
import {
  EnumResolver,
  isEmptyCell,
  labelOf,
  normaliseName,
  type CampaignFactKey,
  type LineColumnKey,
  type ListId,
  type RawCell,
} from "../../domain/spreadsheet-columns";
import { isIsoDate } from "../../domain/dates";
import { displayCell, precheckCell, readDate, readInteger, readMoneyFen, readNumber, readRatio, readText, type CellIssue, type CellRead } from "./cells.server";

export type ImportFormat = "xlsx" | "csv" | "ods-json";

export const MAX_NAME_LENGTH = 200;
export const MAX_NOTES_LENGTH = 2000;

/** One row of line items as read from a file. */
export type LineRecord = {
  row: number;
  cells: Partial<Record<LineColumnKey, RawCell>>;
  /** Problems the format reader already found on this row (e.g. a currency that is not CNY). */
  problems?: ImportProblem[];
  /** Custom flighting given outside the row: cells per ISO week (Flighting sheet) or exact fen (ODS). */
  flighting?: { kind: "cells"; row: number; weeks: Record<string, RawCell>; budgetAtExport?: RawCell } | { kind: "fen"; weeks: Record<string, number> };
};

export type MapContext = {
  catalog: PlanCatalog;
  locale: Locale;
  format: ImportFormat;
  numberLocale: NumberLocale;
  /** The campaign as the file states it: defaults for missing dates, and a yardstick for amounts. */
  campaign: Partial<CampaignPlan>;
};

export type MappedLines = {
  lines: ImportedLine[];
  invalidRows: { row: number; lineId: string | null }[];
  problems: ImportProblem[];
};

export function makeProblem(
  row: number | null,
  column: string | null,
  code: string,
  severity: ImportProblemSeverity,
  params: Record<string, string | number> = {},
): ImportProblem {
  return { row, column, code, messageKey: `import.${code}`, params, severity };
}

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
class RowProblems {
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
function present(problems: RowProblems, column: string, cell: RawCell | undefined): RawCell | undefined {
  if (!cell) return undefined;
  if (cell.formula === undefined && isEmptyCell(cell)) return undefined;
  const checked = problems.take(column, precheckCell(cell), cell);
  if (!checked || isEmptyCell(checked)) return undefined;
  return checked;
}

function resolveEnum(problems: RowProblems, resolvers: Resolvers, list: ListId, column: string, cell: RawCell, severity: ImportProblemSeverity = "error"): string | undefined {
  const value = readText(cell);
  const match = resolvers.get(list).resolve(value);
  if (match.ok) return match.id;
  const code = UNKNOWN_CODE[list];
  if (match.suggestion) {
    problems.add(column, `${code}DidYouMean`, severity, { value, suggestionEn: match.suggestion.en, suggestionZh: match.suggestion.zh, suggestionId: match.suggestion.id }, cell);
  } else problems.add(column, code, severity, { value }, cell);
  return undefined;
}

function yuan(fen: number): string {
  return fenToYuanString(fen);
}

/** Text of at most `max` characters, or undefined with an error. */
function readLimitedText(problems: RowProblems, column: string, cell: RawCell | undefined, max: number): string | undefined {
  if (!cell) return "";
  const text = readText(cell);
  if (text.length > max) {
    problems.add(column, "textTooLong", "error", { max, length: text.length }, cell);
    return undefined;
  }
  return text;
}

/** Benchmark unit cost of a placement for a model (the organization's override first). */
function benchmarkUnitCostFen(catalog: PlanCatalog, placement: Placement, model: BuyingModel): number | undefined {
  if (COST_BASIS[model] === "commission") return undefined;
  const key = UNIT_COST_KEY[model];
  return catalog.benchmarkOverrides[placement.id]?.[key] ?? placement.benchmarks[key];
}

function isStrictIsoText(cell: RawCell): boolean {
  return cell.kind === "text" && isIsoDate(cell.text.trim());
}

function readDateField(problems: RowProblems, column: string, cell: RawCell, format: ImportFormat): string | undefined {
  const read = readDate(cell);
  const value = problems.take(column, read, cell);
  if (!value) return undefined;
  // CSV and JSON only have text: an ISO date there is the normal form. Anything else read from text is said.
  if (value.isText && (format === "xlsx" || !isStrictIsoText(cell))) {
    problems.add(column, "dateAsText", "warning", { value: displayCell(cell), date: value.iso }, cell);
  }
  return value.iso;
}

function readMoneyField(problems: RowProblems, column: string, cell: RawCell, unit: "yuan" | "fen", numberLocale: NumberLocale): number | undefined {
  return problems.take(column, readMoneyFen(cell, unit, numberLocale), cell);
}

/** "2026-W09: 1000.00; 2026-W10: 2000.00" (CSV) → cells per week. */
export function parseCustomFlightingText(text: string): Record<string, RawCell> | null {
  const weeks: Record<string, RawCell> = Object.create(null) as Record<string, RawCell>;
  for (const part of text.split(/[;；\n]/)) {
    if (part.trim() === "") continue;
    const match = /^\s*(\d{4}-W\d{2})\s*[:=：]\s*(.+?)\s*$/.exec(part);
    if (!match) return null;
    weeks[match[1]!] = { kind: "text", text: match[2]! };
  }
  return weeks;
}

/** Whether a row is a totals row someone added under the lines ("Total", "合计"). */
function isTotalsRow(record: LineRecord): boolean {
  const placement = record.cells.placement;
  if (placement && !isEmptyCell(placement)) return false;
  const name = record.cells.name ? normaliseName(readText(record.cells.name)) : "";
  return /^(total|totals|sum|grandtotal|合计|总计|小计)/.test(name);
}

function isBlankRecord(record: LineRecord): boolean {
  return Object.values(record.cells).every((cell) => cell === undefined || (isEmptyCell(cell) && cell.formula === undefined));
}

/** Maps line records to imported lines. Rows with an error are listed in invalidRows, not in lines. */
export function mapLineRecords(records: readonly LineRecord[], context: MapContext): MappedLines {
  const resolvers = new Resolvers(context.catalog);
  const lines: ImportedLine[] = [];
  const invalidRows: { row: number; lineId: string | null }[] = [];
  const problems: ImportProblem[] = [];
  const firstRowOfId = new Map<string, number>();
  const positionless: ImportedLine[] = [];

  for (const record of records) {
    if (isBlankRecord(record)) continue;
    if (isTotalsRow(record)) {
      problems.push(makeProblem(record.row, "name", "totalRowSkipped", "warning", { value: readText(record.cells.name ?? { kind: "empty" }) }));
      continue;
    }
    const rowProblems = new RowProblems(record.row);
    for (const problem of record.problems ?? []) {
      rowProblems.list.push(problem);
      if (problem.severity === "error") rowProblems.hasError = true;
    }
    // A row that does not line up with the header cannot be read column by column: say only that.
    const isRagged = rowProblems.list.some((problem) => problem.code === "raggedRow");
    const result = isRagged ? { line: null, lineId: null, hasPosition: false } : mapLineRecord(record, context, resolvers, rowProblems);
    const lineId = result.lineId;
    if (lineId !== null) {
      const first = firstRowOfId.get(lineId);
      if (first !== undefined) rowProblems.add("line_id", "duplicateLineId", "error", { lineId, firstRow: first }, record.cells.line_id);
      else firstRowOfId.set(lineId, record.row);
    }
    problems.push(...rowProblems.list);
    if (rowProblems.hasError || !result.line) invalidRows.push({ row: record.row, lineId });
    else {
      lines.push(result.line);
      if (result.hasPosition === false) positionless.push(result.line);
    }
  }

  // Rows without a position go after the highest position given, in row order.
  let next = Math.max(-1, ...lines.filter((line) => !positionless.includes(line)).map((line) => line.position)) + 1;
  for (const line of positionless) line.position = next++;
  return { lines, invalidRows, problems };
}

type RecordResult = { line: ImportedLine | null; lineId: string | null; hasPosition: boolean };

function mapLineRecord(record: LineRecord, context: MapContext, resolvers: Resolvers, problems: RowProblems): RecordResult {
  const { cells } = record;
  const get = (key: LineColumnKey) => present(problems, key, cells[key]);
  const { catalog, locale, format } = context;

  // Identity: the round-trip key.
  const idCell = get("line_id");
  const lineId = idCell ? readText(idCell) : null;
  const versionCell = get("version");
  const version = lineId !== null && versionCell ? problems.take("version", readInteger(versionCell), versionCell) ?? null : null;
  // The "#" column counts from 1; the plan's position from 0.
  const positionCell = get("position");
  let position: number | undefined;
  if (positionCell) {
    const number = problems.take("position", readInteger(positionCell), positionCell);
    if (number === 0) problems.add("position", "integerInvalid", "error", { value: "0" }, positionCell);
    else if (number !== undefined) position = number - 1;
  }

  // Route: placement → destination, with the buying model it is sold on.
  const placementCell = get("placement");
  let placement: Placement | undefined;
  if (!placementCell) {
    if (!problems.hasErrorIn("placement")) problems.add("placement", "required", "error", { column: "placement" }, cells.placement);
  }
  else {
    const id = resolveEnum(problems, resolvers, "placement", "placement", placementCell);
    placement = id ? resolvers.placements.get(id) : undefined;
  }

  const ecosystemCell = get("ecosystem");
  if (ecosystemCell && placement) {
    const ecosystemId = resolveEnum(problems, resolvers, "ecosystem", "ecosystem", ecosystemCell, "warning");
    if (ecosystemId && ecosystemId !== placement.ecosystemId) {
      problems.add("ecosystem", "ecosystemMismatch", "warning", {
        value: readText(ecosystemCell),
        placement: labelOf("placement", placement.id, catalog, locale),
        ecosystem: labelOf("ecosystem", placement.ecosystemId, catalog, locale),
      }, ecosystemCell);
    }
  }

  const destinationCell = get("destination");
  let destinationId: string | undefined;
  if (destinationCell) destinationId = resolveEnum(problems, resolvers, "destination", "destination", destinationCell);
  else if (placement) {
    destinationId = placement.destinations[0] ?? "none";
    problems.add("destination", "destinationDefaulted", "warning", { destination: labelOf("destination", destinationId, catalog, locale) });
  }
  if (placement && destinationId && destinationCell && !canReach(placement, destinationId)) {
    problems.add("destination", "destinationUnreachable", "warning", {
      placement: labelOf("placement", placement.id, catalog, locale),
      destination: labelOf("destination", destinationId, catalog, locale),
    }, destinationCell);
  }

  const modelCell = get("buying_model");
  let buyingModel: BuyingModel | undefined;
  if (modelCell) {
    const id = resolveEnum(problems, resolvers, "buying_model", "buying_model", modelCell);
    buyingModel = id && isBuyingModel(id) ? id : undefined;
  } else if (placement) {
    buyingModel = placement.defaultBuyingModel;
    problems.add("buying_model", "buyingModelDefaulted", "warning", { buyingModel: labelOf("buying_model", buyingModel, catalog, locale) });
  }
  if (placement && buyingModel && modelCell && placement.buyingModels.length > 0 && !placement.buyingModels.includes(buyingModel)) {
    problems.add("buying_model", "buyingModelNotOffered", "warning", {
      placement: labelOf("placement", placement.id, catalog, locale),
      buyingModel: labelOf("buying_model", buyingModel, catalog, locale),
    }, modelCell);
  }

  // Money.
  const budgetFen = readBudget(problems, cells, context, get);
  let unitCostFen: number | null | undefined = null;
  const unitFenCell = get("unit_cost_fen");
  const unitCell = get("unit_cost_cny");
  if (unitFenCell) unitCostFen = readMoneyField(problems, "unit_cost_fen", unitFenCell, "fen", context.numberLocale);
  else if (unitCell) {
    unitCostFen = readMoneyField(problems, "unit_cost_cny", unitCell, "yuan", context.numberLocale);
    if (unitCostFen !== undefined && unitCostFen !== null && placement && buyingModel) {
      const benchmark = benchmarkUnitCostFen(catalog, placement, buyingModel);
      if (benchmark && benchmark > 0 && unitCostFen >= benchmark * 50) {
        problems.add("unit_cost_cny", "unitCostLooksLikeFen", "warning", { value: readText(unitCell), benchmark: yuan(Math.round(benchmark)) }, unitCell);
      }
    }
  }

  // Dates, defaulting to the campaign's when the cell is empty.
  const startDate = readLineDate(problems, "start_date", get("start_date"), context.campaign.startDate, format, cells.start_date);
  const endDate = readLineDate(problems, "end_date", get("end_date"), context.campaign.endDate, format, cells.end_date);
  if (startDate && endDate && endDate < startDate) problems.add("end_date", "datesInverted", "error", { start: startDate, end: endDate }, cells.end_date);

  // Text.
  const nameCell = get("name");
  let name = readLimitedText(problems, "name", nameCell, MAX_NAME_LENGTH);
  if (name === "" && placement) name = labelOf("placement", placement.id, catalog, locale);
  const audienceNotes = readLimitedText(problems, "audience_notes", get("audience_notes"), MAX_NOTES_LENGTH);
  const formatNotes = readLimitedText(problems, "format_notes", get("format_notes"), MAX_NOTES_LENGTH);

  // KPI and its target in the KPI's own unit.
  const kpiCell = get("kpi");
  const kpiId = kpiCell ? (resolveEnum(problems, resolvers, "kpi", "kpi", kpiCell) as KpiId | undefined) : null;
  const targetCell = get("kpi_target");
  let kpiTarget: number | null | undefined = null;
  if (targetCell) {
    if (kpiId === null) problems.add("kpi_target", "kpiTargetWithoutKpi", "warning", { value: readText(targetCell) }, targetCell);
    else if (kpiId) kpiTarget = readKpiTarget(problems, kpiId, targetCell, context.numberLocale);
  }

  // Flighting.
  const modeCell = get("flighting_mode");
  const flightingMode = (modeCell ? resolveEnum(problems, resolvers, "flighting_mode", "flighting_mode", modeCell) : "even") as FlightingMode | undefined;
  const customFlightingFen = readFlighting(problems, record, context, { flightingMode, budgetFen, startDate, endDate, get });

  // Measurement.
  const measurement = readMeasurement(problems, resolvers, get);

  if (
    problems.hasError ||
    !placement ||
    !destinationId ||
    !buyingModel ||
    budgetFen === undefined ||
    unitCostFen === undefined ||
    !startDate ||
    !endDate ||
    name === undefined ||
    audienceNotes === undefined ||
    formatNotes === undefined ||
    kpiId === undefined ||
    kpiTarget === undefined ||
    !flightingMode ||
    customFlightingFen === undefined ||
    !measurement
  ) {
    return { line: null, lineId, hasPosition: position !== undefined };
  }
  return {
    lineId,
    hasPosition: position !== undefined,
    line: {
      id: lineId,
      version,
      sourceRow: record.row,
      position: position ?? 0,
      name,
      ecosystemId: placement.ecosystemId as EcosystemId,
      placementId: placement.id,
      destinationId: destinationId as ImportedLine["destinationId"],
      buyingModel,
      unitCostFen,
      budgetFen,
      startDate,
      endDate,
      kpiId,
      kpiTarget,
      audienceNotes,
      formatNotes,
      flightingMode,
      customFlightingFen,
      measurement,
    },
  };
}

function readBudget(problems: RowProblems, cells: LineRecord["cells"], context: MapContext, get: (key: LineColumnKey) => RawCell | undefined): number | undefined {
  const fenCell = get("budget_fen");
  if (fenCell) return readMoneyField(problems, "budget_fen", fenCell, "fen", context.numberLocale);
  const cell = get("budget_cny");
  if (!cell) {
    if (!problems.hasErrorIn("budget_cny") && !problems.hasErrorIn("budget_fen")) problems.add("budget_cny", "required", "error", { column: "budget_cny" }, cells.budget_cny);
    return undefined;
  }
  const fen = readMoneyField(problems, "budget_cny", cell, "yuan", context.numberLocale);
  if (fen === undefined) return undefined;
  // Amounts typed in fen into a yuan column are 100× too large: say so when the campaign budget shows it.
  const campaignFen = context.campaign.budgetFen;
  const asFen = fen / 100;
  if (campaignFen !== undefined && campaignFen > 0 && fen > campaignFen * 20 && asFen <= campaignFen) {
    problems.add("budget_cny", "moneyLooksLikeFen", "error", { value: readText(cell), asYuan: yuan(Math.round(asFen)), campaignBudget: yuan(campaignFen) }, cell);
    return undefined;
  }
  if (campaignFen === undefined && fen >= 100_000_000_000) {
    problems.add("budget_cny", "moneyLooksLikeFenNoCampaign", "warning", { value: readText(cell), asYuan: yuan(Math.round(asFen)) }, cell);
  }
  return fen;
}

function readLineDate(
  problems: RowProblems,
  column: "start_date" | "end_date",
  cell: RawCell | undefined,
  fallback: string | undefined,
  format: ImportFormat,
  original: RawCell | undefined,
): string | undefined {
  if (cell) return readDateField(problems, column, cell, format);
  if (problems.hasErrorIn(column)) return undefined;
  if (fallback) {
    problems.add(column, "dateDefaulted", "warning", { date: fallback }, original);
    return fallback;
  }
  problems.add(column, "required", "error", { column }, original);
  return undefined;
}

function readKpiTarget(problems: RowProblems, kpiId: KpiId, cell: RawCell, numberLocale: NumberLocale): number | null | undefined {
  const kpi = getKpi(kpiId);
  if (!kpi) return undefined;
  switch (kpi.unit) {
    case "fen":
      return readMoneyField(problems, "kpi_target", cell, "yuan", numberLocale);
    case "ratio":
      return problems.take("kpi_target", readRatio(cell), cell);
    default: {
      const value = problems.take("kpi_target", readNumber(cell), cell);
      if (value !== undefined && value < 0) {
        problems.add("kpi_target", "numberNegative", "error", { value: readText(cell) }, cell);
        return undefined;
      }
      return value;
    }
  }
}

type FlightingInput = {
  flightingMode: FlightingMode | undefined;
  budgetFen: number | undefined;
  startDate: string | undefined;
  endDate: string | undefined;
  get: (key: LineColumnKey) => RawCell | undefined;
};

/** Custom amounts (fen per ISO week) for custom lines; null for the others; undefined after an error. */
function readFlighting(problems: RowProblems, record: LineRecord, context: MapContext, input: FlightingInput): Record<string, number> | null | undefined {
  const { flightingMode, budgetFen, startDate, endDate } = input;
  let weeks: Record<string, number> | undefined;
  let column = "custom_flighting";
  if (record.flighting?.kind === "fen") weeks = record.flighting.weeks;
  else {
    let cells: Record<string, RawCell> | null = null;
    const textCell = input.get("custom_flighting");
    if (record.flighting?.kind === "cells") {
      cells = record.flighting.weeks;
      column = "flighting";
    } else if (textCell) {
      cells = parseCustomFlightingText(readText(textCell));
      if (!cells) {
        problems.add("custom_flighting", "customFlightingUnreadable", "error", { value: readText(textCell) }, textCell);
        return undefined;
      }
    }
    if (cells) {
      weeks = {};
      for (const [week, cell] of Object.entries(cells)) {
        const checked = present(problems, column, cell);
        if (!checked) continue;
        const fen = readMoneyField(problems, column, checked, "yuan", context.numberLocale);
        if (fen === undefined) return undefined;
        weeks[week] = fen;
      }
    }
  }
  if (flightingMode !== "custom") {
    // Amounts for an even / front / back line are computed: edits to them cannot be kept. They were
    // not edited if they are the split of the budget now or of the budget the sheet was written with.
    if (weeks && flightingMode && budgetFen !== undefined && startDate && endDate && record.flighting?.kind === "cells") {
      const written = weeks;
      const matches = (fen: number) => {
        const split = allocateFlighting({ budgetFen: fen, start: startDate, end: endDate, mode: flightingMode });
        return split.ok && split.weeks.every((week) => (written[week.week] ?? 0) === week.amountFen) && Object.keys(written).length <= split.weeks.length;
      };
      const exported = record.flighting.budgetAtExport ? readMoneyFen(record.flighting.budgetAtExport, "yuan", context.numberLocale) : null;
      const isUntouched = matches(budgetFen) || (exported?.ok === true && matches(exported.value));
      if (!isUntouched) problems.add("flighting", "flightingIgnored", "warning", { row: record.flighting.row });
    }
    return null;
  }
  if (!weeks) {
    problems.add("flighting_mode", "customFlightingMissing", "error", {});
    return undefined;
  }
  if (budgetFen === undefined || !startDate || !endDate) return weeks;
  const check = allocateFlighting({ budgetFen, start: startDate, end: endDate, mode: "custom", customFen: weeks });
  if (check.ok) return weeks;
  const error = check.error;
  if (error.code === "custom-sum-mismatch") {
    problems.add(column, "customFlightingSumMismatch", "error", { budget: yuan(error.budgetFen), typed: yuan(error.typedFen) });
  } else if (error.code === "custom-unknown-week") {
    problems.add(column, "customFlightingWeekOutside", "error", { week: error.week, start: startDate, end: endDate });
  } else problems.add(column, "customFlightingInvalid", "error", { detail: error.code });
  return undefined;
}

function readMeasurement(problems: RowProblems, resolvers: Resolvers, get: (key: LineColumnKey) => RawCell | undefined): LineMeasurement | undefined {
  const ownerCell = get("measurement_owner");
  const methodCell = get("measurement_method");
  const lagCell = get("lag_days");
  const accessCell = get("contract_access");
  const bindingCell = get("binding_rate");
  const owner = ownerCell ? resolveEnum(problems, resolvers, "measurement_owner", "measurement_owner", ownerCell) : null;
  const methodId = methodCell ? resolveEnum(problems, resolvers, "measurement_method", "measurement_method", methodCell) : null;
  const lagDays = lagCell ? problems.take("lag_days", readInteger(lagCell), lagCell) : null;
  const contractAccess = accessCell ? resolveEnum(problems, resolvers, "contract_access", "contract_access", accessCell) : DEFAULT_MEASUREMENT.contractAccess;
  const bindingRate = bindingCell ? problems.take("binding_rate", readRatio(bindingCell), bindingCell) : null;
  if (owner === undefined || methodId === undefined || lagDays === undefined || contractAccess === undefined || bindingRate === undefined) return undefined;
  return {
    owner: owner as LineMeasurement["owner"],
    methodId,
    lagDays,
    contractAccess: contractAccess as ContractAccess,
    bindingRate,
  };
}

// --- Campaign facts -----------------------------------------------------------------------------

export type CampaignFacts = Partial<Record<CampaignFactKey | "campaign.budget_fen", RawCell>>;

/** Campaign fields from the facts a file carries (Summary sheet, ODS campaign block). */
export function mapCampaignFacts(facts: CampaignFacts, context: Omit<MapContext, "campaign">): { campaign: Partial<CampaignPlan>; problems: ImportProblem[] } {
  const problems = new RowProblems(null);
  const resolvers = new Resolvers(context.catalog);
  const campaign: Partial<CampaignPlan> = {};
  const get = (key: keyof CampaignFacts) => present(problems, key, facts[key]);

  const name = get("campaign.name");
  if (name) {
    const text = readLimitedText(problems, "campaign.name", name, MAX_NAME_LENGTH);
    if (text) campaign.name = text;
  }
  const client = get("campaign.clientName");
  if (client) {
    const text = readLimitedText(problems, "campaign.clientName", client, MAX_NAME_LENGTH);
    if (text !== undefined) campaign.clientName = text;
  }
  const objective = get("campaign.objective");
  if (objective) {
    const id = resolveEnum(problems, resolvers, "objective", "campaign.objective", objective, "warning");
    if (id) campaign.objective = id as Objective;
  }
  const status = get("campaign.status");
  if (status) {
    const id = resolveEnum(problems, resolvers, "status", "campaign.status", status, "warning");
    if (id) campaign.status = id as CampaignStatus;
  }
  const start = get("campaign.startDate");
  if (start) campaign.startDate = readDateField(problems, "campaign.startDate", start, context.format);
  const end = get("campaign.endDate");
  if (end) campaign.endDate = readDateField(problems, "campaign.endDate", end, context.format);
  if (campaign.startDate && campaign.endDate && campaign.endDate < campaign.startDate) {
    problems.add("campaign.endDate", "datesInverted", "error", { start: campaign.startDate, end: campaign.endDate });
  }
  const budgetFen = get("campaign.budget_fen");
  const budget = get("campaign.budget_cny");
  if (budgetFen) campaign.budgetFen = readMoneyField(problems, "campaign.budget_fen", budgetFen, "fen", context.numberLocale);
  else if (budget) campaign.budgetFen = readMoneyField(problems, "campaign.budget_cny", budget, "yuan", context.numberLocale);
  const currency = get("campaign.reportingCurrency");
  if (currency) {
    const id = resolveEnum(problems, resolvers, "reporting_currency", "campaign.reportingCurrency", currency);
    if (id) campaign.reportingCurrency = id as ReportingCurrency;
  }
  const fx = get("campaign.fxRate");
  if (fx) {
    const parsed = parseFxRate(readText(fx), context.numberLocale === "fr" || context.numberLocale === "nl" ? context.numberLocale : "en");
    if (parsed.ok) campaign.fxRate = parsed.rate;
    else problems.add("campaign.fxRate", "fxRateInvalid", "error", { value: readText(fx) }, fx);
  }
  const notes = get("campaign.notes");
  if (notes) {
    const text = readLimitedText(problems, "campaign.notes", notes, MAX_NOTES_LENGTH);
    if (text !== undefined) campaign.notes = text;
  }
  const id = get("campaign.id");
  if (id) campaign.id = readText(id);
  const version = get("campaign.version");
  if (version && campaign.id) {
    const value = problems.take("campaign.version", readInteger(version), version);
    if (value !== undefined) campaign.version = value;
  }
  for (const key of Object.keys(campaign) as (keyof CampaignPlan)[]) if (campaign[key] === undefined) delete campaign[key];
  return { campaign, problems: problems.list };
}
