import { z } from "zod";
import { passwordProblem } from "~/auth/password.server";
import { intentField, requiredText, tooLong, whenValid } from "./fields.server";

// Signing in, signing up, joining through an invitation, changing one's password.

export const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, tooLong(254))
  .pipe(z.email({ error: "validation.email" }));

export const passwordField = z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(1024, { error: "validation.password.too-long" });

export const LoginSchema = z.object({
  email: emailField,
  password: passwordField,
  redirectTo: z.string().optional(),
});

/** The strength rules of a new password, checked with the other fields (the services check again before hashing). */
const passwordStrength = (email: () => string | undefined) => (password: string, ctx: { addIssue: (issue: { code: "custom"; message: string; path?: PropertyKey[] }) => void }) => {
  const problem = passwordProblem(password, email());
  if (problem) ctx.addIssue({ code: "custom", message: `validation.password.${problem}` });
};

export const SignupSchema = z
  .object({
    email: emailField,
    name: requiredText(120),
    password: passwordField,
    organizationName: requiredText(120),
    kind: z.enum(["agency", "brand"], { error: "validation.choose" }),
  })
  .superRefine((value, ctx) => {
    // The e-mail only matters for "same as the e-mail"; a wrong e-mail does not hide a weak password.
    const email = typeof value.email === "string" ? value.email : undefined;
    if (typeof value.password === "string") passwordStrength(() => email)(value.password, { addIssue: (issue) => ctx.addIssue({ ...issue, path: ["password"] }) });
  }, whenValid("password"));

export const ChangePasswordSchema = z.object({
  currentPassword: passwordField,
  newPassword: passwordField,
});

/** Joining through an invitation as a newcomer ("same as the e-mail" is left to createUser, which knows the invitation's address). */
export const InviteSignupSchema = z.object({ intent: intentField("signup"), name: requiredText(120), password: passwordField.superRefine(passwordStrength(() => undefined), { when: (payload) => payload.issues.length === 0 }) });
