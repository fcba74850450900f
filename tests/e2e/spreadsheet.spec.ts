import ExcelJS from "exceljs";
import path from "node:path";
import { DEMO, expect, expectAccessible, openPlan, screenshot, signIn, test } from "./fixtures";

test("export a plan, change a budget and add a line in Excel, import, preview, apply", async ({ page, plan }, testInfo) => {
  await signIn(page, DEMO.lead);
  await openPlan(page, plan);

  await page.getByText("Export", { exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  const exported = testInfo.outputPath("plan.xlsx");
  await download.saveAs(exported);

  // Open the workbook as a planner would, and look at it.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(exported);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Summary", "Line items", "Flighting", "Measurement plan", "Legend"]));
  const sheet = workbook.getWorksheet("Line items")!;
  const keys = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === "string" ? v : ""));
  const col = (key: string) => keys.indexOf(key);
  expect(col("budget_cny")).toBeGreaterThan(0);
  expect(sheet.views[0]).toMatchObject({ state: "frozen" });
  const firstData = 3;
  expect(typeof sheet.getRow(firstData).getCell(col("budget_cny")).value).toBe("number");

  // Change the first line's budget and add a copy of it as a new line (no id, no version).
  sheet.getRow(firstData).getCell(col("budget_cny")).value = 333333.33;
  const lastRow = sheet.actualRowCount;
  const source = sheet.getRow(firstData);
  const added = sheet.getRow(lastRow + 1);
  source.eachCell({ includeEmpty: true }, (cell, number) => {
    added.getCell(number).value = cell.value;
  });
  added.getCell(col("line_id")).value = null;
  added.getCell(col("version")).value = null;
  added.getCell(col("name")).value = "Added in Excel";
  added.getCell(col("budget_cny")).value = 12345;
  added.commit();
  const edited = testInfo.outputPath("plan-edited.xlsx");
  await workbook.xlsx.writeFile(edited);

  await page.getByTestId("open-import").click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a plan file" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/File \(\.xlsx/).setInputFiles(edited);
  await page.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId("import-added")).toContainText("Added in Excel");
  await expect(preview.getByTestId("import-changed")).toContainText(/Budget \(CNY\) ¥[\d,.]+ → ¥333,333.33/);
  await expectAccessible(page);
  await screenshot(page, "import-preview");

  await page.getByRole("button", { name: "Apply all changes" }).click();
  await expect(page.getByTestId("toast")).toContainText("Import applied: 1 added, 1 changed, 0 removed.");
  await expect(page.getByTestId("lines")).toContainText("Added in Excel");
  await expect(page.getByTestId("lines")).toContainText("¥333,333.33");
  await screenshot(page, "import-applied");

  // Another client's plan (the same workbook, saved by a colleague for Lotus Tea): a loud warning, an
  // extra confirmation, and nothing of this campaign offered for change or removal.
  const summary = workbook.getWorksheet("Summary")!;
  summary.eachRow((row) => {
    if (row.getCell(1).value === "campaign.clientName") row.getCell(3).value = "Lotus Tea";
    if (row.getCell(1).value === "campaign.name") row.getCell(3).value = "Lotus Tea spring tasting";
    if (row.getCell(1).value === "campaign.id") row.getCell(3).value = "0b6f7e1c-2d3a-4b5c-8d9e-0f1a2b3c4d5e";
  });
  const otherClient = testInfo.outputPath("lotus-tea.xlsx");
  await workbook.xlsx.writeFile(otherClient);
  await page.getByTestId("open-import").click();
  await page.getByLabel(/File \(\.xlsx/).setInputFiles(otherClient);
  await page.getByRole("button", { name: "Check the file" }).click();
  const warning = page.getByTestId("import-other-source");
  await expect(warning).toContainText("This file is the plan of another client");
  await expect(warning).toContainText("“Lotus Tea spring tasting”, client Lotus Tea");
  await expect(page.getByTestId("import-missing")).toHaveCount(0);
  await expect(page.getByTestId("import-campaign-changes")).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "import-other-client");
  // Apply without the confirmation: the browser asks for it and nothing is sent.
  await page.getByRole("button", { name: "Apply all changes" }).click();
  await expect(warning).toBeVisible();
  expect(await page.getByLabel(/Yes, add the \d+ lines of the other plan/).evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);

  // A broken file gets a clear message and changes nothing (still on the import page).
  await page.getByLabel(/File \(\.xlsx/).setInputFiles(path.join("tests", "fixtures", "malformed", "html-renamed.xlsx"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("file-problem")).toContainText("web page (HTML)");
});
