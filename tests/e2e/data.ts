// Each test's own data, built through the app's own forms over HTTP.
//
// Why HTTP and not the services: the e2e server (playwright.config.ts webServer) runs on the embedded
// PGlite database with QIAO_DATA_DIR=memory://, i.e. inside the server process only. PGlite is
// single-process: the test process cannot open that database (there is no directory to open, and a
// directory would be locked by the server). So a test signs in through /login (the app makes the
// session and its `<id>.<secret>` cookie) and posts the same forms a planner submits: a new campaign,
// then one add-line per line; the result is checked through the JSON export. No test-only route.
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "qiao-demo-2026";
export const DEMO = {
  lead: "lead@qiao-demo.example",
  planner: "planner@qiao-demo.example",
  viewer: "viewer@qiao-demo.example",
  admin: "admin@qiao-demo.example",
} as const;
export const DEMO_ORG = "demo-agency";

/** A campaign made for one test: nobody else edits it, so order and parallelism do not matter. */
export type OwnPlan = { id: string; name: string; path: string; clientPath: string; lineCount: number };

/** One line as the add-line form posts it (amounts in yuan, as typed). */
export type LineForm = {
  name: string;
  placementId: string;
  destinationId: string;
  buyingModel: string;
  budget: string;
  kpiId: string;
  flightingMode: "even" | "front" | "back";
};

export const PLAN_START = "2027-01-04";
export const PLAN_END = "2027-02-28";

/**
 * The lines of a test plan (test data): a Chinese New Year plan across five ecosystems. Line 0 and 1
 * are edited by the conflict and review specs (their budgets ¥320,000 and ¥180,000 are named there);
 * lines 3 and 6 are the measurement spec's mismatches (repurchase rate on Douyin shop and on Baidu).
 * Names are distinct and no unit cost is typed, so the form's second-look checks never hold a line.
 */
export const PLAN_LINES: readonly LineForm[] = [
  { name: "Tmall search always-on", placementId: "alimama-zhitongche", destinationId: "tmall-store", buyingModel: "cpc", budget: "320000", kpiId: "gmv", flightingMode: "back" },
  { name: "Tmall display reach", placementId: "alimama-display", destinationId: "tmall-store", buyingModel: "cpm", budget: "180000", kpiId: "clicks", flightingMode: "even" },
  { name: "Douyin feed to mini program", placementId: "douyin-infeed", destinationId: "wechat-mini-program", buyingModel: "ocpm", budget: "220000", kpiId: "crm-binding-rate", flightingMode: "even" },
  { name: "Douyin feed to shop", placementId: "douyin-infeed", destinationId: "douyin-shop", buyingModel: "ocpm", budget: "160000", kpiId: "repurchase-rate", flightingMode: "even" },
  { name: "Qianchuan live GMV", placementId: "douyin-qianchuan", destinationId: "douyin-shop", buyingModel: "ocpm", budget: "150000", kpiId: "gmv", flightingMode: "back" },
  { name: "Moments launch burst", placementId: "wechat-moments", destinationId: "wechat-official-account", buyingModel: "cpm", budget: "150000", kpiId: "follower-growth", flightingMode: "front" },
  { name: "Baidu search repurchase", placementId: "baidu-search", destinationId: "baidu-landing-page", buyingModel: "cpc", budget: "90000", kpiId: "repurchase-rate", flightingMode: "even" },
  { name: "JD search ROAS", placementId: "jd-search", destinationId: "jd-store", buyingModel: "cpc", budget: "80000", kpiId: "roas", flightingMode: "back" },
];

/** A name no other test (or repeat, or worker) uses at the same time. */
export function uniqueName(base: string): string {
  return `${base} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

function origin(baseURL: string): Record<string, string> {
  return { Origin: new URL(baseURL).origin };
}

/** Signs a request context (a page's `page.request`, or one of its own) in through the login endpoint. */
export async function signInRequest(request: APIRequestContext, baseURL: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  const response = await request.post("/login", { form: { email, password }, headers: origin(baseURL), maxRedirects: 0 });
  expect(response.status(), `sign-in of ${email}`).toBe(302);
}

/** The demo client's page, found on the organization home as a person would find it. */
async function demoClientPath(request: APIRequestContext): Promise<string> {
  const html = await (await request.get(`/o/${DEMO_ORG}`)).text();
  const match = new RegExp(`href="(/o/${DEMO_ORG}/clients/[0-9a-f-]{36})"`).exec(html);
  expect(match, "the demo client on the organization home").not.toBeNull();
  return match![1]!;
}

/**
 * Creates a campaign in the demo client with `lines` through the new-campaign and add-line forms, as
 * the signed-in person of `request`, and checks through the JSON export that every line is there.
 */
export async function buildPlan(request: APIRequestContext, baseURL: string, options: { name: string; lines?: readonly LineForm[] }): Promise<OwnPlan> {
  const lines = options.lines ?? PLAN_LINES;
  const clientPath = await demoClientPath(request);
  const created = await request.post(`${clientPath}/campaigns/new`, {
    form: { name: options.name, objective: "conversion", startDate: PLAN_START, endDate: PLAN_END, budget: "3000000", reportingCurrency: "EUR", fxRate: "7.8", notes: "Made by an e2e test for itself." },
    headers: origin(baseURL),
    maxRedirects: 0,
  });
  expect(created.status(), `campaign “${options.name}” created`).toBe(302);
  const path = new URL(created.headers()["location"]!, baseURL).pathname;
  expect(path).toMatch(new RegExp(`^${clientPath}/campaigns/[0-9a-f-]{36}$`));
  for (const line of lines) {
    const added = await request.post(`${path}?index`, {
      form: { intent: "add-line", ...line, unitCost: "", startDate: PLAN_START, endDate: PLAN_END, kpiTarget: "", audienceNotes: "", formatNotes: "" },
      headers: origin(baseURL),
      maxRedirects: 0,
    });
    expect(added.status(), `line “${line.name}” added`).toBe(200);
  }
  const exported = (await (await request.get(`${path}/export.json`)).json()) as { lineitems?: { name?: string }[] };
  expect(exported.lineitems?.map((item) => item.name), "the lines of the new plan, in order").toEqual(lines.map((line) => line.name));
  return { id: path.split("/").at(-1)!, name: options.name, path, clientPath, lineCount: lines.length };
}

/**
 * A workspace of its own (signup through the form), signed in on `page`: for what changes a whole
 * organization (catalog overrides), so no other test sees it.
 */
export async function signUpWorkspace(page: Page, baseURL: string, options: { takeWelcome?: boolean } = {}): Promise<{ slug: string; ownerName: string; email: string }> {
  const stamp = uniqueName("").trim();
  const ownerName = `Owner ${stamp}`;
  const email = `owner-${stamp}@e2e.example`;
  const response = await page.request.post("/signup", {
    form: { email, name: ownerName, password: "lumiere-over-the-bund-2026", organizationName: `E2E Agency ${stamp}`, kind: "agency" },
    headers: origin(baseURL),
    maxRedirects: 0,
  });
  expect(response.status(), "signup of a workspace").toBe(302);
  const slug = /^\/o\/([^/]+)$/.exec(response.headers()["location"] ?? "")?.[1];
  expect(slug, "the new organization's home").toBeTruthy();
  if (options.takeWelcome !== false) {
    // The "Welcome" toast rides on the first page after signup: taken here, so the test's first page is the plain one.
    expect((await page.request.get(`/o/${slug}`)).status()).toBe(200);
  }
  return { slug: slug!, ownerName, email };
}
