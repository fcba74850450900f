// The CSV delimiter comes from the header line, not a guess over data rows (issue 12).
import { describe, expect, it } from "vitest";
import { headerDelimiter, readCsvRows } from "~/services/import/csv-reader.server";

describe("headerDelimiter", () => {
  it("takes the header's separator even when every data row is full of another one", () => {
    const text = "name,placement,budget_cny,audience_notes\r\nA,douyin-infeed,100.00,a; b; c; d; e; f\r\nB,baidu-search,200.00,x; y; z; w; v; u; t\r\n";
    expect(headerDelimiter(text)).toBe(",");
  });

  it("reads a French Excel file (semicolons, decimal commas in every cell)", () => {
    expect(headerDelimiter("Nom;Budget (CNY);Coût unitaire\r\n1,5;2,5;3,5\r\n")).toBe(";");
  });

  it("skips a title row above the header and ignores separators inside quotes", () => {
    expect(headerDelimiter('Plan, spring\r\n\r\n"a,b,c";Placement;Budget;Start\r\n')).toBe(";");
    expect(headerDelimiter("Placement\tBudget\tStart\n")).toBe("\t");
  });

  it("gives null for one column, so papaparse decides", () => {
    expect(headerDelimiter("Placement\ndouyin-infeed\n")).toBeNull();
  });
});

describe("readCsvRows", () => {
  it("splits by the header's delimiter", () => {
    const read = readCsvRows("a,b,c\r\n1;2;3;4;5,x,y\r\n");
    if (!read.ok) throw new Error("not read");
    expect(read.delimiter).toBe(",");
    expect(read.rows[1]!.cells).toHaveLength(3);
  });
});
