// Sessions (ASVS V7, Lucia's current design): the cookie carries "<id>.<secret>", the database only
// the SHA-256 of the secret; a new token at every login; logout deletes the session; sliding expiry
// inside a 30-day absolute lifetime; a password change ends the other sessions; cookie flags, with
// Secure and the __Host- prefix when the public URL is https.
import type { ServerBuild } from "@remix-run/node";
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { queryRows, sql } from "@db/client";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, createSession, sessionCookieName, validateSessionToken } from "~/auth/session.server";
import { generateSecureRandomString } from "~/auth/tokens.server";
import { getDatabase } from "~/db.server";
import { isHttps, parseEnv } from "~/env.server";
import { makeUser, PASSWORD } from "./factories";
import { call, ORIGIN, requestHandler } from "./http";
import { databaseContents } from "./route-policy";

const DAY = 24 * 60 * 60 * 1000;
const NEW_PASSWORD = "a brand new passphrase for 2026";

type SessionRow = { id: string; secret_hash: string; user_id: string; expires_at: Date | string; absolute_expires_at: Date | string; created_at: Date | string };

async function sessionRows(userId?: string): Promise<SessionRow[]> {
  const { db } = getDatabase();
  return userId
    ? queryRows<SessionRow>(db, sql`select * from sessions where user_id = ${userId} order by created_at`)
    : queryRows<SessionRow>(db, sql`select * from sessions order by created_at`);
}

const time = (value: Date | string) => new Date(value).getTime();

/** The session cookie a response sets: its token and its attributes. */
function sessionSetCookie(response: Response, name = "qiao_session") {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!header) throw new Error(`No ${name} cookie in ${JSON.stringify(response.headers.getSetCookie())}`);
  const [pair, ...attributes] = header.split(";").map((part) => part.trim());
  return { header, token: pair!.slice(name.length + 1), attributes, cookie: pair! };
}

async function logIn(email: string, password = PASSWORD, ip = "198.51.100.7") {
  const response = await call("/login", { form: { email, password }, ip });
  expect(response.status, "login answers with a redirect").toBe(302);
  return sessionSetCookie(response);
}

async function isSignedIn(cookie: string): Promise<boolean> {
  const response = await call("/account", { cookie });
  if (response.status === 200) return true;
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
  return false;
}

describe("session tokens", () => {
  it("stores only the SHA-256 (hex) of the secret: the secret appears nowhere in the database", async () => {
    const user = await makeUser("hash");
    const { token } = await logIn(user.email);
    const [id, secret] = token.split(".");
    expect(id).toMatch(/^[a-z2-7]{24}$/);
    expect(secret).toMatch(/^[a-z2-7]{24}$/);
    const [row] = (await sessionRows(user.id)).filter((r) => r.id === id);
    expect(row).toBeDefined();
    expect(row!.secret_hash).toBe(createHash("sha256").update(secret!).digest("hex"));
    expect(JSON.stringify(await sessionRows())).not.toContain(secret);
    expect(JSON.stringify(await databaseContents())).not.toContain(secret);
  });

  it("issues a new token at every login, also when the browser presents an old one (no fixation)", async () => {
    const user = await makeUser("relogin");
    const first = await logIn(user.email);
    const second = await logIn(user.email);
    const presented = await call("/login", { form: { email: user.email, password: PASSWORD }, cookie: first.cookie, ip: "198.51.100.8" });
    const third = sessionSetCookie(presented);
    const tokens = [first.token, second.token, third.token];
    expect(new Set(tokens).size).toBe(3);
    expect(new Set(tokens.map((t) => t.split(".")[0])).size).toBe(3);
    expect(new Set(tokens.map((t) => t.split(".")[1])).size).toBe(3);
    const ids = (await sessionRows(user.id)).map((r) => r.id);
    for (const token of tokens) expect(ids).toContain(token.split(".")[0]);
  });

  it("measures the cookie token: secret = 24 base32 chars = 120 random bits (every bit varies), whole token id+secret = 240 bits ≥ 128", async () => {
    const user = await makeUser("entropy");
    const { token } = await logIn(user.email);
    const [id, secret] = token.split(".");
    const bitsOf = (part: string) => part.length * Math.log2(32);
    expect(bitsOf(secret!)).toBeGreaterThanOrEqual(120);
    expect(bitsOf(id!) + bitsOf(secret!)).toBeGreaterThanOrEqual(128);
    expect(bitsOf(id!) + bitsOf(secret!)).toBe(240);

    // The generator behind both parts: 2,000 draws, all distinct, each of the 120 bit positions set
    // about half of the time (a stuck or biased bit would cut the entropy).
    const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    const draws = Array.from({ length: 2000 }, () => generateSecureRandomString());
    expect(new Set(draws).size).toBe(draws.length);
    const ones = new Array<number>(120).fill(0);
    for (const draw of draws) {
      expect(draw).toMatch(/^[a-z2-7]{24}$/);
      [...draw].forEach((char, i) => {
        const value = alphabet.indexOf(char);
        for (let bit = 0; bit < 5; bit++) if ((value >> (4 - bit)) & 1) ones[i * 5 + bit]!++;
      });
    }
    const frequencies = ones.map((n) => n / draws.length);
    expect(Math.min(...frequencies)).toBeGreaterThan(0.44);
    expect(Math.max(...frequencies)).toBeLessThan(0.56);
    console.log(`session token: secret ${bitsOf(secret!)} bits, id ${bitsOf(id!)} bits, token ${bitsOf(id!) + bitsOf(secret!)} bits; bit frequencies ${Math.min(...frequencies).toFixed(3)}–${Math.max(...frequencies).toFixed(3)} over ${draws.length} draws`);
  });
});

