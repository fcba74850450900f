import type { Page } from "@playwright/test";
import { DEMO, DEMO_ORG, expect, expectAccessible, openPlan, person, screenshot, signIn, test, uniqueName } from "./fixtures";

async function openDemoClient(page: Page, email: string) {
  await signIn(page, email);
  await page.goto(`/o/${DEMO_ORG}`);
  await page.getByRole("link", { name: "Demo Brand" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demo Brand" })).toBeVisible();
}

async function addLine(page: Page, ecosystem: string, placement: string, destination: string, budget: string, expectedLines: number) {
  const form = page.getByTestId("line-form-add-line");
  await form.getByLabel("Ecosystem").selectOption({ label: ecosystem });
  await form.getByLabel("Placement").selectOption({ label: placement });
  await form.getByLabel("Landing destination").selectOption({ label: destination });
  await form.getByLabel("Budget (CNY)").fill(budget);
  // Keyboard: Enter in a text field submits the line.
  await form.getByLabel("Budget (CNY)").press("Enter");
  await expect(page.getByTestId("lines").locator("tbody > tr")).toHaveCount(expectedLines);
}

test("a planner builds a campaign across four ecosystems, sees badges and charts, flights a line front-loaded", async ({ page }) => {
  // One planner's whole session (six lines, checks, a fixed buy, unsaved edits): longer than one step.
  test.slow();
  const name = uniqueName("Mid-Autumn 2027");
  await openDemoClient(page, DEMO.planner);
  await page.getByRole("link", { name: "New campaign", exact: true }).click();
  await page.getByLabel("Campaign name").fill(name);
  await page.getByLabel("Objective").selectOption("consideration");
  await page.getByLabel("Total budget (CNY)").fill("¥1,200,000");
  await page.getByLabel("Start date").fill("2027-09-01");
  await page.getByLabel("End date").fill("2027-08-01");
  await page.getByLabel("Reporting currency", { exact: true }).selectOption("EUR");
  await page.getByLabel("FX rate (CNY per 1 unit of the reporting currency)").fill("7.8");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  await expect(page.getByLabel("Campaign name")).toHaveValue(name);
  await page.getByLabel("End date").fill("2027-09-30");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("campaign-facts")).toContainText("€153,846.15");
  await expectAccessible(page);

  await addLine(page, "Alibaba / Alimama", "Zhitongche search ads", "Tmall store (with CRM integration)", "300000", 1);
  await addLine(page, "ByteDance / Douyin (Ocean Engine)", "Douyin in-feed video ads", "WeChat mini program", "250 000", 2);
  await addLine(page, "Tencent / WeChat (Tencent Ads)", "WeChat Moments ads", "WeChat official account", "200000.50", 3);
  await addLine(page, "Baidu", "Baidu Fengchao search ads", "Baidu landing page", "100000", 4);

  // Bad input keeps what was typed and saves nothing.
  const form = page.getByTestId("line-form-add-line");
  await form.getByLabel("Ecosystem").selectOption({ label: "Baidu" });
  await form.getByLabel("Placement").selectOption({ label: "Baidu Fengchao search ads" });
  await form.getByLabel("Budget (CNY)").fill("-5");
  await form.getByLabel("Budget (CNY)").press("Enter");
  await expect(page.getByText("Amounts cannot be negative.")).toBeVisible();
  await expect(form.getByLabel("Budget (CNY)")).toHaveValue("-5");

  const lines = page.getByTestId("lines");
  await expect(lines.locator("tbody > tr")).toHaveCount(4);
  await expect(lines.getByText("Individual").first()).toBeVisible();
  await expect(lines.getByText("Transactional").first()).toBeVisible();
  await expect(lines.getByText("Aggregated").first()).toBeVisible();
  await expect(page.getByTestId("chart-ecosystem").locator("svg")).toBeVisible();
  await expect(page.getByTestId("chart-level")).toContainText("Individual");
  await expect(page.getByTestId("allocation-status")).toContainText("Unallocated: ¥349,999.50");

  // Front-load the Douyin line.
  await page.getByRole("button", { name: /^Edit .*Douyin/ }).click();
  const edit = page.locator('[data-testid="line-form-update-line"]');
  await edit.getByLabel("Flighting").selectOption("front");
  await edit.getByRole("button", { name: "Save line" }).click();
  await expect(edit).toHaveCount(0);
  await expect(lines.getByText("Front-loaded")).toBeVisible();
  await screenshot(page, "planner-built");
  // The same lines as a calendar of ISO weeks, then back to the table.
  await page.getByRole("navigation", { name: "Show line items as" }).getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByTestId("calendar")).toBeVisible();
  await expect(page.getByTestId("calendar").locator("tbody > tr")).toHaveCount(4);
  await expect(lines).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "planner-calendar");
  await page.getByRole("navigation", { name: "Show line items as" }).getByRole("link", { name: "Table" }).click();
  await expect(lines.locator("tbody > tr")).toHaveCount(4);
  await expectAccessible(page);

  // A ¥1.50 CPM on Qianchuan is questioned before it is saved; "Add anyway" adds it, and the form
  // starts afresh for the next line (issue 12: five lines in a row kept the same values).
  await form.getByLabel("Ecosystem").selectOption({ label: "ByteDance / Douyin (Ocean Engine)" });
  await form.getByLabel("Placement").selectOption({ label: "Qianchuan (Douyin shop and live commerce)" });
  await form.getByLabel("Budget (CNY)").fill("250000");
  await form.getByLabel("Unit cost (CNY)").fill("1.50");
  await form.getByLabel("Line name").fill("Live GMV push");
  await form.getByLabel("Budget (CNY)").press("Enter");
  await expect(form.getByTestId("line-checks")).toContainText("less than a fifth of this placement's benchmark");
  await expect(lines.locator("tbody > tr")).toHaveCount(4);
  await form.getByRole("button", { name: "Add anyway" }).click();
  await expect(lines.locator("tbody > tr")).toHaveCount(5);
  await expect(form.getByLabel("Budget (CNY)")).toHaveValue("");
  await expect(form.getByLabel("Line name")).toHaveValue("");
  await expect(form.getByLabel("Unit cost (CNY)")).toHaveValue("");
  await expect(form.getByLabel("Placement")).toHaveValue("");
  await expect(form.getByLabel("Ecosystem")).toBeFocused();

  // TopView bought on CPT for 7 days with ¥180,000, far below its ¥2.5M a day: said on the line and in the summary.
  await form.getByLabel("Ecosystem").selectOption({ label: "ByteDance / Douyin (Ocean Engine)" });
  await form.getByLabel("Placement").selectOption({ label: "Douyin TopView and splash" });
  await form.getByLabel("Buying model").selectOption("cpt");
  await form.getByLabel("Start date").fill("2027-09-01");
  await form.getByLabel("End date").fill("2027-09-07");
  await form.getByLabel("Budget (CNY)").fill("180000");
  await form.getByLabel("Budget (CNY)").press("Enter");
  await expect(lines.locator("tbody > tr")).toHaveCount(6);
  await expect(lines.getByTestId("fixed-cost-note")).toContainText("buys 0 of them");
  await expect(page.getByTestId("warnings")).toContainText("buys 0 of its 7 days on this fixed-price slot, which costs ¥17,500,000.00");
  await expectAccessible(page);
  await screenshot(page, "planner-checks-and-fixed-cost");

  // Submitting a plan over its budget asks first; the panel names who approves.
  await expect(page.getByTestId("approvers")).toContainText("Approves for the agency: Li Na (lead planner), Demo Admin");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("over-budget-warning")).toContainText("more than the campaign budget");
  await expect(page.getByRole("button", { name: "Submit anyway" })).toBeVisible();

  // Unsaved edits are not lost by a stray click: leaving asks first.
  await form.getByLabel("Line name").fill("Half-typed line");
  await page.getByRole("link", { name: "← Demo Brand" }).click();
  const dialog = page.getByTestId("unsaved-dialog");
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Stay and keep editing" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(form.getByLabel("Line name")).toHaveValue("Half-typed line");
  await page.getByRole("link", { name: "← Demo Brand" }).click();
  await dialog.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demo Brand" })).toBeVisible();
});

