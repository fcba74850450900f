import { DEMO, expect, expectAccessible, openPlan, screenshot, signIn, test } from "./fixtures";

test("a mismatch shows its alternatives; landing in a WeChat mini program makes it measurable and coverage rises", async ({ page, plan }) => {
  await signIn(page, DEMO.lead);
  // Its own plan: the change of destination below is made on it, not on the seeded demo campaign.
  await openPlan(page, plan);
  await page.getByTestId("open-measurement").click();
  await expect(page.getByRole("heading", { level: 1, name: "Measurement plan" })).toBeVisible();
  await expectAccessible(page);

  const parse = (text: string) => Number(text.replace(/[^0-9.]/g, ""));
  const before = parse(await page.getByTestId("coverage-ratio").innerText());

  const douyin = page.getByTestId("measurement-rows").locator("> li", { hasText: "Repurchase rate · Douyin in-feed video ads → Douyin shop" });
  await expect(douyin.getByTestId("measurable")).toContainText("No");
  await expect(douyin.getByTestId("alternatives")).toBeVisible();
  const land = douyin.getByRole("button", { name: "Land in WeChat mini program instead" });
  await expect(land).toBeVisible();

  // Baidu search cannot reach a store or WeChat: no destination change is offered.
  const baidu = page.getByTestId("measurement-rows").locator("> li", { hasText: "Repurchase rate · Baidu Fengchao search ads" });
  await expect(baidu.getByTestId("measurable")).toContainText("No");
  await expect(baidu.getByRole("button", { name: /^Land in/ })).toHaveCount(0);
  await screenshot(page, "measurement-mismatch");

  // Issue 12: Yuntu measures in aggregate only, so the row says why it stays ✗ and the coverage stays.
  await douyin.getByRole("button", { name: "Measure with Yuntu" }).click();
  await expect(page.getByTestId("toast")).toContainText("Yuntu is now the row's method.");
  await expect(douyin.getByTestId("method-note")).toContainText("gives only aggregated estimates of “Repurchase rate”, which needs transactional data");
  await expect(douyin.getByTestId("method-note")).toContainText("the coverage score does not change");
  await expect(douyin.getByTestId("method-in-use")).toContainText("Yuntu is this row's method");
  await expect(douyin.getByRole("button", { name: "Measure with Yuntu" })).toHaveCount(0);
  await expect(douyin.locator('select[name="methodId"]')).toHaveValue("data-product:ocean-engine-yuntu");
  await expect(douyin.getByTestId("measurable")).toContainText("No");
  expect(parse(await page.getByTestId("coverage-ratio").innerText())).toBe(before);
  await expectAccessible(page);
  await screenshot(page, "measurement-method-applied");

  await land.click();
  await expect(page.getByTestId("toast")).toContainText("Change applied.");
  const moved = page.getByTestId("measurement-rows").locator("> li", { hasText: "Repurchase rate · Douyin in-feed video ads → WeChat mini program" });
  await expect(moved.getByTestId("measurable")).toContainText("Yes");
  await expect(moved.getByTestId("identity-bridge")).toBeVisible();
  const after = parse(await page.getByTestId("coverage-ratio").innerText());
  expect(after).toBeGreaterThan(before);
  await expectAccessible(page);
  await screenshot(page, "measurement-applied");

  // The planner's own entries stay: a binding-rate assumption yields bound customers.
  await moved.getByLabel("Binding rate (%)").fill("35");
  await moved.getByRole("button", { name: "Save row" }).click();
  await expect(page.getByTestId("toast")).toContainText("Measurement row saved.");
  await expect(moved.getByTestId("identity-bridge")).toContainText("bound customers");

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "衡量方案" })).toBeVisible();
  await screenshot(page, "measurement-zh");
  await page.getByRole("button", { name: "English" }).click();
});
