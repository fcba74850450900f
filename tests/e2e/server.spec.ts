import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { startAppProcess } from "../support/app-process";
import { freePort } from "../support/pg-cluster";

test.describe("the Node server", () => {
  test("HTML responses carry the security headers with a per-response nonce", async ({ request }) => {
    const first = await request.get("/");
    const second = await request.get("/");
    const csp = first.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(csp).not.toEqual(second.headers()["content-security-policy"]);
    expect(first.headers()["x-content-type-options"]).toBe("nosniff");
    expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // The nonce in the header is the one on the page's scripts.
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await first.text()).toContain(`nonce="${nonce}"`);
  });

  test("/healthz answers 200 with the database up", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "up" });
  });

  test("fingerprinted assets are cached for a year, other public files briefly", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const asset = /\/build\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const response = await request.get(asset!);
    expect(response.headers()["cache-control"]).toContain("max-age=31536000");
    expect(response.headers()["cache-control"]).toContain("immutable");
    const favicon = await request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()["cache-control"]).toBe("public, max-age=3600");
  });

  test("responses are compressed when the client accepts it", async ({ request }) => {
    const response = await request.get("/", { headers: { "Accept-Encoding": "gzip" } });
    expect(response.headers()["content-encoding"]).toBe("gzip");
  });

  test("a POST from another site is refused (CSRF)", async ({ request, baseURL }) => {
    const foreignOrigin = await request.post("/set-locale", {
      form: { lng: "zh", redirectTo: "/" },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(foreignOrigin.status()).toBe(403);
    const crossSite = await request.post("/set-locale", {
      form: { lng: "zh", redirectTo: "/" },
      headers: { "Sec-Fetch-Site": "cross-site" },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
    const sameOrigin = await request.post("/set-locale", {
      form: { lng: "zh", redirectTo: "/" },
      headers: { Origin: new URL(baseURL!).origin, "Sec-Fetch-Site": "same-origin" },
      maxRedirects: 0,
    });
    expect(sameOrigin.status()).toBe(302);
  });

  test("an open redirect through the language switch is not possible", async ({ request, baseURL }) => {
    const response = await request.post("/set-locale", {
      form: { lng: "en", redirectTo: "//evil.example/" },
      headers: { Origin: new URL(baseURL!).origin },
      maxRedirects: 0,
    });
    expect(response.headers()["location"]).toBe("/");
  });
});

test.describe("process lifecycle", () => {
  // How long the drain takes is measured by tests/bench/timings.ts; here, what it must do.
  test("SIGTERM drains and exits by itself: code 0, not the forced exit, the database closed without error", async () => {
    const app = await startAppProcess({ port: await freePort(), env: { QIAO_DATA_DIR: "memory://", DATABASE_URL: "" } });
    const { child } = app;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    await expect.poll(() => app.output()).toContain("Qiao is ready");
    child.kill("SIGTERM");
    // The server's own watchdog exits with 1 when the drain does not finish (main.server.ts): 0 means
    // the listener closed, then the database, and the process ended itself (no signal killed it).
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(app.output()).toContain("SIGTERM received: closing");
    expect(app.output()).not.toContain("Error while closing the database");
    expect(app.output()).not.toMatch(/Fatal (uncaughtException|unhandledRejection)/);
  });

  test("a bad environment value stops the server with one clear line", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "app/server/main.server.ts"], {
      env: { ...process.env, PORT: "not-a-port", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid environment: PORT: /);
  });
});
