// Reads an ODS JSON document: parsed with a reviver that refuses keys which could reach an object's
// prototype (__proto__, constructor, prototype), validated against the standard's schemas, then
// mapped to campaign facts and line records (app/domain/ods.ts).
import { odsDocumentToImport, type OdsImport } from "../../domain/ods";
import type { PlanCatalog } from "../../domain/plan-derive";
import { validateOdsDocument } from "../spreadsheet-shared/ods-schema.server";
import { IMPORT_LIMITS, type ImportLimits } from "./limits.server";
import { fileProblem, type ImportFailure } from "./result.server";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Where the first U+0000 of a parsed document is (in a value or a key), as a path such as lineitems[3].name. */
function findNul(document: unknown): string | null {
  const name = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key).replaceAll("\\u0000", "␀")}]`);
  // Iterative, in document order: a deeply nested document must not exhaust the stack here.
  const pending: { value: unknown; path: string }[] = [{ value: document, path: "" }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === "string" && value.includes("\u0000")) return path.replace(/^\./, "") || "/";
    if (typeof value !== "object" || value === null) continue;
    const children: { value: unknown; path: string; key?: string }[] = Array.isArray(value)
      ? value.map((item: unknown, i) => ({ value: item, path: `${path}[${i}]` }))
      : Object.entries(value).map(([key, item]) => ({ value: item, path: `${path}${name(key)}`, key }));
    const badKey = children.find((child) => child.key?.includes("\u0000"));
    if (badKey) return badKey.path.replace(/^\./, "");
    pending.push(...children.reverse());
  }
  return null;
}

/** JSON.parse that refuses prototype keys and NUL characters anywhere in the document. */
export function parseJsonSafely(text: string): { ok: true; value: unknown } | ImportFailure {
  let forbidden: string | null = null;
  let value: unknown;
  // A raw NUL is never valid JSON; read as the escape it should have been, the path to it can be named.
  const source = text.includes("\u0000") ? text.replaceAll("\u0000", "\\u0000") : text;
  try {
    value = JSON.parse(source, function reviver(key, inner: unknown) {
      if (FORBIDDEN_KEYS.has(key)) {
        forbidden ??= key;
        return undefined;
      }
      return inner;
    });
  } catch (error) {
    const nul = text.indexOf("\u0000");
    if (nul >= 0) {
      const before = text.slice(0, nul);
      const lineStart = before.lastIndexOf("\n") + 1;
      return fileProblem("nulInText", { line: before.split("\n").length, column: nul - lineStart + 1 });
    }
    const detail = error instanceof Error ? error.message.slice(0, 160) : "";
    return fileProblem("jsonInvalid", { detail });
  }
  if (forbidden !== null) return fileProblem("jsonForbiddenKey", { key: forbidden });
  const nulAt = text.includes("\u0000") || text.includes("\\u0000") ? findNul(value) : null;
  if (nulAt !== null) return fileProblem("nulInJson", { path: nulAt });
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
