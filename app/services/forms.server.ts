import { z } from "zod";
import { ORG_ROLES, CLIENT_ROLES } from "~/tenancy/permissions";

// zod schemas for forms, server-side only (keeps zod out of the browser bundle). Messages are i18n keys.
export const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });

export const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, { error: "validation.tooLong" })
  .pipe(z.email({ error: "validation.email" }));

export const passwordField = z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(1024, { error: "validation.password.too-long" });

export const LoginSchema = z.object({
  email: emailField,
  password: passwordField,
  redirectTo: z.string().optional(),
});

export const SignupSchema = z.object({
  email: emailField,
  name: requiredText(120),
  password: passwordField,
  organizationName: requiredText(120),
  kind: z.enum(["agency", "brand"], { error: "validation.choose" }),
});

export const ChangePasswordSchema = z.object({
  currentPassword: passwordField,
  newPassword: passwordField,
});

export const CreateClientSchema = z.object({ name: requiredText(120) });

export const InviteToOrgSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  role: z.enum(["admin", "member"], { error: "validation.choose" }),
});

export const InviteToClientSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  role: z.enum(CLIENT_ROLES, { error: "validation.choose" }),
});

const uuid = z.uuid({ error: "validation.required" });

export const ChangeOrgRoleSchema = z.object({ intent: z.literal("change-role"), userId: uuid, role: z.enum(ORG_ROLES, { error: "validation.choose" }) });
export const ChangeClientRoleSchema = z.object({ intent: z.literal("change-role"), userId: uuid, role: z.enum(CLIENT_ROLES, { error: "validation.choose" }) });
export const RemoveMemberSchema = z.object({ intent: z.literal("remove"), userId: uuid });
export const RevokeInvitationSchema = z.object({ intent: z.literal("revoke"), invitationId: uuid });

export const InviteSignupSchema = z.object({ intent: z.literal("signup"), name: requiredText(120), password: passwordField });
