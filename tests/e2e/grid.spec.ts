// The line table as a keyboard grid (issue 12): cells reached with the arrow keys, edited in place with
// Enter, F2 or by typing, saved with Enter or Tab through the line's versioned update, cancelled with
// Escape; a refused value comes back into its cell with the reason. Keyboard only, after the first focus.
import { DEMO, expect, expectAccessible, openPlan, person, screenshot, signIn, test } from "./fixtures";

test("the line table edits like a spreadsheet, from the keyboard", async ({ page, plan }) => {
  await signIn(page, DEMO.planner);
  await openPlan(page, plan);
  const grid = page.getByRole("grid", { name: /Line items/ });
  await expect(grid).toBeVisible();
  const cell = (row: number, col: number) => grid.locator(`tbody > tr[data-row="${row}"] > td`).nth(col);
  const rows = grid.locator("tbody > tr");

  // One cell is in the tab order; the arrow keys move from there.
  await expect(grid.locator('td[tabindex="0"]')).toHaveCount(1);
  await cell(0, 0).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(cell(0, 4)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(cell(0, 4)).toBeFocused();

  // Enter edits the budget; Enter saves it and moves down.
  await page.keyboard.press("Enter");
  const budget = page.getByRole("textbox", { name: /^Budget \(CNY\) — Tmall search always-on/ });
  await expect(budget).toBeFocused();
  await expect(budget).toHaveValue("320000.00");
  await budget.fill("345 000");
  await page.keyboard.press("Enter");
  await expect(cell(1, 4)).toBeFocused();
  await expect(cell(0, 4)).toHaveText("¥345,000.00");
  // The line's form still opens after a cell of it was saved (and closes again).
  await rows.nth(0).getByRole("button", { name: /^Edit / }).click();
  await expect(page.getByTestId("line-form-update-line")).toBeVisible();
  await expect(page.getByTestId("line-form-update-line").getByLabel("Budget (CNY)")).toHaveValue("345000.00");
  await page.getByTestId("line-form-update-line").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("line-form-update-line")).toHaveCount(0);
  await cell(1, 4).click();

  // Typing over a cell starts from the key typed; Tab saves and moves to the next cell that edits.
  await page.keyboard.type("2");
  const second = page.getByRole("textbox", { name: /^Budget \(CNY\) — Tmall display reach/ });
  await expect(second).toHaveValue("2");
  await page.keyboard.type("00000");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: /^KPI target — Tmall display reach/ })).toBeFocused();
  await expect(cell(1, 4)).toHaveText("¥200,000.00");
  // Escape leaves the target as it was.
  await page.keyboard.type("999");
  await page.keyboard.press("Escape");
  await expect(cell(1, 5)).toBeFocused();
  await expect(cell(1, 5)).not.toContainText("999");

  // F2 on the name; a refused value comes back into its cell, with the reason, as typed.
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(cell(1, 3)).toBeFocused();
  await page.keyboard.press("F2");
  const unitCost = page.getByRole("textbox", { name: /^Unit cost \(CNY\) — Tmall display reach/ });
  await unitCost.fill("-5");
  await page.keyboard.press("Enter");
  await expect(cell(1, 3).getByText("Amounts cannot be negative.")).toBeVisible();
  await expect(unitCost).toHaveValue("-5");
  await expectAccessible(page);
  await screenshot(page, "grid-cell-refused");
  await page.keyboard.press("Escape");
  await expect(cell(1, 3)).toBeFocused();
  await expect(cell(1, 3)).toHaveText("—");

  // The name, by F2 from the first column; what the JSON export says is what the grid saved.
  await page.keyboard.press("Home");
  await page.keyboard.press("F2");
  const name = page.getByRole("textbox", { name: /^Line name — Tmall display reach/ });
  await name.fill("Tmall display reach, wave 2");
  await page.keyboard.press("Enter");
  await expect(rows.nth(1)).toContainText("Tmall display reach, wave 2");
  await expect(cell(2, 0)).toBeFocused();
  await expectAccessible(page);
  await screenshot(page, "grid-edited");
  const exported = (await (await page.request.get(`${plan.path}/export.json`)).json()) as { lineitems: { name: string }[] };
  const names = exported.lineitems.map((line) => line.name);
  expect(names).toContain("Tmall display reach, wave 2");

  // Undo takes back the last edits one at a time (each a save of the values before), redo puts them back.
  const name1 = cell(1, 0).locator("p.name");
  await expect(grid.locator('tbody > tr[aria-busy="true"]')).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(name1).toHaveText("Tmall display reach");
  await expect(page.getByTestId("grid-status")).toHaveText("Undid the last edit (1 line).");
  await expect(grid.locator('tbody > tr[aria-busy="true"]')).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(cell(1, 4)).toHaveText("¥180,000.00");
  await expect(grid.locator('tbody > tr[aria-busy="true"]')).toHaveCount(0);
  await page.keyboard.press("Control+y");
  await expect(cell(1, 4)).toHaveText("¥200,000.00");
  await expect(page.getByTestId("grid-status")).toHaveText("Redid the edit (1 line).");
  await expect(name1).toHaveText("Tmall display reach");
  await expect(cell(2, 0)).toBeFocused();
});

