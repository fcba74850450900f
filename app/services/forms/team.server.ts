import { z } from "zod";
import { CLIENT_ROLES, ORG_ROLES } from "~/domain/permissions";
import { emailField } from "./auth.server";
import { intentField, requiredText, uuidField } from "./fields.server";

// The organization's clients and the people on the organization and client teams.

export const CreateClientSchema = z.object({ name: requiredText(120) });

export const InviteToOrgSchema = z.object({
  intent: intentField("invite"),
  email: emailField,
  role: z.enum(["admin", "member"], { error: "validation.choose" }),
});

export const InviteToClientSchema = z.object({
  intent: intentField("invite"),
  email: emailField,
  role: z.enum(CLIENT_ROLES, { error: "validation.choose" }),
});

export const ChangeOrgRoleSchema = z.object({ intent: intentField("change-role"), userId: uuidField, role: z.enum(ORG_ROLES, { error: "validation.choose" }) });
export const ChangeClientRoleSchema = z.object({ intent: intentField("change-role"), userId: uuidField, role: z.enum(CLIENT_ROLES, { error: "validation.choose" }) });
export const RemoveMemberSchema = z.object({ intent: intentField("remove"), userId: uuidField });
export const RevokeInvitationSchema = z.object({ intent: intentField("revoke"), invitationId: uuidField });
