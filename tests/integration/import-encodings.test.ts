// Text files as spreadsheets really save them: Excel's "Unicode text" (UTF-16 with a BOM, tabs),
// Excel on Chinese Windows (GB18030), a European semicolon CSV with decimal commas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseImportFile, type ImportParseResult } from "~/services/import/index.server";
import { prewarmImportWorker, stopImportWorkers } from "~/services/import/parse-import.server";
import { buildFixtureCatalog } from "../fixtures/plan-fixture";

const context = { catalog: buildFixtureCatalog(), locale: "zh" as const };
beforeAll(() => prewarmImportWorker());
afterAll(() => stopImportWorkers());

function parse(bytes: Uint8Array, filename: string): Promise<ImportParseResult> {
  return parseImportFile({ bytes, filename, contentType: "text/csv" }, context);
}

describe("text encodings and separators", () => {
  it("decodes UTF-16 with a BOM honestly (Excel's Unicode text, tab-separated)", async () => {
    const text = "投放行名称\t广告位\t预算（元）\t开始日期\t结束日期\r\n朋友圈\t微信朋友圈广告\t5000\t2026-03-02\t2026-03-29\r\n";
    const result = await parse(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), "plan.txt");
    expect(result).toMatchObject({ ok: true, format: "csv", hasErrors: false, lines: [{ name: "朋友圈", placementId: "wechat-moments", budgetFen: 500_000 }] });
  });

  it("reads GB18030, what Excel on Chinese Windows writes, and says so", async () => {
    // "名称,广告位,预算,开始日期,结束日期" and one line, encoded as GBK.
    const gbk = Buffer.from(
      "c3fbb3c62cb9e3b8e6cebb2cd4a4cbe32cbfaacabcc8d5c6da2cbde1caf8c8d5c6da0d0ab0d9b6c82cb0d9b6c8d0c5cfa2c1f7b9e3b8e62c3132302c323032362d30332d30322c323032362d30332d32390d0a",
      "hex",
    );
    const result = await parse(gbk, "计划.csv");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lines).toMatchObject([{ name: "百度", placementId: "baidu-feed", budgetFen: 12_000 }]);
    expect(result.problems.map((p) => p.code)).toContain("encodingGb18030");
  });

  it("reads a semicolon CSV with decimal commas", async () => {
    const csv = "name;placement;budget_cny;start_date;end_date\r\nMoments;wechat-moments;1.234,56;2026-03-02;2026-03-29\r\n";
    const result = await parse(Buffer.from(csv), "plan.csv");
    expect(result).toMatchObject({ ok: true, lines: [{ budgetFen: 123_456 }] });
  });
});
