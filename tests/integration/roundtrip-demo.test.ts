// Every export of the demo plan, in every language, imports back into the same campaign with zero
// changes (issue 12: the English CSV of the demo came back as "No table of line items was found",
// a ";" in the data-level explanation threw off delimiter detection).
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/config";
import { diffImport } from "~/domain/import-diff";
import { exportPlanCsv, exportPlanOdsJson, exportPlanXlsx } from "~/services/export/index.server";
import { parseImportFile } from "~/services/import/index.server";
import { prewarmImportWorker, stopImportWorkers } from "~/services/import/parse-import.server";
import { seedDemoCampaign } from "~/services/demo-plan.server";
import { getPlan, type LoadedPlan } from "~/services/planner.server";
import { makePlannerOnClient } from "./factories";

let plan: LoadedPlan;

beforeAll(async () => {
  prewarmImportWorker();
  const { access } = await makePlannerOnClient("RT");
  const campaignId = await seedDemoCampaign(access);
  plan = (await getPlan(access, campaignId))!;
});
afterAll(() => stopImportWorkers());

type Build = (plan: LoadedPlan, locale: (typeof LOCALES)[number]) => Promise<Uint8Array>;
const FORMATS: [string, string, Build][] = [
  ["CSV", "csv", async ({ snapshot, catalog }, locale) => Buffer.from(exportPlanCsv(snapshot, catalog, locale), "utf8")],
  ["XLSX", "xlsx", async ({ snapshot, catalog }, locale) => exportPlanXlsx(snapshot, catalog, locale)],
  ["ODS JSON", "json", async ({ snapshot, catalog }) => Buffer.from(exportPlanOdsJson(snapshot, catalog), "utf8")],
];
const CASES = FORMATS.flatMap(([name, ext, build]) => LOCALES.map((locale) => [`${name} (${locale})`, ext, build, locale] as const));

describe("the demo plan round-trips in every format and language", () => {
  it.each(CASES)("%s", async (_, ext, build, locale) => {
    const bytes = await build(plan, locale);
    const parsed = await parseImportFile({ bytes, filename: `plan.${ext}`, contentType: "" }, { catalog: plan.catalog, locale });
    if (!parsed.ok) throw new Error(`import failed: ${JSON.stringify(parsed.problem)}`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.lines).toHaveLength(plan.snapshot.lines.length);
    const diff = diffImport(plan.snapshot, parsed);
    expect(diff).toMatchObject({ added: [], changed: [], removed: [], conflicts: [], isEmpty: true });
  });
});

describe("a colleague's edit of the English CSV", () => {
  async function importEdited(remarkEvery: number | null) {
    const csv = exportPlanCsv(plan.snapshot, plan.catalog, "en").replace(/^\uFEFF/, "");
    const [header, ...rows] = Papa.parse<string[]>(csv, { delimiter: ",", skipEmptyLines: true }).data;
    const notesAt = header!.indexOf("audience_notes");
    const edited = rows.map((row, i) => {
      const copy = [...row];
      copy[notesAt] = "Women 25-40; tier 1-2 cities; skincare buyers; members";
      // A remark to the right of the table, as people write in a shared sheet.
      return remarkEvery !== null && i % remarkEvery === 0 ? [...copy, "checked by Sophie"] : copy;
    });
    const text = Papa.unparse([header!, ...edited], { newline: "\r\n" });
    const parsed = await parseImportFile({ bytes: Buffer.from(text, "utf8"), filename: "plan-edited.csv", contentType: "text/csv" }, { catalog: plan.catalog, locale: "en" });
    if (!parsed.ok) throw new Error(`import failed: ${JSON.stringify(parsed.problem)}`);
    return parsed;
  }

  it("comes back as exactly its edits when the text is full of semicolons", async () => {
    const parsed = await importEdited(null);
    expect(parsed.problems).toEqual([]);
    const diff = diffImport(plan.snapshot, parsed);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toHaveLength(plan.snapshot.lines.length);
    expect(new Set(diff.changed.flatMap((c) => c.changes.map((f) => f.field)))).toEqual(new Set(["audienceNotes"]));
  });

  it("names the rows that carry a cell past the table instead of finding no table at all", async () => {
    // Before the fix the remark rows made the guess pick ";" and the file read as "No table of line items was found".
    const parsed = await importEdited(3);
    expect(parsed.problems.map((p) => [p.code, p.row])).toEqual([2, 5, 8, 11, 14, 17, 20].map((row) => ["raggedRow", row]));
  });
});
