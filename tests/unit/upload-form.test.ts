// The multipart pieces of an upload, read by hand (upload.server.ts): header parameters and file names.
import { describe, expect, it } from "vitest";
import { cleanUploadName, parseHeaderParameters } from "~/services/import/upload.server";

describe("parseHeaderParameters", () => {
  it("keeps ';', '=' and escaped quotes inside a quoted value", () => {
    const { type, parameters } = parseHeaderParameters('form-data; name="file"; filename="Plan v2; budget=final \\"A\\".csv"');
    expect(type).toBe("form-data");
    expect(Object.fromEntries(parameters)).toEqual({ name: "file", filename: 'Plan v2; budget=final "A".csv' });
  });

  it("reads unquoted values, odd spacing and a quoted boundary", () => {
    expect(Object.fromEntries(parseHeaderParameters('multipart/form-data;boundary="--a b";charset = utf-8').parameters)).toEqual({ boundary: "--a b", charset: "utf-8" });
    expect(parseHeaderParameters("Multipart/Form-Data").type).toBe("multipart/form-data");
  });
});

describe("cleanUploadName", () => {
  it("keeps what a person named the file, minus what cannot be stored or shown", () => {
    expect(cleanUploadName("C:\\Users\\li\\计划 v2.csv")).toBe("计划 v2.csv");
    expect(cleanUploadName("Plan %22A%22.csv")).toBe('Plan "A".csv');
    expect(cleanUploadName("Plan\u0000\u001b.csv")).toBe("Plan.csv");
    expect(cleanUploadName("invoice\u202Evsc.exe")).toBe("invoicevsc.exe");
  });

  it("shortens a very long name to 200 characters, keeping its extension and whole characters", () => {
    const name = cleanUploadName(`${"😀".repeat(300)}.xlsx`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith("😀.xlsx")).toBe(true);
  });
});