describe("logout", () => {
  it("deletes the session on the server, clears the cookie, and the old cookie then gets the login redirect", async () => {
    const user = await makeUser("logout");
    const { token, cookie } = await logIn(user.email);
    expect(await isSignedIn(cookie)).toBe(true);
    const response = await call("/logout", { method: "POST", form: {}, cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    const cleared = sessionSetCookie(response);
    expect(cleared.token).toBe("");
    expect(cleared.attributes).toContain("Max-Age=0");
    expect((await sessionRows(user.id)).map((r) => r.id)).not.toContain(token.split(".")[0]);
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("GET /logout changes nothing", async () => {
    const user = await makeUser("logout-get");
    const { cookie } = await logIn(user.email);
    const before = await sessionRows(user.id);
    const response = await call("/logout", { cookie });
    expect(response.status).toBe(302);
    expect(await sessionRows(user.id)).toEqual(before);
    expect(await isSignedIn(cookie)).toBe(true);
  });
});

describe("expiry", () => {
  it("slides the idle expiry once half of it has passed, and ends an idle session", async () => {
    const user = await makeUser("sliding");
    const t0 = new Date();
    const { token, sessionId } = await createSession(user.id, t0);
    const row = async () => (await sessionRows(user.id)).find((r) => r.id === sessionId);
    expect(time((await row())!.expires_at)).toBe(t0.getTime() + SESSION_IDLE_MS);

    // Less than half the idle time gone: no write.
    const early = await validateSessionToken(token, new Date(t0.getTime() + 1 * DAY));
    expect(early?.expiresAt.getTime()).toBe(t0.getTime() + SESSION_IDLE_MS);
    expect(time((await row())!.expires_at)).toBe(t0.getTime() + SESSION_IDLE_MS);

    // More than half gone: extended to a full idle period from now.
    const later = new Date(t0.getTime() + 4 * DAY);
    const extended = await validateSessionToken(token, later);
    expect(extended?.expiresAt.getTime()).toBe(later.getTime() + SESSION_IDLE_MS);
    expect(time((await row())!.expires_at)).toBe(later.getTime() + SESSION_IDLE_MS);

    // Then left alone past the idle expiry: gone.
    expect(await validateSessionToken(token, new Date(later.getTime() + SESSION_IDLE_MS))).toBeNull();
    expect(await row()).toBeUndefined();
  });

  it("ends a session after its absolute lifetime (30 days) even when it is used every day", async () => {
    expect(SESSION_ABSOLUTE_MS).toBeLessThanOrEqual(30 * DAY);
    const user = await makeUser("absolute");
    const t0 = new Date();
    const { token, sessionId } = await createSession(user.id, t0);
    const [row] = (await sessionRows(user.id)).filter((r) => r.id === sessionId);
    expect(time(row!.absolute_expires_at) - time(row!.created_at)).toBe(SESSION_ABSOLUTE_MS);
    let lastValidDay = 0;
    for (let day = 1; day <= 31; day++) {
      const session = await validateSessionToken(token, new Date(t0.getTime() + day * DAY));
      if (!session) break;
      expect(session.expiresAt.getTime()).toBeLessThanOrEqual(t0.getTime() + SESSION_ABSOLUTE_MS);
      lastValidDay = day;
    }
    expect(lastValidDay).toBe(29);
    expect(await validateSessionToken(token, new Date(t0.getTime() + SESSION_ABSOLUTE_MS - 1))).toBeNull();
    expect((await sessionRows(user.id)).map((r) => r.id)).not.toContain(sessionId);
  });

  it("ends the sessions of a disabled account", async () => {
    const user = await makeUser("disabled");
    const { cookie, token } = await logIn(user.email);
    await getDatabase().db.execute(sql`update users set disabled_at = now() where id = ${user.id}`);
    expect(await isSignedIn(cookie)).toBe(false);
    expect((await sessionRows(user.id)).map((r) => r.id)).not.toContain(token.split(".")[0]);
  });
});

describe("password change", () => {
  it("ends every other session and keeps the person signed in on a new cookie", async () => {
    const user = await makeUser("password");
    const here = await logIn(user.email);
    const elsewhere = await logIn(user.email, PASSWORD, "198.51.100.20");
    const response = await call("/account", { form: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, cookie: here.cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account");
    const fresh = sessionSetCookie(response);
    expect([here.token, elsewhere.token, user.cookie.split("=")[1]]).not.toContain(fresh.token);

    expect(await isSignedIn(elsewhere.cookie)).toBe(false);
    expect(await isSignedIn(user.cookie)).toBe(false);
    expect(await isSignedIn(here.cookie)).toBe(false);
    expect(await isSignedIn(fresh.cookie)).toBe(true);
    expect((await sessionRows(user.id)).map((r) => r.id)).toEqual([fresh.token.split(".")[0]]);

    expect((await call("/login", { form: { email: user.email, password: PASSWORD }, ip: "198.51.100.21" })).status).toBe(400);
    await logIn(user.email, NEW_PASSWORD, "198.51.100.22");
  });

  it("with a wrong current password changes nothing and ends no session", async () => {
    const user = await makeUser("password-wrong");
    const here = await logIn(user.email);
    const before = await sessionRows(user.id);
    const response = await call("/account", { form: { currentPassword: "not my password at all", newPassword: NEW_PASSWORD }, cookie: here.cookie });
    expect(response.status).toBe(400);
    expect(await sessionRows(user.id)).toEqual(before);
    expect(await isSignedIn(user.cookie)).toBe(true);
  });
});

describe("cookie flags", () => {
  it("over http: qiao_session; HttpOnly; SameSite=Lax; Path=/; no Secure; at most 30 days", async () => {
    expect(process.env.PUBLIC_URL ?? "", "these tests assume an http public URL").not.toMatch(/^https:/);
    const user = await makeUser("flags");
    const { attributes } = await logIn(user.email);
    expect(attributes).toContain("HttpOnly");
    expect(attributes).toContain("SameSite=Lax");
    expect(attributes).toContain("Path=/");
    expect(attributes.some((a) => /^secure$/i.test(a))).toBe(false);
    expect(attributes.some((a) => /^domain=/i.test(a))).toBe(false);
    const maxAge = Number(attributes.find((a) => a.startsWith("Max-Age="))?.slice("Max-Age=".length));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(30 * 24 * 60 * 60);
    expect(sessionCookieName()).toBe("qiao_session");
  });

  it("parses PUBLIC_URL: https switches the cookie to Secure + __Host-, http does not", () => {
    expect(isHttps(parseEnv({ PUBLIC_URL: "https://qiao.example" }))).toBe(true);
    expect(isHttps(parseEnv({ PUBLIC_URL: "http://qiao.example" }))).toBe(false);
    expect(isHttps(parseEnv({}))).toBe(false);
  });

  // getEnv() parses process.env once and caches it, so setting PUBLIC_URL now would not reach the
  // module instances already loaded. A fresh instance (reset module registry) reads it for real.
  it("with PUBLIC_URL=https://…: the cookie helpers name it __Host-qiao_session and add Secure (fresh module instance)", async () => {
    vi.stubEnv("PUBLIC_URL", "https://qiao.example");
    vi.resetModules();
    try {
      const fresh = await import("~/auth/session.server");
      expect(fresh.sessionCookieName()).toBe("__Host-qiao_session");
      const attributes = fresh.sessionCookie("abc.def").split(";").map((a) => a.trim());
      expect(attributes[0]).toBe("__Host-qiao_session=abc.def");
      expect(attributes).toEqual(expect.arrayContaining(["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]));
      // __Host- requires Secure, Path=/ and no Domain.
      expect(attributes.some((a) => /^domain=/i.test(a))).toBe(false);
      expect(fresh.clearedSessionCookie().split(";").map((a) => a.trim())).toEqual(expect.arrayContaining(["__Host-qiao_session=", "Secure", "Max-Age=0"]));
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it("with PUBLIC_URL=https://…: the built app sets __Host-qiao_session with Secure at login and reads only that name (fresh build instance)", async () => {
    const user = await makeUser("https");
    vi.stubEnv("PUBLIC_URL", "https://qiao.example");
    try {
      const url = pathToFileURL(path.resolve("build/index.js"));
      url.search = `?https=${Date.now()}`;
      const build = (await import(url.href)) as ServerBuild;
      const handler = requestHandler(build);
      const send = (pathname: string, init: { form?: Record<string, string>; cookie?: string } = {}) => {
        const headers = new Headers();
        if (init.cookie) headers.set("Cookie", init.cookie);
        if (init.form) headers.set("Content-Type", "application/x-www-form-urlencoded");
        const request = new Request(new URL(pathname, ORIGIN), { method: init.form ? "POST" : "GET", headers, body: init.form ? new URLSearchParams(init.form) : undefined, redirect: "manual" });
        return handler(request, { cspNonce: "test", clientIp: "198.51.100.30" });
      };
      const login = await send("/login", { form: { email: user.email, password: PASSWORD } });
      expect(login.status).toBe(302);
      const { attributes, token } = sessionSetCookie(login, "__Host-qiao_session");
      expect(attributes).toEqual(expect.arrayContaining(["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]));
      expect(attributes.some((a) => /^domain=/i.test(a))).toBe(false);
      expect((await send("/account", { cookie: `__Host-qiao_session=${token}` })).status).toBe(200);
      // The unprefixed name (settable by a sibling subdomain or over http) is not read.
      expect((await send("/account", { cookie: `qiao_session=${token}` })).status).toBe(302);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
