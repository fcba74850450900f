import { listOrganizationsOfUser } from "~/models/organization.server";
import { withUserScope } from "~/models/scope.server";

/** Where a person lands after signing in: their first organization, else the start page. */
export async function homePathFor(userId: string): Promise<string> {
  const first = (await organizationsOf(userId))[0];
  return first ? `/o/${first.slug}` : "/account";
}

export async function organizationsOf(userId: string) {
  return withUserScope(userId, (scope) => listOrganizationsOfUser(scope));
}
