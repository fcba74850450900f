import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import path from "node:path";

/** Every page: no console errors, no uncaught exceptions. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      // A 4xx answer (validation 400, deliberate 403/404/410) is logged by the browser itself: expected.
      if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await use(errors);
    expect(errors, "browser console errors").toEqual([]);
  },
  page: async ({ page }, use) => {
    await use(page);
  },
});

export { expect };

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

export const DEMO_PASSWORD = "qiao-demo-2026";
export const DEMO = {
  lead: "lead@qiao-demo.example",
  planner: "planner@qiao-demo.example",
  viewer: "viewer@qiao-demo.example",
  admin: "admin@qiao-demo.example",
} as const;

/** Signs a browser context in through the login endpoint (no clicking through the form). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const response = await page.request.post("/login", {
    form: { email, password },
    headers: { Origin: new URL(page.context().pages()[0]?.url() || "http://localhost:3210").origin },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${email}`).toBe(302);
}
