// Why an unknown e-mail takes as long as a wrong password, said without a clock: both run exactly one
// argon2 verification, against a hash made with the same algorithm and cost (memory, iterations,
// lanes), and neither hashes anything else. (The wall-clock medians are in tests/bench/timings.ts.)
// The database side of signIn is replaced by an in-memory user; argon2 is the real one, counted.
import { beforeEach, describe, expect, it, vi } from "vitest";

const argon2Calls = vi.hoisted(() => ({ verify: [] as string[], hash: 0 }));

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: async (hashed: string, password: string) => {
      argon2Calls.verify.push(hashed);
      return real.verify(hashed, password);
    },
    hash: async (...args: Parameters<typeof real.hash>) => {
      argon2Calls.hash++;
      return real.hash(...args);
    },
  };
});

const known = vi.hoisted(() => ({ email: "known@example.com", passwordHash: "" }));
vi.mock("~/models/scope.server", () => ({ withAuthScope: async (_userId: string | null, work: (scope: unknown) => Promise<unknown>) => work({}) }));
vi.mock("~/models/user.server", () => ({
  normalizeEmail: (email: string) => email.trim().toLowerCase(),
  findUserByEmail: async (_scope: unknown, email: string) => (email === known.email ? { id: "user-1", email, passwordHash: known.passwordHash, disabledAt: null } : undefined),
  findSelf: async () => undefined,
  updateOwnPassword: async () => undefined,
}));
vi.mock("~/auth/rate-limit.server", () => ({ reserveLoginAttempt: async () => null, refundLoginAttempt: async () => undefined }));
vi.mock("~/auth/session.server", () => ({ createSession: async () => ({ token: "t", sessionId: "s" }), invalidateOtherSessions: async () => undefined }));

const { hashPassword } = await import("~/auth/password.server");
const { signIn } = await import("~/auth/login.server");

/** "$argon2id$v=19$m=19456,t=2,p=1$salt$hash" → "argon2id v=19 m=19456,t=2,p=1": what sets the cost. */
const costOf = (hashed: string) => hashed.split("$").slice(1, 4).join(" ");

describe("an unknown e-mail and a wrong password do the same work", () => {
  beforeEach(async () => {
    known.passwordHash ||= await hashPassword("the right password");
  });

  it("one argon2id verification each, at the cost of a real account's hash", async () => {
    // The dummy hash is made once, on first use: let that happen before counting.
    await signIn({ email: "warm-up@example.com", password: "x", ip: "192.0.2.1" });
    argon2Calls.verify.length = 0;
    argon2Calls.hash = 0;

    expect(await signIn({ email: known.email, password: "definitely wrong", ip: "192.0.2.1" })).toEqual({ ok: false, reason: "invalid-credentials" });
    const wrongPassword = [...argon2Calls.verify];
    argon2Calls.verify.length = 0;
    expect(await signIn({ email: "nobody@example.com", password: "definitely wrong", ip: "192.0.2.1" })).toEqual({ ok: false, reason: "invalid-credentials" });
    const unknownEmail = [...argon2Calls.verify];

    expect(wrongPassword).toEqual([known.passwordHash]);
    expect(unknownEmail).toHaveLength(1);
    expect(unknownEmail[0]).not.toBe(known.passwordHash);
    // ARGON2 in password.server.ts, written out: argon2id, version 19, 19,456 KiB, 2 passes, 1 lane.
    expect(costOf(unknownEmail[0]!)).toBe("argon2id v=19 m=19456,t=2,p=1");
    expect(costOf(wrongPassword[0]!)).toBe("argon2id v=19 m=19456,t=2,p=1");
    expect(argon2Calls.hash).toBe(0);
  });
});
