// The login page names the demo accounts and their shared password only on the embedded database
// (a local trial, no DATABASE_URL). On a server database the same seeded accounts stay unlisted:
// there the page is public and the list would hand out working credentials.
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { getDatabase, setDatabase } from "~/db.server";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoWorkspace } from "~/services/demo.server";
import { currentDriver } from "./helpers";
import { call } from "./http";

const DRIVERS = ["pglite", "postgres"] as const;
let original: DatabaseHandle | undefined;

/**
 * The app on `driver`: the real handle when this project runs on it, else the same handle under the
 * other driver's name (the login page reads only the name), so each project checks both branches.
 */
function runOn(driver: DatabaseHandle["driver"]): void {
  if (currentDriver() === driver) return;
  original = getDatabase();
  setDatabase({ ...original, driver }, { timeoutMs: 10_000 });
}

afterEach(() => {
  if (original) setDatabase(original, { timeoutMs: 10_000 });
  original = undefined;
});

async function loginPage(): Promise<string> {
  const response = await call("/login");
  expect(response.status).toBe(200);
  return response.text();
}

describe(`demo users on the login page (tests on ${process.env.QIAO_TEST_DRIVER})`, () => {
  it.each(DRIVERS)("on %s with the demo workspace seeded", async (driver) => {
    await seedDemoWorkspace();
    runOn(driver);
    const html = await loginPage();
    expect(html).toContain('name="email"');
    if (driver === "pglite") {
      expect(html).toContain('data-testid="demo-users"');
      for (const user of DEMO_USERS) expect(html).toContain(user.email);
      expect(html).toContain(DEMO_PASSWORD);
    } else {
      expect(html).not.toContain('data-testid="demo-users"');
      for (const user of DEMO_USERS) expect(html).not.toContain(user.email);
      expect(html).not.toContain(DEMO_PASSWORD);
    }
  });

  it("lists nobody on the embedded database when the demo was never seeded", async () => {
    runOn("pglite");
    const html = await loginPage();
    expect(html).not.toContain('data-testid="demo-users"');
    expect(html).not.toContain(DEMO_USERS[0]!.email);
  });

  it("still lets a seeded demo user sign in on a server database (only the listing is withheld)", async () => {
    await seedDemoWorkspace();
    runOn("postgres");
    const response = await call("/login", { form: { email: DEMO_USERS[0]!.email, password: DEMO_PASSWORD } });
    expect(response.status).toBe(302);
  });
});
