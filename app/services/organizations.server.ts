import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "~/db.server";
import { slugify } from "~/domain/slug";
import { recordActivity } from "~/models/activity.server";
import { findClientAccount, insertClientAccount, updateNamingTemplate, upsertClientMember } from "~/models/client-account.server";
import { insertMembership, insertOrganization, type OrganizationKind } from "~/models/organization.server";
import type { Access, ClientAccess } from "~/tenancy/access.server";
import { inScope } from "~/tenancy/access.server";
import { withTenant } from "~/models/scope.server";

/**
 * Creates an organization with its first owner. The id is fixed first so row-level security
 * admits the insert; a taken slug gets a numeric suffix. A brand organization gets one client
 * account: itself.
 */
export async function createOrganization(input: { name: string; kind: OrganizationKind; ownerId?: string | null; slug?: string }) {
  const base = input.slug ?? slugify(input.name);
  for (let attempt = 1; attempt <= 50; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    const organizationId = randomUUID();
    try {
      return await withTenant({ organizationId, userId: input.ownerId ?? null }, async (scope) => {
        const organization = await insertOrganization(scope, { slug, name: input.name.trim(), kind: input.kind });
        if (input.ownerId) await insertMembership(scope, input.ownerId, "owner");
        let clientAccountId: string | null = null;
        if (input.kind === "brand") {
          const client = await insertClientAccount(scope, { name: input.name });
          clientAccountId = client.id;
          if (input.ownerId) await upsertClientMember(scope, client.id, input.ownerId, "lead_planner");
        }
        await recordActivity(scope, { subjectType: "organization", subjectId: organization.id, action: "created", changes: { name: organization.name, kind: organization.kind } });
        return { ...organization, clientAccountId };
      });
    } catch (error) {
      if (!isUniqueViolation(error, "organizations_slug_unique")) throw error;
    }
  }
  throw new Error(`No free slug for organization "${input.name}".`);
}

export async function createClientAccount(access: Access, input: { name: string }) {
  return inScope(access, async (scope) => {
    const client = await insertClientAccount(scope, { name: input.name });
    // The creator leads the new team, so it is never a team without a lead.
    await upsertClientMember(scope, client.id, access.user.id, "lead_planner");
    await recordActivity(scope, { clientAccountId: client.id, subjectType: "client_account", subjectId: client.id, action: "created", changes: { name: client.name } });
    return client;
  });
}

/** The client account's line-naming convention (validated by the caller with validateTemplate). */
export async function setNamingTemplate(access: ClientAccess, template: string) {
  const clientAccountId = access.client.id;
  return inScope(access, async (scope) => {
    const before = await findClientAccount(scope, clientAccountId);
    await updateNamingTemplate(scope, clientAccountId, template);
    await recordActivity(scope, { clientAccountId, subjectType: "client_account", subjectId: clientAccountId, action: "naming_template_changed", changes: { namingTemplate: { from: before?.namingTemplate ?? null, to: template } } });
  });
}
