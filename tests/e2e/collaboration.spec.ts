import { DEMO, expect, expectAccessible, openPlan, person, screenshot, signIn, siteOrigin, test } from "./fixtures";

test("planner, lead planner and client viewer: submit → agency approval → client approval → locked → revision → diff → re-approval", async ({ browser, plan }) => {
  test.setTimeout(120_000);
  const planner = await person(browser, DEMO.planner);
  const lead = await person(browser, DEMO.lead);
  const viewer = await person(browser, DEMO.viewer);

  // The planner works on this test's own plan (it ends approved, so no other test may share it).
  await openPlan(planner, plan);
  const url = planner.url();

  // Live awareness: the lead has the plan open; the planner's edit appears without a reload.
  await lead.goto(url);
  await expect(lead.getByTestId("workflow-status")).toContainText("Draft");
  await planner.getByTestId("line-0").getByRole("button", { name: /^Edit/ }).click();
  const form = planner.getByTestId("line-form-update-line");
  await form.getByLabel("Budget (CNY)").fill("310000");
  await form.getByRole("button", { name: "Save line" }).click();
  await expect(form).toHaveCount(0);
  await expect(lead.getByTestId("live-notice")).toContainText("Wang Wei (planner) just changed this plan", { timeout: 15_000 });
  await expect(lead.getByTestId("line-0")).toContainText("¥310,000.00");
  await expect(planner.getByTestId("viewers")).toContainText("Li Na (lead planner)", { timeout: 15_000 });
  await screenshot(lead, "collab-live");

  // Submit → agency approval (lead) → client approval (viewer).
  await planner.getByRole("button", { name: "Submit for review" }).click();
  await expect(planner.getByTestId("workflow-status")).toContainText("In review");
  await lead.reload();
  await expect(lead.getByTestId("unread-count")).toBeVisible();
  await lead.getByRole("button", { name: "Approve for the agency" }).click();
  // The toast numbers the frozen version as the versions page does (issue 12).
  await expect(lead.getByTestId("toast")).toContainText(/Done: approved for the agency\. Version \d+ is frozen\./);
  const frozenNumber = /Version (\d+) is frozen/.exec((await lead.getByTestId("toast").textContent()) ?? "")![1]!;
  await viewer.goto(url);
  await expect(viewer.getByRole("button", { name: /Edit/ })).toHaveCount(0);
  await viewer.getByRole("button", { name: "Approve for the client" }).click();
  await expect(viewer.getByTestId("workflow-status")).toContainText("Approved");
  await expectAccessible(viewer);
  await screenshot(viewer, "collab-approved");

  // Approved plans are locked; a forged edit is refused.
  await lead.reload();
  await expect(lead.getByTestId("workflow-status")).toContainText("Approved");
  await expect(lead.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  const forged = await lead.request.post(`${url}?index`, { form: { intent: "add-line" }, headers: { Origin: siteOrigin() }, maxRedirects: 0 });
  expect(forged.status()).toBe(409);

  // A revision: a new draft version; the approved one stays readable in the version list.
  await lead.getByRole("button", { name: "Open a revision" }).click();
  await expect(lead.getByTestId("workflow-status")).toContainText("Draft");
  await lead.getByTestId("line-1").getByRole("button", { name: /^Edit/ }).click();
  const leadForm = lead.getByTestId("line-form-update-line");
  await leadForm.getByLabel("Budget (CNY)").fill("200000");
  await leadForm.getByRole("button", { name: "Save line" }).click();
  await expect(leadForm).toHaveCount(0);

  await lead.getByRole("link", { name: "Versions and changes" }).click();
  await expect(lead.getByTestId("versions").locator("li")).toHaveCount(3);
  await expect(lead.getByTestId("versions")).toContainText(`Version ${frozenNumber} · agency approval`);
  await expect(lead.getByTestId("versions").getByRole("link", { name: "Export this version" }).first()).toHaveAttribute("href", /export\.xlsx\?version=/);
  await lead.getByLabel("From").selectOption({ index: 0 });
  await lead.getByLabel("To").selectOption("current");
  await lead.getByRole("button", { name: "Compare" }).click();
  const diff = lead.getByTestId("diff");
  await expect(diff.getByTestId("diff-fields")).toContainText("Budget (CNY)¥180,000.00¥200,000.00");
  await expect(lead.getByTestId("diff-total")).toContainText("+¥20,000.00");
  await expectAccessible(lead);
  await screenshot(lead, "collab-diff");

  // Re-approval: the planner submits the revision, the lead and the client approve again.
  await planner.goto(url);
  await planner.getByRole("button", { name: "Submit for review" }).click();
  await expect(planner.getByTestId("workflow-status")).toContainText("In review");
  await lead.goto(url);
  await lead.getByRole("button", { name: "Approve for the agency" }).click();
  await expect(lead.getByTestId("toast")).toContainText("Done");
  await viewer.goto(url);
  await viewer.getByRole("button", { name: "Approve for the client" }).click();
  await expect(viewer.getByTestId("workflow-status")).toContainText("Approved");

  // The viewer may comment, mentioning the planner; the planner is notified.
  await viewer.getByLabel("Add a comment (mention a teammate with @name)").fill("Thanks @Wang Wei (planner) — approved from HQ.");
  await viewer.getByRole("button", { name: "Post comment" }).click();
  await expect(viewer.getByTestId("comment-thread")).toContainText("approved from HQ");
  await planner.goto("/notifications");
  await expect(planner.getByTestId("notifications")).toContainText("mentioned you");
  await expectAccessible(planner);

  await planner.context().close();
  await lead.context().close();
  await viewer.context().close();
});

test("comments: “@” suggests the team by keyboard; a long word wraps; an over-long comment is refused and kept", async ({ page, plan }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.planner);
  await openPlan(page, plan);
  const threads = page.getByTestId("comment-thread");
  // A plan of its own: no comment yet, and nobody else comments on it meanwhile.
  const threadsBefore = 0;
  await expect(threads).toHaveCount(threadsBefore);

  const box = page.getByLabel("Add a comment (mention a teammate with @name)");
  const suggestions = page.getByRole("listbox", { name: "Teammates to mention" });
  await box.click();
  await box.pressSequentially("Budget OK? @");
  // Everyone on the team but the person typing, alphabetically; the first is active.
  await expect(suggestions.getByRole("option")).toHaveText([/^Li Na \(lead planner\)/, /^Sophie Martin \(client viewer\)/]);
  const activeOption = async () => page.locator(`[id="${await box.getAttribute("aria-activedescendant")}"]`);
  await expect(await activeOption()).toHaveAttribute("aria-selected", "true");
  await expect(await activeOption()).toContainText("Li Na");
  await box.press("ArrowDown");
  await expect(await activeOption()).toContainText("Sophie Martin");
  await box.press("ArrowDown");
  await expect(await activeOption()).toContainText("Li Na");
  await box.press("ArrowUp");
  await expect(await activeOption()).toContainText("Sophie Martin");
  await expectAccessible(page);
  await screenshot(page, "comment-mention-suggestions");
  await box.press("Enter");
  await expect(suggestions).toHaveCount(0);
  await expect(box).toHaveValue("Budget OK? @Sophie Martin (client viewer) ");
  // Typing narrows the list; Enter takes the active one.
  await box.pressSequentially("and @li");
  await expect(suggestions.getByRole("option")).toHaveText([/^Li Na/]);
  await box.press("Enter");
  await expect(box).toHaveValue("Budget OK? @Sophie Martin (client viewer) and @Li Na (lead planner) ");
  // Escape closes the list and leaves the text as typed.
  await box.pressSequentially("cc @");
  await expect(suggestions).toBeVisible();
  await box.press("Escape");
  await expect(suggestions).toHaveCount(0);
  await expect(box).toHaveValue("Budget OK? @Sophie Martin (client viewer) and @Li Na (lead planner) cc @");
  await box.press("Backspace");
  await box.press("Backspace");
  await box.press("Backspace");
  await box.press("Backspace");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(threads).toHaveCount(threadsBefore + 1);
  await expect(threads.last()).toContainText("Budget OK? @Sophie Martin (client viewer) and @Li Na (lead planner)");
  await expect(box).toHaveValue("");

  // One long unbroken word wraps inside its comment instead of stretching the page.
  await box.fill(`Link:${"x".repeat(3000)}`);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(threads).toHaveCount(threadsBefore + 2);
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);

  // Over the limit: refused next to the field with the limit and the length; the text stays.
  const tooLong = "y".repeat(4001);
  await box.fill(tooLong);
  await expect(page.getByTestId("comment-length")).toHaveText("4,001 of at most 4,000 characters");
  await page.getByRole("button", { name: "Post comment" }).click();
  const form = page.getByTestId("new-comment");
  await expect(form.getByText("This is too long: 4,001 characters, at most 4,000. Nothing was cut; shorten it and try again.")).toBeVisible();
  await expect(box).toHaveValue(tooLong);
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(threads).toHaveCount(threadsBefore + 2);
  await page.getByTestId("comments").scrollIntoViewIfNeeded();
  await expectAccessible(page);
  await screenshot(page, "comment-too-long");
});