test("a cell edit started before a colleague's save of the same field opens the conflict view; another field is merged", async ({ browser, plan }) => {
  const planner = await person(browser, DEMO.planner);
  const lead = await person(browser, DEMO.lead);
  await openPlan(planner, plan);
  await openPlan(lead, plan);
  const plannerCell = (row: number, col: number) => planner.getByRole("grid").locator(`tbody > tr[data-row="${row}"] > td`).nth(col);

  // The planner starts typing a budget; the lead saves another budget for that line meanwhile.
  await plannerCell(0, 4).click();
  await planner.keyboard.press("Enter");
  await planner.getByRole("textbox", { name: /^Budget \(CNY\) — Tmall search always-on/ }).fill("410000");
  await lead.getByTestId("line-0").getByRole("button", { name: /^Edit/ }).click();
  const leadForm = lead.getByTestId("line-form-update-line");
  await leadForm.getByLabel("Budget (CNY)").fill("333333");
  await leadForm.getByRole("button", { name: "Save line" }).click();
  await expect(leadForm).toHaveCount(0);
  await expect(planner.getByTestId("live-notice")).toBeVisible({ timeout: 15_000 });

  // Saving the cell finds the clash: the line's form opens with both values side by side.
  await planner.keyboard.press("Enter");
  const conflict = planner.getByTestId("conflict");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId("theirs-budgetFen")).toHaveText("¥333,333.00");
  await expect(conflict.getByTestId("yours-budgetFen")).toHaveText("¥410,000.00");
  await expectAccessible(planner);
  await screenshot(planner, "grid-conflict");
  await planner.getByTestId("line-form-update-line").getByRole("button", { name: "Save mine over theirs" }).click();
  await expect(planner.getByTestId("line-form-update-line")).toHaveCount(0);
  await expect(plannerCell(0, 4)).toHaveText("¥410,000.00");

  // The lead renames the line; the planner's budget cell, begun before that, saves without a conflict and keeps the name.
  await lead.reload();
  await plannerCell(0, 4).click();
  await planner.keyboard.press("Enter");
  await lead.getByTestId("line-0").getByRole("button", { name: /^Edit/ }).click();
  await leadForm.getByLabel("Line name").fill("Tmall search, renamed");
  await leadForm.getByRole("button", { name: "Save line" }).click();
  await expect(leadForm).toHaveCount(0);
  await planner.getByRole("textbox", { name: /^Budget \(CNY\) — / }).fill("420000");
  await planner.keyboard.press("Enter");
  await expect(planner.getByTestId("toast")).toContainText("their changes are kept");
  await planner.reload();
  await expect(planner.getByTestId("line-0")).toContainText("Tmall search, renamed");
  await expect(plannerCell(0, 4)).toHaveText("¥420,000.00");
  await planner.context().close();
  await lead.context().close();
});

test("a 5×3 block pasted from a spreadsheet lands from the active cell; a refused value opens its line's form", async ({ page, plan, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, DEMO.planner);
  await openPlan(page, plan);
  const grid = page.getByRole("grid", { name: /Line items/ });
  const cell = (row: number, col: number) => grid.locator(`tbody > tr[data-row="${row}"] > td`).nth(col);
  // Unit cost, budget and KPI target of lines 2 to 6, as Excel puts them on the clipboard (tabs, CRLF, a last line break).
  const block = ["35\t190000\t150000", "\t230 000\t20%", "\t170000\t12%", "\t155000\t600000", "\t140000\t5000", ""].join("\r\n");
  await page.evaluate((text) => navigator.clipboard.writeText(text), block);
  await cell(0, 0).focus();
  await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(cell(1, 3)).toBeFocused();
  await page.keyboard.press("Control+V");
  await expect(page.getByTestId("grid-status")).toHaveText("Pasted into 5 lines.");
  await expect(cell(1, 3)).toHaveText("¥35.00");
  await expect(cell(1, 4)).toHaveText("¥190,000.00");
  await expect(cell(1, 5)).toContainText("150,000");
  await expect(cell(2, 4)).toHaveText("¥230,000.00");
  await expect(cell(2, 5)).toContainText("20");
  await expect(cell(4, 5)).toContainText("¥600,000.00");
  await expect(cell(5, 4)).toHaveText("¥140,000.00");
  await expect(cell(1, 3)).toBeFocused();
  await expectAccessible(page);
  await screenshot(page, "grid-pasted");
  // The paste is one edit: undone and redone as a whole, once every line's save has answered.
  await expect(grid.locator('tbody > tr[aria-busy="true"]')).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("grid-status")).toHaveText("Undid the last edit (5 lines).");
  await expect(cell(1, 3)).toHaveText("—");
  await expect(cell(1, 4)).toHaveText("¥180,000.00");
  await expect(cell(5, 4)).toHaveText("¥150,000.00");
  await expect(grid.locator('tbody > tr[aria-busy="true"]')).toHaveCount(0);
  await page.keyboard.press("Control+Shift+Z");
  await expect(page.getByTestId("grid-status")).toHaveText("Redid the edit (5 lines).");
  await expect(cell(1, 4)).toHaveText("¥190,000.00");
  await expect(cell(5, 4)).toHaveText("¥140,000.00");
  await expect(grid.locator('tbody > tr[aria-busy="true"]')).toHaveCount(0);

  // A value the line cannot take: nothing of that line is saved, and its form says why, with what was pasted.
  await page.evaluate((text) => navigator.clipboard.writeText(text), "abc\t99999");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expect(cell(6, 4)).toBeFocused();
  await page.keyboard.press("Control+V");
  await expect(page.getByTestId("grid-status")).toHaveText("Pasted into 1 line.");
  const form = page.getByTestId("line-form-update-line");
  await expect(form).toBeVisible();
  await expect(form.getByLabel("Budget (CNY)")).toHaveValue("abc");
  await expect(cell(6, 4)).toHaveText("¥90,000.00");
  await screenshot(page, "grid-paste-refused");
});

