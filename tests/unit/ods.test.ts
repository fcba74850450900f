import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LINE_DIMENSIONS, odsDocumentToImport, planToOdsDocument, QIAO_ODS_FORMAT } from "~/domain/ods";
import { derivePlan } from "~/domain/plan-derive";
import { validateOdsDocument } from "~/services/spreadsheet-shared/ods-schema.server";
import { buildFixtureCatalog, buildFixturePlan, CUSTOM_PLACEMENT_ID } from "../fixtures/plan-fixture";

const catalog = buildFixtureCatalog();
const snapshot = buildFixturePlan();
const EXAMPLE = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/ods/example_mediaplan_v3.0.json"), "utf8")) as Record<string, unknown>;

function exportDocument() {
  return planToOdsDocument(derivePlan(snapshot, catalog, "en"), catalog, { createdAt: "2026-03-01T08:00:00.000Z", createdByName: "Li Na" });
}

describe("planToOdsDocument", () => {
  it("validates against the standard's four schemas (Ajv, draft 2020-12)", () => {
    expect(validateOdsDocument(exportDocument())).toEqual({ ok: true });
  });

  it("and the validator is not a rubber stamp", () => {
    const document = exportDocument();
    const broken = { ...document, meta: { ...document.meta, created_at: "yesterday" }, lineitems: [{ ...document.lineitems[0], cost_total: "12" }] };
    const result = validateOdsDocument(broken);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["/meta/created_at", "/lineitems/0/cost_total"]));
    expect(validateOdsDocument(EXAMPLE)).toEqual({ ok: true });
  });

  it("carries the China-specific fields in the extension points and describes them in the dictionary", () => {
    const document = exportDocument();
    const item = document.lineitems.find((li) => li.dim_custom2 === CUSTOM_PLACEMENT_ID)!;
    const line = snapshot.lines.find((l) => l.placementId === CUSTOM_PLACEMENT_ID)!;
    expect(item).toMatchObject({
      id: line.id,
      media_product: "Brand mini-program coupon push",
      vehicle: "Tencent / WeChat (Tencent Ads)",
      dim_custom1: "tencent",
      dim_custom3: line.destinationId,
      dim_custom4: line.buyingModel,
      cost_currency: "CNY",
      cost_total: line.budgetFen / 100,
      custom_properties: { qiao: expect.objectContaining({ version: line.version, position: line.position, budget_fen: line.budgetFen }) },
    });
    expect(["individual", "transactional", "aggregated"]).toContain(item.dim_custom5);
    const captions = (document.dictionary?.lineitem_custom_dimensions ?? {}) as Record<string, { status: string; caption: string }>;
    expect(Object.keys(captions)).toEqual(Object.keys(LINE_DIMENSIONS));
    expect(captions.dim_custom3).toEqual({ status: "enabled", caption: LINE_DIMENSIONS.dim_custom3.caption });
    expect(document.meta).toMatchObject({ schema_version: "3.0", created_by_name: "Li Na", custom_properties: { qiao: { format: QIAO_ODS_FORMAT } } });
    expect(document.campaign).toMatchObject({ budget_currency: "CNY", budget_total: snapshot.campaign.budgetFen / 100, dim_custom1: "EUR", dim_custom2: "7.8" });
  });

  it("writes custom flighting to the fen and leaves it out for computed modes", () => {
    const document = exportDocument();
    for (const line of snapshot.lines) {
      const qiao = (document.lineitems.find((li) => li.id === line.id)!.custom_properties as { qiao: Record<string, unknown> }).qiao;
      expect(qiao.custom_flighting_fen).toEqual(line.flightingMode === "custom" ? line.customFlightingFen : undefined);
    }
  });
});

describe("odsDocumentToImport", () => {
  it("reads Qiao's own documents by their keys", () => {
    const read = odsDocumentToImport(JSON.parse(JSON.stringify(exportDocument())) as Record<string, unknown>, catalog);
    expect(read.isQiaoDocument).toBe(true);
    expect(read.problems).toEqual([]);
    const first = read.records[0]!;
    expect(first.cells.line_id).toEqual({ kind: "text", text: snapshot.lines[0]!.id });
    expect(first.cells.placement).toEqual({ kind: "text", text: snapshot.lines[0]!.placementId });
    expect(read.facts["campaign.id"]).toEqual({ kind: "text", text: snapshot.campaign.id });
  });

  it("reads the standard's example: what maps is read, everything else is reported", () => {
    const read = odsDocumentToImport(EXAMPLE, catalog);
    expect(read.isQiaoDocument).toBe(false);
    expect(read.records).toHaveLength(4);
    expect(read.facts["campaign.name"]).toEqual({ kind: "text", text: "GlobalTech AI Platform Lead Gen - Q3 2025" });
    expect(read.facts["campaign.budget_cny"]).toBeUndefined();
    // No Qiao id is invented for a foreign line.
    expect(read.records[0]!.cells.line_id).toBeUndefined();
    const codes = read.problems.map((p) => `${p.code}:${p.column}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "odsCurrencyNotCny:campaign.budget_total",
        "odsFieldNotImported:campaign.target_audiences",
        "odsFieldNotImported:lineitems[].metric_formulas",
        "odsFieldNotImported:lineitems[].dayparts",
        "odsFieldNotImported:dictionary",
        "odsFieldNotImported:meta.custom_properties.planning_metadata",
      ]),
    );
    const counted = read.problems.find((p) => p.column === "lineitems[].metric_formulas");
    expect(counted?.params.count).toBe(4);
    expect(read.records[2]!.problems.map((p) => p.code)).toEqual(["odsBuyTypeNotMapped", "odsCurrencyNotCny", "odsKpiNotMapped"]);
  });
});
