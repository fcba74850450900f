// A line's other fields as a file gives them: its identity (id, version, "#"), dates (the
// campaign's when empty), names and notes, KPI with its target in the KPI's unit, and measurement.
import { getKpi, type KpiId, type Placement } from "../../domain/catalog";
import type { NumberLocale } from "../../domain/money";
import { DEFAULT_MEASUREMENT, type ContractAccess, type LineMeasurement } from "../../domain/plan";
import type { RawCell } from "../../domain/spreadsheet-cells";
import { labelOf } from "../../domain/spreadsheet-lists";
import { readInteger, readNumber, readRatio, readText } from "./cells.server";
import { MAX_NAME_LENGTH, MAX_NOTES_LENGTH, type LineRead } from "./record-types.server";
import { readDateField, readLimitedText, readMoneyField, resolveEnum, type RowProblems } from "./row-reads.server";

export type LineIdentity = { lineId: string | null; version: number | null; position: number | undefined };

/** The round-trip key (id and version) and the line's place in the plan. */
export function readIdentity({ problems, get, context }: LineRead): LineIdentity {
  const idCell = get("line_id");
  const lineId = idCell ? readText(idCell) : null;
  const versionCell = get("version");
  const version = lineId !== null && versionCell ? problems.take("version", readInteger(versionCell, context.numberLocale), versionCell) ?? null : null;
  // The "#" column counts from 1; the plan's position from 0.
  const positionCell = get("position");
  let position: number | undefined;
  if (positionCell) {
    const number = problems.take("position", readInteger(positionCell, context.numberLocale), positionCell);
    if (number === 0) problems.add("position", "integerInvalid", "error", { value: "0" }, positionCell);
    else if (number !== undefined) position = number - 1;
  }
  return { lineId, version, position };
}

function readLineDate(read: LineRead, column: "start_date" | "end_date", fallback: string | undefined): string | undefined {
  const { problems, record, context } = read;
  const cell = read.get(column);
  const original = record.cells[column];
  if (cell) return readDateField(problems, column, cell, context.format);
  if (problems.hasErrorIn(column)) return undefined;
  if (fallback) {
    problems.add(column, "dateDefaulted", "warning", { date: fallback }, original);
    return fallback;
  }
  problems.add(column, "required", "error", { column }, original);
  return undefined;
}

/** Dates, defaulting to the campaign's when the cell is empty. */
export function readLineDates(read: LineRead): { startDate: string | undefined; endDate: string | undefined } {
  const startDate = readLineDate(read, "start_date", read.context.campaign.startDate);
  const endDate = readLineDate(read, "end_date", read.context.campaign.endDate);
  if (startDate && endDate && endDate < startDate) read.problems.add("end_date", "datesInverted", "error", { start: startDate, end: endDate }, read.record.cells.end_date);
  return { startDate, endDate };
}

/** Name (the placement's when empty) and notes. */
export function readLineTexts({ problems, context, get }: LineRead, placement: Placement | undefined) {
  let name = readLimitedText(problems, "name", get("name"), MAX_NAME_LENGTH);
  if (name === "" && placement) name = labelOf("placement", placement.id, context.catalog, context.locale);
  const audienceNotes = readLimitedText(problems, "audience_notes", get("audience_notes"), MAX_NOTES_LENGTH);
  const formatNotes = readLimitedText(problems, "format_notes", get("format_notes"), MAX_NOTES_LENGTH);
  return { name, audienceNotes, formatNotes };
}

/** The KPI and its target in the KPI's own unit. */
export function readLineKpi({ problems, resolvers, context, get }: LineRead): { kpiId: KpiId | null | undefined; kpiTarget: number | null | undefined } {
  const kpiCell = get("kpi");
  const kpiId = kpiCell ? (resolveEnum(problems, resolvers, "kpi", "kpi", kpiCell) as KpiId | undefined) : null;
  const targetCell = get("kpi_target");
  let kpiTarget: number | null | undefined = null;
  if (targetCell) {
    if (kpiId === null) problems.add("kpi_target", "kpiTargetWithoutKpi", "warning", { value: readText(targetCell) }, targetCell);
    else if (kpiId) kpiTarget = readKpiTarget(problems, kpiId, targetCell, context.numberLocale);
  }
  return { kpiId, kpiTarget };
}

function readKpiTarget(problems: RowProblems, kpiId: KpiId, cell: RawCell, numberLocale: NumberLocale): number | null | undefined {
  const kpi = getKpi(kpiId);
  if (!kpi) return undefined;
  switch (kpi.unit) {
    case "fen":
      return readMoneyField(problems, "kpi_target", cell, "yuan", numberLocale);
    case "ratio":
      return problems.take("kpi_target", readRatio(cell, numberLocale), cell);
    default: {
      const value = problems.take("kpi_target", readNumber(cell, numberLocale), cell);
      if (value !== undefined && value < 0) {
        problems.add("kpi_target", "numberNegative", "error", { value: readText(cell) }, cell);
        return undefined;
      }
      return value;
    }
  }
}

export function readMeasurement({ problems, resolvers, get, context }: LineRead): LineMeasurement | undefined {
  const ownerCell = get("measurement_owner");
  const methodCell = get("measurement_method");
  const lagCell = get("lag_days");
  const accessCell = get("contract_access");
  const bindingCell = get("binding_rate");
  const owner = ownerCell ? resolveEnum(problems, resolvers, "measurement_owner", "measurement_owner", ownerCell) : null;
  const methodId = methodCell ? resolveEnum(problems, resolvers, "measurement_method", "measurement_method", methodCell) : null;
  const lagDays = lagCell ? problems.take("lag_days", readInteger(lagCell, context.numberLocale), lagCell) : null;
  const contractAccess = accessCell ? resolveEnum(problems, resolvers, "contract_access", "contract_access", accessCell) : DEFAULT_MEASUREMENT.contractAccess;
  const bindingRate = bindingCell ? problems.take("binding_rate", readRatio(bindingCell, context.numberLocale), bindingCell) : null;
  if (owner === undefined || methodId === undefined || lagDays === undefined || contractAccess === undefined || bindingRate === undefined) return undefined;
  return {
    owner: owner as LineMeasurement["owner"],
    methodId,
    lagDays,
    contractAccess: contractAccess as ContractAccess,
    bindingRate,
  };
}
