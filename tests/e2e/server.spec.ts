import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

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

  test("a POST from another site is refused (CSRF)", async ({ request }) => {
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
      headers: { Origin: "http://localhost:3210", "Sec-Fetch-Site": "same-origin" },
      maxRedirects: 0,
    });
    expect(sameOrigin.status()).toBe(302);
  });

  test("an open redirect through the language switch is not possible", async ({ request }) => {
    const response = await request.post("/set-locale", {
      form: { lng: "en", redirectTo: "//evil.example/" },
      headers: { Origin: "http://localhost:3210" },
      maxRedirects: 0,
    });
    expect(response.headers()["location"]).toBe("/");
  });
});

test.describe("process lifecycle", () => {
  test("SIGTERM ends the server within 5 s", async () => {
    const port = 3290 + test.info().workerIndex;
    const child = spawn(process.execPath, ["--import", "tsx", "app/server/main.server.ts"], {
      env: { ...process.env, PORT: String(port), QIAO_DATA_DIR: "memory://", QIAO_LOG_REQUESTS: "off", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += String(chunk)));
    child.stderr.on("data", (chunk) => (output += String(chunk)));
    await expect.poll(() => output, { timeout: 60_000 }).toContain("Qiao is ready");
    const health = await fetch(`http://localhost:${port}/healthz`);
    expect(health.status).toBe(200);
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    const code = await exited;
    const elapsedMs = Date.now() - started;
    test.info().annotations.push({ type: "shutdown-ms", description: String(elapsedMs) });
    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(5_000);
    expect(output).toContain("SIGTERM received");
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