test("two people edit the same line: the second gets the conflict view, nothing is lost", async ({ browser, plan }) => {
  const planner = await person(browser, DEMO.planner);
  const lead = await person(browser, DEMO.lead);
  await openPlan(planner, plan);
  await openPlan(lead, plan);

  // Both open the editor of the first line.
  await planner.getByTestId("line-0").getByRole("button", { name: /^Edit/ }).click();
  await lead.getByTestId("line-0").getByRole("button", { name: /^Edit/ }).click();
  const plannerForm = planner.getByTestId("line-form-update-line");
  const leadForm = lead.getByTestId("line-form-update-line");
  await leadForm.getByLabel("Budget (CNY)").fill("333333");
  await leadForm.getByRole("button", { name: "Save line" }).click();
  await expect(leadForm).toHaveCount(0);
  // The planner's page learns of the change live (and reloads its data) while the form stays open:
  // the edit must still be based on the version the planner started from.
  await expect(planner.getByTestId("live-notice")).toBeVisible({ timeout: 15_000 });
  await expect(plannerForm).toBeVisible();
  // The open form says the line changed meanwhile, before any save finds out.
  await expect(plannerForm.getByTestId("line-changed-meanwhile")).toBeVisible();

  // The planner changes the budget too (a clash) and the audience notes (a field the lead never touched).
  await plannerForm.getByLabel("Budget (CNY)").fill("444444");
  await plannerForm.getByLabel("Audience / targeting").fill("Women 25-40, tier 1-2 cities");
  await plannerForm.getByRole("button", { name: "Save line" }).click();
  const conflict = planner.getByTestId("conflict");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId("theirs-budgetFen")).toHaveText("¥333,333.00");
  await expect(conflict.getByTestId("yours-budgetFen")).toHaveText("¥444,444.00");
  // Only the clash is asked about; the other change is kept, and nothing the planner never touched is "theirs".
  await expect(conflict.locator("tbody tr")).toHaveCount(1);
  await expect(conflict.getByTestId("conflict-kept")).toContainText("Audience / targeting");
  await expect(plannerForm.getByLabel("Budget (CNY)")).toHaveValue(/^444444(\.00)?$/);
  await expect(plannerForm.getByLabel("Audience / targeting")).toHaveValue("Women 25-40, tier 1-2 cities");
  await expectAccessible(planner);
  await screenshot(planner, "planner-conflict");

  // Choosing mine saves over theirs knowingly.
  await plannerForm.getByRole("button", { name: "Save mine over theirs" }).click();
  await expect(plannerForm).toHaveCount(0);
  await planner.reload();
  await expect(planner.getByTestId("line-0")).toContainText("¥444,444.00");

  // Different fields: merged without a conflict (issue 12: "save mine" used to revert the colleague's change).
  await lead.reload();
  await lead.getByTestId("line-0").getByRole("button", { name: /^Edit/ }).click();
  await planner.getByTestId("line-0").getByRole("button", { name: /^Edit/ }).click();
  await leadForm.getByLabel("Creative formats").fill("15s vertical video");
  await leadForm.getByRole("button", { name: "Save line" }).click();
  await expect(leadForm).toHaveCount(0);
  await plannerForm.getByLabel("Budget (CNY)").fill("450000");
  await plannerForm.getByRole("button", { name: "Save line" }).click();
  await expect(plannerForm).toHaveCount(0);
  await expect(planner.getByTestId("toast")).toContainText("their changes are kept");
  await planner.reload();
  await expect(planner.getByTestId("line-0")).toContainText("¥450,000.00");
  await planner.getByTestId("line-0").getByRole("button", { name: /^Edit/ }).click();
  await expect(plannerForm.getByLabel("Creative formats")).toHaveValue("15s vertical video");
  await expect(plannerForm.getByLabel("Audience / targeting")).toHaveValue("Women 25-40, tier 1-2 cities");
  await planner.context().close();
  await lead.context().close();
});

