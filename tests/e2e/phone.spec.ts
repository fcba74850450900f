// Issue 12, "Phone and keyboard": at 390 × 844 the lead planner's pages fit the screen in English and
// Chinese (header included, Sign out on screen), pass axe, and the sideways-scrolling calendar and
// catalog chart can be reached and scrolled with the keyboard.
import type { Locator, Page } from "@playwright/test";
import { DEMO, DEMO_ORG, expect, expectAccessible, openPlan, screenshot, signIn, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const LANGUAGES = [
  { lng: "en", htmlLang: "en-GB", signOut: "Sign out", catalog: "Channel catalog", calendar: "Calendar", month: "Jan 2027", measurement: "Measurement plan" },
  { lng: "zh", htmlLang: "zh-CN", signOut: "退出登录", catalog: "渠道目录", calendar: "日历", month: "2027年1月", measurement: "衡量方案" },
] as const;

test.use({ viewport: PHONE });

/** The elements that push the page wider than the screen: past its right edge and not inside a scroll container of their own. */
async function pageOverflow(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const contained = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== "visible") return true;
      }
      return false;
    };
    const culprits = [...document.body.querySelectorAll("*")]
      .filter((element) => element.getBoundingClientRect().right > limit + 0.5 && !contained(element))
      // Name the outermost one only.
      .filter((element, _, all) => !all.some((other) => other !== element && other.contains(element)))
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.getAttribute("class") ?? "").split(" ").slice(0, 4).join(".")} (right ${Math.round(element.getBoundingClientRect().right)})`);
    return { width: document.documentElement.scrollWidth, culprits };
  });
}

async function expectFitsPhone(page: Page, signOut: string) {
  const { width, culprits } = await pageOverflow(page);
  expect(width, `page wider than the phone; pushed by: ${culprits.join(", ")}`).toBeLessThanOrEqual(PHONE.width);
  await expectHeaderFits(page, signOut);
}

async function expectHeaderFits(page: Page, signOut: string) {
  const header = page.locator("header");
  expect(await header.evaluate((element) => element.scrollWidth), "header scroll width").toBeLessThanOrEqual(PHONE.width);
  const button = header.getByRole("button", { name: signOut });
  await expect(button).toBeInViewport({ ratio: 1 });
  // Every control in the header is a tap target of at least 24 × 24 px (WCAG 2.5.8) and inside the screen.
  for (const control of await header.locator("a, button").all()) {
    const box = (await control.boundingBox())!;
    const name = (await control.textContent())?.trim();
    expect(box.width, `width of “${name}”`).toBeGreaterThanOrEqual(24);
    expect(box.height, `height of “${name}”`).toBeGreaterThanOrEqual(24);
    expect(box.x, `left of “${name}”`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `right of “${name}”`).toBeLessThanOrEqual(PHONE.width);
  }
  // No one-character-per-line wrapping: each header control is a single line of text.
  for (const control of await header.locator("a, button").all()) {
    // The most lines any one text node of the control is broken into.
    const lines = await control.evaluate((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let most = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        // Distinct line tops: a name cut with an ellipsis gives two boxes on one line.
        most = Math.max(most, new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size);
      }
      return most;
    });
    expect(lines, `lines of “${(await control.textContent())?.trim()}”`).toBeLessThanOrEqual(1);
  }
}

/** A region a keyboard can reach (it takes focus) and, when wider than the phone, scroll (arrow keys move it sideways). */
async function expectKeyboardScrollable(region: Locator, { mustScroll }: { mustScroll: boolean }) {
  await expect(region).toHaveAttribute("tabindex", "0");
  await region.focus();
  await expect(region).toBeFocused();
  const { scrollWidth, clientWidth } = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
  if (mustScroll) expect(scrollWidth, "the region is wider than the phone, so it scrolls").toBeGreaterThan(clientWidth);
  if (scrollWidth <= clientWidth) return;
  await region.press("ArrowRight");
  await region.press("ArrowRight");
  await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  await region.evaluate((element) => element.scrollTo({ left: 0 }));
}

test("at 390 px the planner's pages fit the screen in English and Chinese", async ({ page, plan }) => {
  // Eight pages, each through axe and a full-page screenshot.
  test.setTimeout(240_000);
  await signIn(page, DEMO.lead);
  await openPlan(page, plan);
  await expect(page.getByTestId("lines")).toBeVisible();

  for (const language of LANGUAGES) {
    if (language.lng === "zh") await page.getByRole("button", { name: "中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", language.htmlLang);

    // The demo client.
    await page.goto(plan.clientPath);
    await expect(page.getByTestId("campaign-list")).toBeVisible();
    await expectFitsPhone(page, language.signOut);
    await expectAccessible(page);
    await screenshot(page, `phone-client-${language.lng}`);

    // The test's own plan. Its line table scrolls in a container of its own, which is allowed; the
    // rest of the page is checked by the separate test below (see its note).
    await page.goto(`${plan.path}?view=calendar`);
    await expect(page.getByTestId("calendar")).toBeVisible();
    await expectHeaderFits(page, language.signOut);
    const overflow = await pageOverflow(page);
    if (overflow.width > PHONE.width) test.info().annotations.push({ type: "plan page overflow", description: `${language.lng}: ${overflow.width}px, pushed by ${overflow.culprits.join(", ")}` });
    const calendar = page.getByRole("region", { name: language.calendar });
    await expect(calendar).toContainText(language.month);
    await expectKeyboardScrollable(calendar, { mustScroll: true });
    await expectAccessible(page);
    await screenshot(page, `phone-plan-${language.lng}`);

    // Its measurement plan.
    await page.getByTestId("open-measurement").click();
    await expect(page.getByRole("heading", { level: 1, name: language.measurement })).toBeVisible();
    await expectFitsPhone(page, language.signOut);
    await expectAccessible(page);
    await screenshot(page, `phone-measurement-${language.lng}`);

    // The channel catalog, through the organization's navigation.
    await page.goto(`/o/${DEMO_ORG}`);
    await page.getByRole("link", { name: language.catalog }).click();
    await expect(page.getByTestId("placements")).toBeVisible();
    await expectFitsPhone(page, language.signOut);
    // The chart fits a phone now (compact level badges); its region still takes focus for wider content.
    await expectKeyboardScrollable(page.getByTestId("chart-scroll"), { mustScroll: false });
    await expectAccessible(page);
    await screenshot(page, `phone-catalog-${language.lng}`);
  }
  // Leave the lead planner in English for the other specs.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
});

// The plan page itself: plan actions wrap, lines are cards, the summary's screen-reader tables are clipped.
test("at 390 px the plan page itself fits the screen in English and Chinese", async ({ page, plan }) => {
  await signIn(page, DEMO.lead);
  await openPlan(page, plan);
  await expect(page.getByTestId("lines")).toBeVisible();
  try {
    await expectFitsPhone(page, "Sign out");
    // Each stacked cell is labelled with its column's name (drawn from the table's --l2 … --l7).
    const budgetCell = page.getByTestId("lines").locator("tbody > tr").first().locator("td").nth(4);
    expect(await budgetCell.evaluate((cell) => getComputedStyle(cell, "::before").content)).toBe('"Budget (CNY)"');
    await page.getByTestId("lines").locator("tbody > tr").first().screenshot({ path: "tests/e2e/screenshots/phone-plan-line-card-en.png" });
    // The grid's roles hold where its rows are cards.
    await expectAccessible(page);
    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expectFitsPhone(page, "退出登录");
  } finally {
    if ((await page.locator("html").getAttribute("lang")) === "zh-CN") await page.getByRole("button", { name: "English" }).click();
  }
});
