import { redirect } from "@remix-run/node";
import { and, eq, ne } from "drizzle-orm";
import { sessions, users } from "@db/schema";
import type { Transaction } from "@db/client";
import { withAppTransaction } from "~/db.server";
import { isHttps } from "~/env.server";
import { generateSecureRandomString, hashSecret, secretsMatch } from "./tokens.server";

// Sliding expiry (idle timeout) inside an absolute lifetime (targets: ≤ 30 days).
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;

export type SessionUser = { id: string; email: string; name: string; locale: string | null };
export type ValidSession = { id: string; expiresAt: Date; absoluteExpiresAt: Date; user: SessionUser };

export function sessionCookieName(): string {
  return isHttps() ? "__Host-qiao_session" : "qiao_session";
}

function cookieAttributes(maxAgeSeconds: number): string {
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${isHttps() ? "; Secure" : ""}`;
}

export function sessionCookie(token: string): string {
  return `${sessionCookieName()}=${token}; ${cookieAttributes(Math.floor(SESSION_ABSOLUTE_MS / 1000))}`;
}

export function clearedSessionCookie(): string {
  return `${sessionCookieName()}=; ${cookieAttributes(0)}`;
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

/** A new session for a login: a new token every time (no fixation). Returns the cookie token. */
export async function createSession(userId: string, now = new Date()): Promise<{ token: string; sessionId: string }> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  await withAppTransaction({ organizationId: null, userId, auth: true }, (tx) =>
    tx.insert(sessions).values({
      id,
      secretHash: hashSecret(secret),
      userId,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      createdAt: now,
    }),
  );
  return { token: `${id}.${secret}`, sessionId: id };
}

/** The session behind a cookie token, or null; extends the idle expiry when half of it has passed. */
export async function validateSessionToken(token: string, now = new Date()): Promise<ValidSession | null> {
  const parts = parseSessionToken(token);
  if (!parts) return null;
  return withAppTransaction({ organizationId: null, userId: null, auth: true }, (tx) => validateSessionIn(tx, parts, now));
}

export type SessionTokenParts = { id: string; secret: string };

/** A cookie token's id and secret, or null when it cannot be one (then no query is sent). */
export function parseSessionToken(token: string): SessionTokenParts | null {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  return { id, secret };
}

/**
 * The same check inside a transaction that is in auth mode (app.auth on): the request's identity step
 * (getRequestContext in tenancy/access.server.ts) goes on from here to the person's memberships in the
 * same transaction.
 */
export async function validateSessionIn(tx: Transaction, { id, secret }: SessionTokenParts, now = new Date()): Promise<ValidSession | null> {
  const [row] = await tx
    .select({
      id: sessions.id,
      secretHash: sessions.secretHash,
      expiresAt: sessions.expiresAt,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row || !secretsMatch(row.secretHash, secret)) return null;
  if (row.disabledAt || now >= row.expiresAt || now >= row.absoluteExpiresAt) {
    await tx.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = row.expiresAt;
  if (row.expiresAt.getTime() - now.getTime() < SESSION_IDLE_MS / 2) {
    expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, row.absoluteExpiresAt.getTime()));
    await tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  }
  return {
    id: row.id,
    expiresAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
    user: { id: row.userId, email: row.email, name: row.name, locale: row.locale },
  };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await withAppTransaction({ organizationId: null, userId: null, auth: true }, (tx) => tx.delete(sessions).where(eq(sessions.id, sessionId)));
}

/** Ends every session of a user except (optionally) the one in use. */
export async function invalidateOtherSessions(userId: string, keepSessionId: string | null): Promise<void> {
  await withAppTransaction({ organizationId: null, userId, auth: true }, (tx) =>
    tx.delete(sessions).where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId)),
  );
}

export function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}
