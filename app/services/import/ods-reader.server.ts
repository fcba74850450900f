// Reads an ODS JSON document: parsed with a reviver that refuses keys which could reach an object's
// prototype (__proto__, constructor, prototype), validated against the standard's schemas, then
// mapped to campaign facts and line records (app/domain/ods.ts).
import { odsDocumentToImport, type OdsImport } from "../../domain/ods";
import type { PlanCatalog } from "../../domain/plan-derive";
import { validateOdsDocument } from "../export/ods-schema.server";
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import { fileProblem, type ImportFailure } from "./result.server";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** JSON.parse that refuses prototype keys anywhere in the document. */
export function parseJsonSafely(text: string): { ok: true; value: unknown } | ImportFailure {
  let forbidden: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, function reviver(key, inner: unknown) {
      if (FORBIDDEN_KEYS.has(key)) {
        forbidden ??= key;
        return undefined;
      }
      return inner;
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 160) : "";
    return fileProblem("jsonInvalid", { detail });
  }
  if (forbidden !== null) return fileProblem("jsonForbiddenKey", { key: forbidden });
  return { ok: true, value };
}

export function readOdsDocument(text: string, catalog: PlanCatalog, limits: ImportLimits = IMPORT_LIMITS): ({ ok: true } & OdsImport) | ImportFailure {
  const parsed = parseJsonSafely(text);
  if (!parsed.ok) return parsed;
  const document = parsed.value;
  if (typeof document !== "object" || document === null || Array.isArray(document)) return fileProblem("odsInvalid", { detail: "/: must be object", errors: 1 });
  const lineitems = (document as { lineitems?: unknown }).lineitems;
  if (Array.isArray(lineitems) && lineitems.length > limits.maxDataRows) return fileProblem("tooManyRows", { max: limits.maxDataRows });
  const validation = validateOdsDocument(document);
  if (!validation.ok) {
    const detail = validation.errors.slice(0, 3).map((error) => `${error.path}: ${error.message}`).join("; ");
    return fileProblem("odsInvalid", { detail, errors: validation.errors.length });
  }
  return { ok: true, ...odsDocumentToImport(document as Record<string, unknown>, catalog) };
}
