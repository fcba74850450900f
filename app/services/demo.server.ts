import { recordActivity } from "~/models/activity.server";
import { insertClientAccount, upsertClientMember } from "~/models/client-account.server";
import { insertMembership } from "~/models/organization.server";
import type { ClientAccess } from "~/tenancy/access.server";
import { permissionsFor, type ClientRole, type OrgRole } from "~/domain/permissions";
import { seedDemoCampaign } from "./demo-plan.server";
import { withTenant } from "~/models/scope.server";
import { createOrganization } from "./organizations.server";
import { createUser } from "./signup.server";

export const DEMO_ORGANIZATION_SLUG = "demo-agency";
export const DEMO_PASSWORD = "qiao-demo-2026";

export const DEMO_USERS: { email: string; name: string; orgRole: OrgRole; clientRole: ClientRole | null; label: string }[] = [
  { email: "lead@qiao-demo.example", name: "Li Na (lead planner)", orgRole: "member", clientRole: "lead_planner", label: "lead planner" },
  { email: "planner@qiao-demo.example", name: "Wang Wei (planner)", orgRole: "member", clientRole: "planner", label: "planner" },
  { email: "viewer@qiao-demo.example", name: "Sophie Martin (client viewer)", orgRole: "member", clientRole: "viewer", label: "client viewer" },
  { email: "admin@qiao-demo.example", name: "Demo Admin", orgRole: "owner", clientRole: null, label: "agency owner" },
];

export type DemoWorkspace = { organizationSlug: string; clientAccountId: string; campaignId: string; users: typeof DEMO_USERS; password: string };

/** The lead planner's access to the demo client, as requireScope would give it after signing in. */
function demoAccess(user: { id: string; email: string; name: string }, organization: { id: string; slug: string; name: string }, client: { id: string; name: string }): ClientAccess {
  return {
    user: { ...user, locale: null },
    sessionId: "demo-seed",
    organization: { ...organization, kind: "agency" },
    orgRole: "member",
    client: { ...client, namingTemplate: "{client}_{ecosystem}_{placement}_{objective}_{yyyymm}" },
    clientRole: "lead_planner",
    permissions: permissionsFor("member", "lead_planner"),
  };
}

/** The demo workspace, built through the same services and models the app uses. */
export async function seedDemoWorkspace(): Promise<DemoWorkspace> {
  const ids = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const created = await createUser({ email: user.email, name: user.name, password: DEMO_PASSWORD, locale: null });
    if (!created.ok) throw new Error(`Demo user ${user.email} could not be created: ${JSON.stringify(created.fieldErrors)}`);
    ids.set(user.email, created.userId);
  }
  const owner = DEMO_USERS.find((u) => u.orgRole === "owner")!;
  const organization = await createOrganization({ name: "Demo Agency", slug: DEMO_ORGANIZATION_SLUG, kind: "agency", ownerId: ids.get(owner.email)! });
  const clientAccountId = await withTenant({ organizationId: organization.id, userId: ids.get(owner.email)! }, async (scope) => {
    const client = await insertClientAccount(scope, { name: "Demo Brand", namingTemplate: "{client}_{ecosystem}_{placement}_{objective}_{yyyymm}" });
    for (const user of DEMO_USERS) {
      const userId = ids.get(user.email)!;
      if (user.orgRole !== "owner") await insertMembership(scope, userId, user.orgRole);
      if (user.clientRole) await upsertClientMember(scope, client.id, userId, user.clientRole);
    }
    await recordActivity(scope, { clientAccountId: client.id, subjectType: "client_account", subjectId: client.id, action: "created", changes: { name: client.name } });
    return client.id;
  });
  const lead = DEMO_USERS.find((u) => u.clientRole === "lead_planner")!;
  const campaignId = await seedDemoCampaign(
    demoAccess({ id: ids.get(lead.email)!, email: lead.email, name: lead.name }, organization, { id: clientAccountId, name: "Demo Brand" }),
  );
  return { organizationSlug: organization.slug, clientAccountId, campaignId, users: DEMO_USERS, password: DEMO_PASSWORD };
}
