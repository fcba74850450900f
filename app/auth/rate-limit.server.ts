import { and, eq, lt, sql } from "drizzle-orm";
import { rateLimitBuckets } from "@db/schema";
import { withAppTransaction } from "~/db.server";

// Targets: 10 failed logins per IP per minute, 100 per account per hour. Counters live in the
// database so every app instance sees the same ones.
export const LOGIN_LIMITS = {
  ip: { max: 10, windowMs: 60_000 },
  account: { max: 100, windowMs: 60 * 60_000 },
} as const;

type Bucket = { key: string; windowStart: Date; windowEnd: Date; max: number };

function buckets(ip: string, email: string, now: Date): Bucket[] {
  const make = (key: string, { max, windowMs }: { max: number; windowMs: number }): Bucket => {
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    return { key, windowStart: new Date(start), windowEnd: new Date(start + windowMs), max };
  };
  return [make(`login-ip:${ip}`, LOGIN_LIMITS.ip), make(`login-account:${email.toLowerCase()}`, LOGIN_LIMITS.account)];
}

/**
 * Counts this attempt before the password is checked, atomically (two parallel requests cannot both
 * slip under the limit), and answers null when it may go ahead, else how many seconds to wait.
 * A successful login gives its attempt back with refundLoginAttempt.
 */
export async function reserveLoginAttempt(ip: string, email: string, now = new Date()): Promise<number | null> {
  const list = buckets(ip, email, now);
  return withAppTransaction({ organizationId: null, userId: null, auth: true }, async (tx) => {
    let wait: number | null = null;
    for (const bucket of list) {
      const [row] = await tx
        .insert(rateLimitBuckets)
        .values({ key: bucket.key, windowStart: bucket.windowStart, count: 1 })
        .onConflictDoUpdate({ target: [rateLimitBuckets.key, rateLimitBuckets.windowStart], set: { count: sql`${rateLimitBuckets.count} + 1` } })
        .returning({ count: rateLimitBuckets.count });
      if (row && row.count > bucket.max) {
        const seconds = Math.max(1, Math.ceil((bucket.windowEnd.getTime() - now.getTime()) / 1000));
        wait = Math.max(wait ?? 0, seconds);
      }
    }
    // Old windows are useless: drop them as we go.
    await tx.delete(rateLimitBuckets).where(lt(rateLimitBuckets.windowStart, new Date(now.getTime() - 2 * LOGIN_LIMITS.account.windowMs)));
    return wait;
  });
}

/** A login that succeeded does not count as a failure. */
export async function refundLoginAttempt(ip: string, email: string, now = new Date()): Promise<void> {
  const list = buckets(ip, email, now);
  await withAppTransaction({ organizationId: null, userId: null, auth: true }, async (tx) => {
    for (const bucket of list) {
      await tx
        .update(rateLimitBuckets)
        .set({ count: sql`greatest(${rateLimitBuckets.count} - 1, 0)` })
        .where(and(eq(rateLimitBuckets.key, bucket.key), eq(rateLimitBuckets.windowStart, bucket.windowStart)));
    }
  });
}
