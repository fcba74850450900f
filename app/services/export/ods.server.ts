// The plan as a Media Plan Open Data Standard v3.0 JSON document (issue 7), checked against the
// standard's schemas before it leaves: an export that does not validate is a bug, not a download.
import type { PlanSnapshot } from "../../domain/plan";
import { planToOdsDocument, type OdsDocument } from "../../domain/ods";
import { derivePlan, type PlanCatalog } from "../../domain/plan-derive";
import { validateOdsDocument } from "../spreadsheet-shared/ods-schema.server";

export type OdsExportOptions = {
  /** Who exports (meta.created_by_name); defaults to "Qiao". */
  createdByName?: string;
  createdById?: string;
  /** Defaults to now. */
  createdAt?: Date;
};

/** The document as an object (validated); JSON.stringify it to send. */
export function exportPlanOds(snapshot: PlanSnapshot, catalog: PlanCatalog, options: OdsExportOptions = {}): OdsDocument {
  // The standard is read in English (its examples and field names are); Chinese names ride along in custom_properties.
  const plan = derivePlan(snapshot, catalog, "en");
  const document = planToOdsDocument(plan, catalog, {
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    createdByName: options.createdByName ?? "Qiao",
    createdById: options.createdById,
  });
  const validation = validateOdsDocument(document);
  if (!validation.ok) {
    throw new Error(`ODS export does not validate: ${validation.errors.slice(0, 3).map((e) => `${e.path} ${e.message}`).join("; ")}`);
  }
  return document;
}

/** The document as pretty-printed JSON text. */
export function exportPlanOdsJson(snapshot: PlanSnapshot, catalog: PlanCatalog, options: OdsExportOptions = {}): string {
  return `${JSON.stringify(exportPlanOds(snapshot, catalog, options), null, 2)}\n`;
}
