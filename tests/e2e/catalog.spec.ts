import { DEMO, expect, expectAccessible, screenshot, signIn, signUpWorkspace, test } from "./fixtures";

test("the catalog filters by ecosystem and level and explains each badge", async ({ page }) => {
  await signIn(page, DEMO.planner);
  await page.goto("/o/demo-agency/catalog");
  await expect(page.getByRole("heading", { level: 1, name: "Channel catalog" })).toBeVisible();
  await expect(page.getByTestId("level-legend")).toContainText("Individual");
  await expect(page.getByTestId("ecosystem-level-chart")).toContainText("Baidu");
  await expectAccessible(page);
  await screenshot(page, "catalog-all");

  await page.getByLabel("Ecosystem", { exact: true }).selectOption("bytedance");
  await page.getByLabel("Best data level").selectOption("individual");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/ecosystem=bytedance/);
  const infeed = page.getByTestId("placement-douyin-infeed");
  await expect(infeed).toBeVisible();
  await expect(infeed.getByTestId("explanation")).toContainText("WeChat mini program");
  await expect(infeed.getByTestId("explanation")).toContainText("individual");
  await expect(page.getByTestId("placements").locator("> li")).not.toHaveCount(0);
  for (const text of await page.getByTestId("placements").locator("> li").allTextContents()) expect(text).toContain("ByteDance");
  await expect(page.getByTestId("placement-baidu-search")).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "catalog-filtered");

  // In Chinese, the same page and explanation.
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "渠道目录" })).toBeVisible();
  await expect(page.getByTestId("placement-douyin-infeed").getByTestId("explanation")).toContainText("微信小程序");
  await screenshot(page, "catalog-filtered-zh");
  await page.getByRole("button", { name: "English" }).click();
});

test("an admin overrides a level only with a justification, and the note shows where the level is used", async ({ page, baseURL }) => {
  // An override changes the whole organization's catalog: a workspace of its own (its owner administers it).
  const workspace = await signUpWorkspace(page, baseURL!);
  await page.goto(`/o/${workspace.slug}/catalog?ecosystem=baidu`);
  await page.getByLabel("Landing destination (what the brand captures)").check();
  await page.getByLabel("Placement or destination").selectOption("baidu-mini-program");
  await page.getByLabel("New level").selectOption("transactional");
  await page.getByLabel("Justification").fill("ok");
  await page.getByRole("button", { name: "Save override" }).click();
  await expect(page.getByText("Write a justification of at least 10 characters.")).toBeVisible();
  await expect(page.getByTestId("override-note")).toHaveCount(0);

  await page.getByLabel("Justification").fill("Baidu CRM integration in our 2026 contract");
  await page.getByRole("button", { name: "Save override" }).click();
  await expect(page.getByTestId("toast")).toContainText("Level override saved.");
  const note = page.getByTestId("placement-baidu-search").getByTestId("override-note");
  await expect(note).toContainText("Baidu CRM integration in our 2026 contract");
  await expect(note).toContainText(workspace.ownerName);
  await expect(page.getByTestId("placement-baidu-search").getByTestId("explanation")).toContainText("Baidu CRM integration in our 2026 contract");
  await expectAccessible(page);
  await screenshot(page, "catalog-override");

  await page.getByTestId("override-list").getByRole("button", { name: "Remove override" }).click();
  await expect(page.getByTestId("toast")).toContainText("Level override removed.");
  await expect(page.getByTestId("override-note")).toHaveCount(0);
});