test("delete a line and archive a campaign: asked once, undone from the toast, restored from the archive", async ({ page, plan }) => {
  const copyName = uniqueName("Undo and archive trial");
  await signIn(page, DEMO.lead);
  await openPlan(page, plan);
  // The test's own plan, copied under a name of its own: the copy is what is deleted from and archived.
  await page.locator("summary", { hasText: /^Duplicate$/ }).click();
  await page.getByTestId("duplicate-form").getByLabel("Name of the copy").fill(copyName);
  await page.getByTestId("duplicate-form").getByRole("button", { name: "Make the copy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: copyName })).toBeVisible();
  await expect(page.getByTestId("lines").locator("tbody > tr")).toHaveCount(plan.lineCount);
  const lines = page.getByTestId("lines");
  const rows = lines.locator("tbody > tr");
  const count = await rows.count();
  const secondName = (await page.getByTestId("line-1").locator("p").first().textContent())!;

  // Asked once, inline; then the toast offers Undo and the line comes back where it was.
  await page.getByTestId("line-1").getByRole("button", { name: /^Delete / }).click();
  await expect(page.getByTestId("confirm-delete")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: /^Yes, delete / }).click();
  await expect(rows).toHaveCount(count - 1);
  await expect(page.getByTestId("toast")).toContainText("Line deleted.");
  await screenshot(page, "planner-delete-undo");
  await page.getByTestId("toast-undo").click();
  await expect(rows).toHaveCount(count);
  await expect(page.getByTestId("line-1")).toContainText(secondName);
  await expect(page.getByTestId("toast")).toContainText("is back in the plan");

  // Archive: asked once, then found under "Archived" on the client page and restored.
  await page.getByRole("button", { name: "Archive", exact: true }).first().click();
  await page.getByTestId("confirm-archive").getByRole("button", { name: "Yes, archive" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demo Brand" })).toBeVisible();
  await expect(page.getByTestId("toast")).toContainText("archived");
  await expect(page.getByTestId("campaign-list").getByRole("link", { name: copyName })).toHaveCount(0);
  await page.getByTestId("campaign-filter").getByRole("link", { name: "Archived" }).click();
  const archivedCopy = page.getByTestId("campaign-list").locator("li", { hasText: copyName });
  await expect(archivedCopy).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "client-archived");
  await archivedCopy.getByRole("button", { name: /^Restore/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: copyName })).toBeVisible();
  await expect(page.getByTestId("toast")).toContainText("restored from the archive");
});
