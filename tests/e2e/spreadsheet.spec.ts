import ExcelJS from "exceljs";
import path from "node:path";
import { DEMO, expect, expectAccessible, screenshot, signIn, test } from "./fixtures";

test("export the demo plan, change a budget and add a line in Excel, import, preview, apply", async ({ page, consoleErrors }, testInfo) => {
  void consoleErrors;
  await page.goto("/login");
  await signIn(page, DEMO.lead);
  await page.goto("/o/demo-agency");
  await page.getByRole("link", { name: "Demo Brand" }).click();
  // Work on a copy so other tests keep the demo campaign as seeded.
  await page.getByTestId("campaign-list").getByRole("link", { name: /^Chinese New Year 2027 — Demo Brand skincare launch$/ }).click();
  await page.getByRole("button", { name: "Duplicate", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /\(copy\)$/ })).toBeVisible();

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

  // A broken file gets a clear message and changes nothing.
  await page.getByTestId("open-import").click();
  await page.getByLabel(/File \(\.xlsx/).setInputFiles(path.join("tests", "fixtures", "malformed", "html-renamed.xlsx"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("file-problem")).toContainText("web page (HTML)");
});
