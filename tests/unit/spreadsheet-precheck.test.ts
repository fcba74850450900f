// What an upload is, said from its bytes alone (reliability-security.md, "Spreadsheet and document import").
import { describe, expect, it } from "vitest";
import { decodeText, precheckUpload } from "~/services/import/precheck.server";
import { buildStoredZip } from "~/services/import/zip.server";

const upload = (bytes: Uint8Array, filename = "plan.xlsx") => precheckUpload({ bytes, filename, contentType: "" });

describe("precheckUpload", () => {
  it("refuses empty and oversized uploads first", () => {
    expect(upload(new Uint8Array(0))).toMatchObject({ ok: false, kind: "bad-request", problem: { code: "fileEmpty" } });
    expect(upload(new Uint8Array(10 * 1024 * 1024 + 1))).toMatchObject({ ok: false, kind: "too-large", problem: { code: "fileTooLarge", params: { maxMb: 10, sizeMb: 10.1 } } });
  });

  it("tells an XLSX from what only pretends to be one", () => {
    const xlsx = buildStoredZip(
      ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"].map((name) => ({ name, data: Buffer.from("<x/>") })),
    );
    expect(upload(xlsx)).toEqual({ ok: true, format: "xlsx" });
    expect(upload(Buffer.from("<!doctype html><html></html>"))).toMatchObject({ problem: { code: "htmlNotSpreadsheet" } });
    expect(upload(Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'))).toMatchObject({ problem: { code: "notASpreadsheet" } });
    expect(upload(Buffer.from("name,budget\r\nx,1\r\n"))).toMatchObject({ kind: "bad-request", problem: { code: "textNamedAsWorkbook", params: { extension: "xlsx" } } });
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(upload(cfb)).toMatchObject({ problem: { code: "legacyXls" } });
    expect(upload(Buffer.concat([cfb, Buffer.from("EncryptedPackage", "utf16le")]))).toMatchObject({ problem: { code: "encryptedWorkbook" } });
  });

  it("reads CSV and JSON by content, whatever the name says", () => {
    expect(upload(Buffer.from("name,budget\r\nx,1\r\n"), "plan.csv")).toMatchObject({ ok: true, format: "csv", encoding: "utf-8" });
    expect(upload(Buffer.from("name,budget\r\n"), "plan.txt")).toMatchObject({ ok: true, format: "csv" });
    expect(upload(Buffer.from(' \n{"meta":{}}'), "plan.txt")).toMatchObject({ ok: true, format: "ods-json" });
  });
});

describe("decodeText", () => {
  it("decodes UTF-8 with or without BOM, and UTF-16 when a BOM says so", () => {
    expect(decodeText(Buffer.from("\uFEFF预算,1", "utf8"))).toEqual({ ok: true, text: "预算,1", encoding: "utf-8" });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("预算\t1", "utf16le")]))).toEqual({ ok: true, text: "预算\t1", encoding: "utf-16le" });
    const be = Buffer.from("预算", "utf16le").swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ ok: true, text: "预算", encoding: "utf-16be" });
  });

  it("decodes what Excel on Chinese Windows saves as CSV (GB18030)", () => {
    // "预算" in GBK.
    expect(decodeText(Buffer.from([0xd4, 0xa4, 0xcb, 0xe3, 0x2c, 0x31]))).toEqual({ ok: true, text: "预算,1", encoding: "gb18030" });
  });

  it("refuses UTF-16 without a BOM, binary data and other encodings plainly", () => {
    expect(decodeText(Buffer.from("name,budget", "utf16le"))).toMatchObject({ ok: false, problem: { code: "encodingUtf16NoBom" } });
    expect(decodeText(Buffer.from([0x41, 0x00, 0x00, 0x01, 0x02, 0x42]))).toMatchObject({ ok: false });
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c]))).toMatchObject({ ok: false, problem: { code: "encodingNotUtf8" } });
  });
});
