import { passwordProblem } from "~/auth/login.server";
import { hashPassword } from "~/auth/password.server";
import { createSession } from "~/auth/session.server";
import { isUniqueViolation } from "~/db.server";
import { findUserByEmail, insertUser, normalizeEmail } from "~/models/user.server";
import { withAuthScope } from "~/models/scope.server";
import { createOrganization } from "./organizations.server";

export type SignUpInput = { email: string; name: string; password: string; organizationName: string; kind: "agency" | "brand"; locale: string | null };

export type SignUpResult =
  | { ok: true; token: string; organizationSlug: string; userId: string }
  | { ok: false; fieldErrors: Partial<Record<keyof SignUpInput, string>> };

/** Creates the person (password checked and hashed) and then their organization, with them as owner. */
export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const created = await createUser(input);
  if (!created.ok) return created;
  const organization = await createOrganization({ name: input.organizationName, kind: input.kind, ownerId: created.userId });
  const { token } = await createSession(created.userId);
  return { ok: true, token, organizationSlug: organization.slug, userId: created.userId };
}

/** Whether an account already uses this address: told with the form's other errors, not after them (sign-up says so anyway). */
export async function isEmailTaken(email: string): Promise<boolean> {
  return Boolean(await withAuthScope(null, (scope) => findUserByEmail(scope, normalizeEmail(email))));
}

/** The person alone (used by sign-up and by accepting an invitation as a newcomer). */
export async function createUser(input: { email: string; name: string; password: string; locale: string | null }): Promise<
  { ok: true; userId: string } | { ok: false; fieldErrors: Partial<Record<"email" | "password", string>> }
> {
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, email);
  if (problem) return { ok: false, fieldErrors: { password: `validation.password.${problem}` } };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await withAuthScope(null, (scope) => insertUser(scope, { email, name: input.name, passwordHash, locale: input.locale }));
    return { ok: true, userId: user.id };
  } catch (error) {
    if (isUniqueViolation(error, "users_email_unique")) return { ok: false, fieldErrors: { email: "validation.emailTaken" } };
    throw error;
  }
}
