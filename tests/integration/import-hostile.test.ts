// Hostile uploads through the real route handlers (reliability-security.md, "Files from outside"):
// the corpus of tests/fixtures/hostile (made by tests/fixtures/make-hostile.ts) — NUL characters,
// overlapping zip entries, content that is not what its name says — plus multipart shapes that are
// not files: names with ";", "=", quotes, Chinese, great length or NUL, bodies cut off or not forms
// at all, and truly oversized ones. Each gets its status and its message in the person's language,
// nothing is written, and the server keeps answering.
import express from "express";
import { createRequestHandler as createExpressHandler } from "@remix-run/express";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql } from "@db/client";
import { getDatabase } from "~/db.server";
import type { Locale } from "~/i18n/config";
import en from "~/i18n/en";
import zh from "~/i18n/zh";
import { answerCutOffUploads } from "~/server/client-errors.server";
import { IMPORT_LIMITS } from "~/services/import/index.server";
import { prewarmImportWorker, stopImportWorkers } from "~/services/import/parse-import.server";
import { addLines, createCampaign } from "~/services/planner.server";
import { UPLOAD_NAMES, type HostileExpectation } from "../fixtures/make-hostile";
import { makePlannerOnClient, sampleLine } from "./factories";
import { call, serverBuild } from "./http";

const DIR = path.resolve(import.meta.dirname, "../fixtures/hostile");
const CORPUS = JSON.parse(readFileSync(path.join(DIR, "expected.json"), "utf8")) as Record<string, HostileExpectation>;
const BOUNDARY = "----QiaoHostileBoundary7MA4YWxkTrZu0gW";
const ACCEPT: Record<Locale, string> = { en: "en-GB,en;q=0.9", zh: "zh-CN,zh;q=0.9" };
const GOOD_CSV = Buffer.from("name,placement,destination,budget_cny,start_date,end_date\r\nMoments,wechat-moments,wechat-mini-program,5000,2027-03-01,2027-03-31\r\n");

beforeAll(() => prewarmImportWorker());
afterAll(() => stopImportWorkers());

type World = { cookie: string; campaignId: string; importPath: string; fromFilePath: string };

async function setup(): Promise<World> {
  const { org, client, planner, access } = await makePlannerOnClient("H");
  const campaign = await createCampaign(access, { name: "Spring", objective: "conversion", startDate: "2026-01-01", endDate: "2027-12-31", budgetFen: 100_000_000, reportingCurrency: "CNY", fxRate: 1, notes: "" });
  await addLines(access, campaign.id, [sampleLine()]);
  const base = `/o/${org.slug}/clients/${client.id}/campaigns`;
  return { cookie: planner.cookie, campaignId: campaign.id, importPath: `${base}/${campaign.id}/import`, fromFilePath: `${base}/from-file` };
}

