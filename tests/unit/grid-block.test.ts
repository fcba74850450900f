// A block as spreadsheets put it on the clipboard (issue 12: paste a block from Excel or Sheets).
import { describe, expect, it } from "vitest";
import { parseBlock } from "~/routes/o.$orgSlug.clients.$clientId.campaigns.$campaignId._index/grid";

describe("parseBlock", () => {
  it("reads Excel's rows (CRLF, a last line break) and cells (tabs), empty cells kept", () => {
    expect(parseBlock("35\t190000\t150000\r\n\t230 000\t20%\r\n")).toEqual([
      ["35", "190000", "150000"],
      ["", "230 000", "20%"],
    ]);
  });
  it("reads Google Sheets' and a single value's (LF or no line break at all)", () => {
    expect(parseBlock("a\tb\nc\td")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseBlock("¥1,200")).toEqual([["¥1,200"]]);
  });
  it("trims the spaces a copy adds around a value, and gives nothing for an empty clipboard", () => {
    expect(parseBlock(" 12 000 \t x ")).toEqual([["12 000", "x"]]);
    expect(parseBlock("")).toEqual([]);
  });
});
