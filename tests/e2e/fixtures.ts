import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import path from "node:path";
import { buildPlan, DEMO, DEMO_PASSWORD, signInRequest, uniqueName, type LineForm, type OwnPlan } from "./data";

export { DEMO, DEMO_ORG, DEMO_PASSWORD, PLAN_LINES, signUpWorkspace, uniqueName, type OwnPlan } from "./data";
export { expect };

/** A 4xx answer (validation 400, deliberate 403/404/410) is logged by the browser itself: expected. */
const EXPECTED_CONSOLE_ERROR = /status of 4\d\d/;

type ConsoleGuard = { errors: string[]; watch(context: BrowserContext): void };

type Fixtures = {
  /** What the guard collected so far (every page of every context of the test). */
  consoleErrors: string[];
  _consoleGuard: ConsoleGuard;
  /** Builds a campaign of this test's own in the demo client (see data.ts), as `as` (the demo planner by default). */
  makePlan: (options?: { name?: string; lines?: readonly LineForm[]; as?: string }) => Promise<OwnPlan>;
  /** This test's own campaign with the PLAN_LINES, made by the demo planner. */
  plan: OwnPlan;
};

/**
 * Every page of every context, automatically: the default `page`, pages of contexts a test opens with
 * `browser.newContext()` or `browser.newPage()`, `context.newPage()` and popups. A console error or an
 * uncaught exception on any of them fails the test at the end, listing each with the page it came from.
 */
export const test = base.extend<Fixtures>({
  _consoleGuard: [
    async ({ browser }, use) => {
      const errors: string[] = [];
      const contexts = new WeakSet<BrowserContext>();
      const watchPage = (page: Page) => {
        page.on("console", (message) => {
          if (message.type() === "error" && !EXPECTED_CONSOLE_ERROR.test(message.text())) errors.push(`${page.url()}: ${message.text()}`);
        });
        page.on("pageerror", (error) => errors.push(`${page.url()}: uncaught ${error.message}`));
      };
      const watch = (context: BrowserContext) => {
        if (contexts.has(context)) return;
        contexts.add(context);
        context.pages().forEach(watchPage);
        context.on("page", watchPage);
      };
      // `browser` lives as long as the worker: wrap its newContext for this test only (newPage goes through it).
      const newContext = browser.newContext;
      (browser as Browser).newContext = async function (this: Browser, ...args: Parameters<Browser["newContext"]>) {
        const context = await newContext.apply(this, args);
        watch(context);
        return context;
      };
      try {
        await use({ errors, watch });
      } finally {
        (browser as Browser).newContext = newContext;
      }
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
  consoleErrors: async ({ _consoleGuard }, use) => {
    await use(_consoleGuard.errors);
  },
  context: async ({ context, _consoleGuard }, use) => {
    _consoleGuard.watch(context);
    await use(context);
  },
  makePlan: async ({ playwright, baseURL }, use) => {
    const requests: Awaited<ReturnType<typeof playwright.request.newContext>>[] = [];
    await use(async (options = {}) => {
      const request = await playwright.request.newContext({ baseURL });
      requests.push(request);
      await signInRequest(request, baseURL!, options.as ?? DEMO.planner);
      return buildPlan(request, baseURL!, { name: options.name ?? uniqueName("Chinese New Year 2027"), lines: options.lines });
    });
    for (const request of requests) await request.dispose();
  },
  plan: async ({ makePlan }, use) => {
    await use(await makePlan());
  },
});

/** axe on the current page: no serious or critical violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    "serious or critical accessibility violations",
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join("tests", "e2e", "screenshots", `${name}.png`), fullPage: true });
}

/** The site's origin, for the Origin header of a POST (the server refuses other origins: CSRF). */
export function siteOrigin(): string {
  return new URL(test.info().project.use.baseURL!).origin;
}

/** Signs a browser context in through the login endpoint (no clicking through the form). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await signInRequest(page.request, siteOrigin(), email, password);
}

/** A person in a browser context of their own, signed in. */
export async function person(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** Opens a plan on `page` (already signed in) and waits for its heading. */
export async function openPlan(page: Page, plan: OwnPlan) {
  await page.goto(plan.path);
  await expect(page.getByRole("heading", { level: 1, name: plan.name })).toBeVisible();
}
