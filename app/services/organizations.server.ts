import { randomUUID } from "node:crypto";
import { insertOrganization, type OrganizationKind } from "~/models/organization.server";
import { withTenant } from "~/tenancy/scope.server";

/** Creates an organization; its id is fixed first so row-level security admits the insert. */
export async function createOrganization(input: { name: string; slug: string; kind: OrganizationKind }, userId: string | null = null) {
  const organizationId = randomUUID();
  return withTenant({ organizationId, userId }, (scope) => insertOrganization(scope, input));
}
