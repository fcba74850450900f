// Test data through the app's own services (house style), plus a signed-in cookie per user.
import { createSession, sessionCookieName } from "~/auth/session.server";
import { withTenant } from "~/models/scope.server";
import { insertMembership } from "~/models/organization.server";
import { insertClientAccount, upsertClientMember } from "~/models/client-account.server";
import { createOrganization } from "~/services/organizations.server";
import type { LineInput } from "~/domain/plan";
import { createUser } from "~/services/signup.server";
import type { ClientRole, OrgRole } from "~/domain/permissions";
import { accessFor } from "./access";

export const PASSWORD = "correct horse battery staple";

let counter = 0;

export type UserFixture = { id: string; email: string; name: string; cookie: string };

export async function makeUser(label = "user"): Promise<UserFixture> {
  counter++;
  const email = `${label}-${counter}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const created = await createUser({ email, name: `${label} ${counter}`, password: PASSWORD, locale: null });
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  const { token } = await createSession(created.userId);
  return { id: created.userId, email, name: `${label} ${counter}`, cookie: `${sessionCookieName()}=${token}` };
}

export type OrgFixture = { id: string; slug: string; owner: UserFixture };

export async function makeOrganization(name = "Agency"): Promise<OrgFixture> {
  const owner = await makeUser("owner");
  const org = await createOrganization({ name, kind: "agency", ownerId: owner.id });
  return { id: org.id, slug: org.slug, owner };
}

export async function addMember(org: OrgFixture, user: UserFixture, role: OrgRole, client?: { id: string; role: ClientRole }) {
  await withTenant({ organizationId: org.id, userId: org.owner.id }, async (scope) => {
    await insertMembership(scope, user.id, role);
    if (client) await upsertClientMember(scope, client.id, user.id, client.role);
  });
}

export type ClientAccountFixture = { id: string; name: string };

export async function makeClientAccount(org: OrgFixture, name = "Brand"): Promise<ClientAccountFixture> {
  return withTenant({ organizationId: org.id, userId: org.owner.id }, async (scope) => {
    const row = await insertClientAccount(scope, { name });
    return { id: row.id, name: row.name };
  });
}

/** A valid line for the test campaigns (March 2027): Douyin in-feed landing in a WeChat mini program. */
export function sampleLine(overrides: Partial<LineInput> = {}): LineInput {
  return {
    name: "",
    placementId: "douyin-infeed",
    destinationId: "wechat-mini-program",
    buyingModel: "ocpm",
    unitCostFen: null,
    budgetFen: 5_000_000,
    startDate: "2027-03-01",
    endDate: "2027-03-31",
    kpiId: "crm-binding-rate",
    kpiTarget: null,
    audienceNotes: "",
    formatNotes: "",
    flightingMode: "even",
    customFlightingFen: null,
    ...overrides,
  };
}

/** An agency with one client account and a planner on its team, and the planner's Access: where most plan tests start. */
export async function makePlannerOnClient(label: string) {
  const org = await makeOrganization(`Agency ${label}`);
  const client = await makeClientAccount(org, `Brand ${label}`);
  const planner = await makeUser("planner");
  await addMember(org, planner, "member", { id: client.id, role: "planner" });
  const access = await accessFor(planner, org.slug, client.id, "client.plan.edit");
  return { org, client, planner, access };
}

/** An agency with one client account and its whole team: a planner, a lead planner and a client viewer. */
export async function makeClientTeam(label: string) {
  const { org, client, planner } = await makePlannerOnClient(label);
  const [lead, viewer] = [await makeUser("lead"), await makeUser("viewer")];
  await addMember(org, lead, "member", { id: client.id, role: "lead_planner" });
  await addMember(org, viewer, "member", { id: client.id, role: "viewer" });
  return { org, client, planner, lead, viewer };
}
