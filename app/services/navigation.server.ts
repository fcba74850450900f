import { listOrganizationsOfUser } from "~/models/organization.server";
import { withAppTransaction } from "~/db.server";

/** Where a person lands after signing in: their first organization, else the start page. */
export async function homePathFor(userId: string): Promise<string> {
  const organizations = await withAppTransaction({ organizationId: null, userId }, (tx) => listOrganizationsOfUser({ tx, userId }));
  const first = organizations[0];
  return first ? `/o/${first.slug}` : "/account";
}

export async function organizationsOf(userId: string) {
  return withAppTransaction({ organizationId: null, userId }, (tx) => listOrganizationsOfUser({ tx, userId }));
}
