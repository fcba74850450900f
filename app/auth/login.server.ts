import { findSelf, findUserByEmail, normalizeEmail, updateOwnPassword } from "~/models/user.server";
import { withAuthScope } from "~/models/scope.server";
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from "./password.server";
import { refundLoginAttempt, reserveLoginAttempt } from "./rate-limit.server";
import { createSession, invalidateOtherSessions } from "./session.server";

export type SignInResult =
  | { ok: true; userId: string; token: string }
  | { ok: false; reason: "invalid-credentials" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * Checks the limits before hashing; an unknown e-mail spends the same time as a wrong password and
 * gets the same answer.
 */
export async function signIn(input: { email: string; password: string; ip: string; now?: Date }): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const retryAfterSeconds = await reserveLoginAttempt(input.ip, email, input.now);
  if (retryAfterSeconds !== null) return { ok: false, reason: "rate-limited", retryAfterSeconds };
  const user = await withAuthScope(null, (scope) => findUserByEmail(scope, email));
  const valid = user && !user.disabledAt ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !valid || user.disabledAt) return { ok: false, reason: "invalid-credentials" };
  await refundLoginAttempt(input.ip, email, input.now);
  const { token } = await createSession(user.id, input.now);
  return { ok: true, userId: user.id, token };
}

export { passwordProblem, type PasswordProblem } from "./password.server";

export type ChangePasswordResult =
  | { ok: true; token: string }
  | { ok: false; field: "fields"; fieldErrors: Partial<Record<"currentPassword" | "newPassword", string>> }
  | { ok: false; field: "form"; error: "auth.rateLimited"; retryAfterSeconds: number };

/** Changes the password and ends every other session; the person continues on a fresh token. */
export async function changePassword(input: { userId: string; sessionId: string; currentPassword: string; newPassword: string; ip: string }): Promise<ChangePasswordResult> {
  const self = await withAuthScope(input.userId, (scope) => findSelf(scope));
  if (!self) return { ok: false, field: "fields", fieldErrors: { currentPassword: "validation.currentPasswordWrong" } };
  // A stolen session must not be able to guess the password faster than the login form allows.
  const retryAfterSeconds = await reserveLoginAttempt(input.ip, self.email);
  if (retryAfterSeconds !== null) return { ok: false, field: "form", error: "auth.rateLimited", retryAfterSeconds };
  // Both fields are judged before answering (issue 12: errors all at once, not in rounds).
  const problem = passwordProblem(input.newPassword, self.email);
  const newPasswordError = problem ? { newPassword: `validation.password.${problem}` } : {};
  if (!(await verifyPassword(self.passwordHash, input.currentPassword))) {
    return { ok: false, field: "fields", fieldErrors: { currentPassword: "validation.currentPasswordWrong", ...newPasswordError } };
  }
  await refundLoginAttempt(input.ip, self.email);
  if (problem) return { ok: false, field: "fields", fieldErrors: newPasswordError };
  const passwordHash = await hashPassword(input.newPassword);
  await withAuthScope(input.userId, (scope) => updateOwnPassword(scope, passwordHash));
  await invalidateOtherSessions(input.userId, null);
  const { token } = await createSession(input.userId);
  return { ok: true, token };
}
