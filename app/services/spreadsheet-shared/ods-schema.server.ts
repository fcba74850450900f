// Validation against the Media Plan Open Data Standard v3.0 (draft 2020-12): Ajv's 2020 build with
// ajv-formats, all four schemas loaded so the $refs between them resolve. Shared: the export checks
// what it writes, the import what it reads.
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import campaignSchema from "./ods-schemas/campaign.schema.json";
import dictionarySchema from "./ods-schemas/dictionary.schema.json";
import lineitemSchema from "./ods-schemas/lineitem.schema.json";
import mediaplanSchema from "./ods-schemas/mediaplan.schema.json";

export type OdsValidationError = { path: string; message: string };
export type OdsValidation = { ok: true } | { ok: false; errors: OdsValidationError[] };

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

let compiled: Validate | null = null;

function validator(): Validate {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    ajv.addSchema([campaignSchema, lineitemSchema, dictionarySchema]);
    compiled = ajv.compile(mediaplanSchema) as Validate;
  }
  return compiled;
}

/** Validates a document against mediaplan.schema.json (and the schemas it references). */
export function validateOdsDocument(document: unknown): OdsValidation {
  const validate = validator();
  if (validate(document)) return { ok: true };
  const errors = (validate.errors ?? []).map((error) => ({ path: error.instancePath || "/", message: error.message ?? "invalid" }));
  return { ok: false, errors };
}
