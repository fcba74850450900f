import { expect, expectAccessible, screenshot, test } from "./fixtures";

test("home page answers in English, switches to Chinese and back", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Media plans that know what each ecosystem gives back");
  await expect(page.getByTestId("intl-example")).toContainText("budget ¥12,345,678.90, flight start 2 March 2026");
  await expectAccessible(page);
  await screenshot(page, "home-en");

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("懂得每个生态能回传什么数据的媒介计划");
  await expect(page.getByTestId("intl-example")).toContainText("预算 ¥12,345,678.90，投放开始 2026年3月2日");
  await expect(page.getByText("个人级").first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "home-zh");

  // The choice is remembered in a cookie across pages.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
});

test("an unknown page is a real 404 inside the app shell", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("link", { name: "Back to the start page" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "not-found");
});

test("Accept-Language chooses Chinese when no cookie is set", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5" } });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await context.close();
});
