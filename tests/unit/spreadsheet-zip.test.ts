// Reading an XLSX's zip ourselves, before exceljs: central directory, declared sizes, lies, DTDs.
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { IMPORT_LIMITS } from "~/services/import/limits.server";
import { buildStoredZip, checkXlsxParts, hasDtd, inflateEntry, isCompleteXml, readZipDirectory } from "~/services/import/zip.server";

const parts = [
  { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
  { name: "xl/workbook.xml", data: Buffer.from("<workbook><sheets/></workbook>") },
  { name: "xl/_rels/workbook.xml.rels", data: Buffer.from("<Relationships/>") },
  { name: "xl/worksheets/sheet1.xml", data: Buffer.from('<?xml version="1.0"?><worksheet><sheetData/></worksheet>') },
];

/** A zip with one deflated entry whose header says whatever we like. */
function deflatedZip(data: Buffer, declaredSize: number): Buffer {
  const stored = buildStoredZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(0) }]);
  const body = deflateRawSync(data);
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const local = Buffer.from(stored.subarray(0, 30));
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  const central = Buffer.from(stored.subarray(30 + name.length, 30 + name.length + 46));
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  const end = Buffer.from(stored.subarray(stored.length - 22));
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + body.length, 16);
  return Buffer.concat([local, name, body, central, name, end]);
}

describe("readZipDirectory", () => {
  it("lists the entries with their declared sizes without inflating anything", () => {
    const directory = readZipDirectory(buildStoredZip(parts));
    expect(directory.ok && directory.entries.map((e) => [e.name, e.uncompressedSize])).toEqual(parts.map((p) => [p.name, p.data.length]));
    expect(checkXlsxParts(directory.ok ? directory.entries : [])).toEqual({ ok: true });
  });

  it("refuses what the limits do not allow, by what the directory declares", () => {
    expect(readZipDirectory(buildStoredZip(parts), { ...IMPORT_LIMITS, maxZipEntries: 3 })).toMatchObject({ ok: false, code: "zipTooManyEntries", params: { count: 4 } });
    expect(readZipDirectory(deflatedZip(Buffer.from("x"), 60 * 1024 * 1024))).toMatchObject({ ok: false, code: "zipTooLarge", params: { maxMb: 50, declaredMb: 60 } });
    const whole = buildStoredZip(parts);
    expect(readZipDirectory(whole.subarray(0, whole.length - 30))).toMatchObject({ ok: false, code: "zipTruncated" });
    const encrypted = Buffer.from(whole);
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(1, central + 8);
    expect(readZipDirectory(encrypted)).toMatchObject({ ok: false, code: "encryptedWorkbook" });
  });

  it("refuses entries that share or overlap bytes, and local headers that contradict the directory", () => {
    const whole = buildStoredZip(parts);
    const centralAt = (i: number) => {
      let at = whole.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      for (let n = 0; n < i; n++) at = whole.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
      return at;
    };
    const shared = Buffer.from(whole);
    shared.writeUInt32LE(0, centralAt(1) + 42); // the second entry points at the first one's local header
    expect(readZipDirectory(shared)).toMatchObject({ ok: false, code: "zipOverlap" });
    const overlapping = Buffer.from(whole);
    for (const at of [centralAt(0) + 20, 18]) overlapping.writeUInt32LE(parts[0]!.data.length + 10, at); // first entry's data runs into the second
    expect(readZipDirectory(overlapping)).toMatchObject({ ok: false, code: "zipOverlap", params: { part: "xl/workbook.xml" } });
    const renamed = Buffer.from(whole);
    renamed.write("[Content_Types].xmk", 30, "latin1"); // local name only
    expect(readZipDirectory(renamed)).toMatchObject({ ok: false, code: "zipEntryMismatch", params: { part: "[Content_Types].xml" } });
    const resized = Buffer.from(whole);
    resized.writeUInt32LE(1_000_000, 22); // local uncompressed size only
    expect(readZipDirectory(resized)).toMatchObject({ ok: false, code: "zipEntryMismatch" });
    const deferred = Buffer.from(whole);
    deferred.writeUInt16LE(0x0808, 6); // bit 3: sizes in a data descriptor, zeros in the local header (exceljs's streamed export)
    for (const at of [14, 18, 22]) deferred.writeUInt32LE(0, at);
    expect(readZipDirectory(deferred)).toMatchObject({ ok: true });
  });

  it("names the part an XLSX is missing", () => {
    expect(checkXlsxParts(parts.filter((p) => p.name !== "xl/_rels/workbook.xml.rels").map((p, i) => ({ name: p.name, flags: 0, method: 0, crc: 0, compressedSize: 0, uncompressedSize: 0, localHeaderOffset: i })))).toEqual({
      ok: false,
      code: "missingWorkbookPart",
      params: { part: "xl/_rels/workbook.xml.rels" },
    });
  });
});

describe("inflateEntry", () => {
  it("inflates within the declared size and checks the CRC", () => {
    const zip = buildStoredZip(parts);
    const directory = readZipDirectory(zip);
    if (!directory.ok) throw new Error("directory");
    expect(directory.entries.map((entry) => inflateEntry(zip, entry)).map((r) => r.ok && r.data.toString())).toEqual(parts.map((p) => p.data.toString()));
    const corrupt = Buffer.from(zip);
    corrupt[30 + "[Content_Types].xml".length] = 0x41; // first byte of the first part's data
    expect(inflateEntry(corrupt, directory.entries[0]!)).toMatchObject({ ok: false, code: "zipCorrupt" });
  });

  it("stops a zip bomb at the size it declared", () => {
    const bomb = deflatedZip(Buffer.alloc(20 * 1024 * 1024), 1_000);
    const directory = readZipDirectory(bomb);
    expect(directory.ok).toBe(true);
    if (!directory.ok) return;
    const started = performance.now();
    expect(inflateEntry(bomb, directory.entries[0]!)).toMatchObject({ ok: false, code: "zipSizeMismatch" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("XML checks", () => {
  it("finds DTDs, which OOXML never has", () => {
    expect(hasDtd(Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'))).toBe(true);
    expect(hasDtd(Buffer.from("<worksheet><sheetData/></worksheet>"))).toBe(false);
  });

  it("knows a part cut off before its root element closes", () => {
    expect(isCompleteXml(Buffer.from('<?xml version="1.0"?>\n<!-- c --><x:worksheet a="1"><row/></x:worksheet>\n'))).toBe(true);
    expect(isCompleteXml(Buffer.from('\uFEFF<?xml version="1.0"?><sst count="0" uniqueCount="0"/>'))).toBe(true);
    expect(isCompleteXml(Buffer.from('<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inl'))).toBe(false);
    expect(isCompleteXml(Buffer.from('<?xml version="1.0"?><worksheet><sheetData><row r="1"/></sheetData>'))).toBe(false);
    expect(isCompleteXml(Buffer.from("not xml"))).toBe(false);
  });
});