const count = async (table: "import_jobs" | "line_items" | "campaigns") =>
  (await queryRows<{ n: number }>(getDatabase().db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

async function counts() {
  return { jobs: await count("import_jobs"), lines: await count("line_items"), campaigns: await count("campaigns") };
}

/** A multipart body written byte by byte, the file name exactly as given (as a browser or a script would send it). */
function multipart(filename: string, bytes: Uint8Array, type = "application/octet-stream"): Uint8Array<ArrayBuffer> {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return bytesOf(Buffer.concat([Buffer.from(head, "utf8"), bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]));
}

/** A body fetch accepts (a Buffer may sit on a shared buffer, which BodyInit does not allow). */
const bytesOf = (buffer: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(buffer);

function upload(world: World, route: "import" | "from-file", body: BodyInit, options: { locale?: Locale; headers?: Record<string, string> } = {}) {
  return call(route === "import" ? world.importPath : world.fromFilePath, {
    method: "POST",
    cookie: world.cookie,
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Accept-Language": ACCEPT[options.locale ?? "en"], ...options.headers },
  });
}

/** The message as the person reads it: their language's string, interpolated, as React writes it into the page. */
function message(locale: Locale, code: string, params: Record<string, string | number> = {}): string {
  const template = (locale === "en" ? en : zh).import[code as keyof typeof en.import];
  expect(template, `import.${code} exists`).toBeTypeOf("string");
  const text = template.replace(/{{(\w+)}}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

/** The rendered element, not the whole page (whose loader data carries every import string). */
function element(html: string, testId: string, closing: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  expect(start, `an element ${testId}`).toBeGreaterThan(0);
  return html.slice(start, html.indexOf(closing, start));
}

async function expectRefused(response: Response, status: number, locale: Locale, code: string, params?: Record<string, string | number>) {
  const html = await response.text();
  expect(response.status).toBe(status);
  expect(element(html, "file-problem", "</div>")).toContain(message(locale, code, params));
}

async function expectStillAnswering(world: World) {
  const page = await call(world.importPath, { cookie: world.cookie });
  expect(page.status).toBe(200);
  const good = await upload(world, "import", multipart("plan.csv", GOOD_CSV, "text/csv"));
  expect(good.status).toBe(200);
  expect(await good.text()).toContain('data-testid="import-preview"');
}

describe(`hostile files through the upload routes (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("the corpus has every class, each with an expectation", () => {
    const files = new Set(Object.keys(CORPUS));
    for (const prefix of ["nul-", "zip-", "png-", "pdf-", "gif-", "jpeg-", "elf-", "gzip-", "csv-named", "xlsx-named"]) {
      expect([...files].some((file) => file.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it.each(Object.entries(CORPUS))("%s: answered in English on the import page, nothing written", async (file, expectation) => {
    const world = await setup();
    const before = await counts();
    const response = await upload(world, "import", multipart(file, readFileSync(path.join(DIR, file))), { locale: "en" });
    if ("status" in expectation) {
      await expectRefused(response, expectation.status, "en", expectation.code, expectation.params);
      expect(await counts()).toEqual(before);
    } else {
      // Read by its content, with a note saying what it really is: the preview is kept as a job, nothing applied.
      const html = await response.text();
      expect(response.status).toBe(200);
      expect(element(html, "import-problems", "</table>")).toContain(message("en", expectation.warning, expectation.params));
      expect(await counts()).toEqual({ ...before, jobs: before.jobs + 1 });
    }
  });

  it.each(Object.entries(CORPUS).filter(([, expectation]) => "status" in expectation))(
    "%s: answered in Chinese on “new campaign from file”, no campaign created",
    async (file, expectation) => {
      if (!("status" in expectation)) return;
      const world = await setup();
      const before = await counts();
      const response = await upload(world, "from-file", multipart(file, readFileSync(path.join(DIR, file))), { locale: "zh" });
      await expectRefused(response, expectation.status, "zh", expectation.code, expectation.params);
      expect(await counts()).toEqual(before);
    },
  );

  it("the server keeps answering after the whole corpus", async () => {
    await expectStillAnswering(await setup());
  });
});

describe(`multipart file names (${process.env.QIAO_TEST_DRIVER})`, () => {
  it.each(UPLOAD_NAMES.map((name) => [name.why, name] as const))("%s: previewed normally", async (_why, name) => {
    const world = await setup();
    const response = await upload(world, "import", multipart(name.sent, GOOD_CSV, "text/csv"));
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('data-testid="import-preview"');
    const jobs = await queryRows<{ file_name: string }>(getDatabase().db, sql`select file_name from import_jobs`);
    expect(jobs).toEqual([{ file_name: name.kept }]);
  });

  it.each(UPLOAD_NAMES.map((name) => [name.why, name] as const))("%s: a new campaign from the file is named after it", async (_why, name) => {
    const world = await setup();
    const response = await upload(world, "from-file", multipart(name.sent, GOOD_CSV, "text/csv"), { locale: "zh" });
    expect(response.status).toBe(302);
    const created = await queryRows<{ name: string }>(getDatabase().db, sql`select name from campaigns where id <> ${world.campaignId}`);
    // A name longer than a campaign name may be is shortened visibly (issue 12: never cut without a word).
    const base = Array.from(name.kept.replace(/\.csv$/, ""));
    expect(created).toEqual([{ name: base.length <= 160 ? base.join("") : `${base.slice(0, 159).join("").trimEnd()}…` }]);
    const activity = await queryRows<{ file: string }>(getDatabase().db, sql`select changes->>'file' as file from activity_events where action = 'created_from_file'`);
    expect(activity).toEqual([{ file: name.kept }]);
  });
});

describe(`bodies that are not a whole upload (${process.env.QIAO_TEST_DRIVER})`, () => {
  const whole = () => multipart("plan.csv", GOOD_CSV, "text/csv");

  const truncated: [string, () => { body: BodyInit; headers?: Record<string, string> }][] = [
    ["cut off in the middle of the file", () => ({ body: whole().subarray(0, 180) })],
    ["cut off inside the part's headers", () => ({ body: whole().subarray(0, 60) })],
    ["without its closing boundary", () => ({ body: whole().subarray(0, whole().length - `--${BOUNDARY}--\r\n`.length) })],
    ["shorter than its Content-Length", () => ({ body: whole(), headers: { "Content-Length": String(whole().length + 4_000) } })],
    [
      "a stream that breaks off (the client went away)",
      () => ({
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(whole().subarray(0, 150));
            controller.error(new Error("socket hang up"));
          },
        }),
      }),
    ],
  ];

  for (const route of ["import", "from-file"] as const) {
    it.each(truncated)(`${route}: %s → 400 "cut off", in the person's language`, async (_label, make) => {
      const world = await setup();
      const before = await counts();
      const { body, headers } = make();
      const locale: Locale = route === "import" ? "zh" : "en";
      await expectRefused(await upload(world, route, body, { locale, headers }), 400, locale, "uploadTruncated");
      expect(await counts()).toEqual(before);
    });
  }

  it.each([
    ["no boundary in the Content-Type", { headers: { "Content-Type": "multipart/form-data" }, body: whole() }],
    ["a body that is not a form", { body: bytesOf(Buffer.from("just some text, no boundary at all")) }],
    ["a part without Content-Disposition", { body: bytesOf(Buffer.from(`--${BOUNDARY}\r\nContent-Type: text/csv\r\n\r\nname\r\n--${BOUNDARY}--\r\n`)) }],
  ] as const)("%s → 400 “not a proper file form”", async (_label, shape) => {
    const world = await setup();
    const before = await counts();
    await expectRefused(await upload(world, "import", shape.body, { locale: "zh", headers: "headers" in shape ? shape.headers : {} }), 400, "zh", "uploadMalformed");
    expect(await counts()).toEqual(before);
  });

  it("only a body really over the limit is 413 (a 97-byte file never is)", async () => {
    const world = await setup();
    const small = multipart("Plan v2; budget=final.csv", GOOD_CSV.subarray(0, 97));
    expect((await upload(world, "import", small)).status).not.toBe(413);

    const before = await counts();
    const ceiling = IMPORT_LIMITS.maxUploadBytes + 64 * 1024;
    const huge = multipart("big.csv", Buffer.alloc(ceiling, 0x61));
    await expectRefused(await upload(world, "import", huge), 413, "en", "fileTooLarge", { maxMb: 10, sizeMb: "> 10" });
    const announced = await upload(world, "import", small, { headers: { "Content-Length": String(50 * 1024 * 1024) } });
    await expectRefused(announced, 413, "en", "fileTooLarge", { maxMb: 10, sizeMb: 50 });
    const tenMbFile = multipart("ten.csv", Buffer.alloc(IMPORT_LIMITS.maxUploadBytes + 1, 0x61));
    await expectRefused(await upload(world, "import", tenMbFile), 413, "en", "fileTooLarge", { maxMb: 10, sizeMb: 10.1 });
    expect(await counts()).toEqual(before);
    await expectStillAnswering(world);
  });
});

describe(`a connection that closes mid-upload, on a real socket (${process.env.QIAO_TEST_DRIVER})`, () => {
  it("answers 400 in the person's language instead of Node's bare “Bad Request”, and keeps serving", async () => {
    const world = await setup();
    const app = express();
    app.all("*", createExpressHandler({ build: await serverBuild(), mode: "production", getLoadContext: () => ({ cspNonce: "test", clientIp: "203.0.113.9" }) }));
    const server = app.listen(0, "127.0.0.1");
    answerCutOffUploads(server);
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const before = await counts();
      const body = multipart("plan.csv", GOOD_CSV, "text/csv");
      const head = [
        `POST ${world.importPath} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        `Cookie: ${world.cookie}`,
        "Accept-Language: zh-CN,zh;q=0.9",
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
        `Content-Length: ${body.length + 5_000}`,
        "",
        "",
      ].join("\r\n");
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(head);
          // Half the body, then the client closes its side: the body never completes.
          socket.end(body.subarray(0, Math.floor(body.length / 2)));
        });
        let received = "";
        socket.setEncoding("utf8");
        socket.on("data", (chunk: string) => (received += chunk));
        socket.on("close", () => resolve(received));
        socket.on("error", reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain("Content-Type: text/plain; charset=utf-8");
      expect(answer).toContain(zh.import.uploadTruncated);
      expect(await counts()).toEqual(before);

      const page = await fetch(`http://127.0.0.1:${port}${world.importPath}`, { headers: { Cookie: world.cookie } });
      expect(page.status).toBe(200);
      await page.text();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
