// The console-error guard of fixtures.ts watches every page of every context without being asked.
import { expect, test } from "./fixtures";

test("errors on pages of other contexts, of browser.newPage and of popups are collected with their page", async ({ browser, consoleErrors }) => {
  const second = await browser.newContext();
  const page = await second.newPage();
  await page.goto("/");
  await Promise.all([page.waitForEvent("pageerror"), page.evaluate(() => setTimeout(() => { throw new Error("thrown in a second context"); }))]);
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.evaluate(() => void window.open("/no-such-page?popup"))]);
  await popup.waitForLoadState();
  await Promise.all([popup.waitForEvent("console"), popup.evaluate(() => console.error("logged in a popup"))]);
  const lone = await browser.newPage();
  await lone.goto("/");
  await Promise.all([lone.waitForEvent("console"), lone.evaluate(() => console.error("logged on browser.newPage"))]);

  const origin = new URL(test.info().project.use.baseURL!).origin;
  expect(consoleErrors).toEqual([
    `${origin}/: uncaught thrown in a second context`,
    `${origin}/no-such-page?popup: logged in a popup`,
    `${origin}/: logged on browser.newPage`,
  ]);
  // Seen and checked here: emptied, so the guard itself passes.
  consoleErrors.length = 0;
  await lone.context().close();
  await second.close();
});

test("the guard fails a test when a page of a second context throws", async ({ browser }) => {
  // The body passes; the guard's check at the end must fail it (a guard that cannot fail is no guard).
  test.fail();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await Promise.all([page.waitForEvent("pageerror"), page.evaluate(() => setTimeout(() => { throw new Error("thrown where nobody asked for consoleErrors"); }))]);
  await context.close();
});
