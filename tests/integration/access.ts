import { requireScope, type Access, type ClientAccess } from "~/tenancy/access.server";
import type { ClientPermission, Permission } from "~/domain/permissions";
import { ORIGIN } from "./http";
import type { UserFixture } from "./factories";

/** The Access a signed-in user gets from requireScope, through the real check. */
export async function accessFor(user: UserFixture, orgSlug: string, clientId: string, permission: ClientPermission): Promise<ClientAccess>;
export async function accessFor(user: UserFixture, orgSlug: string, clientId: string | undefined, permission: Permission): Promise<Access>;
export async function accessFor(user: UserFixture, orgSlug: string, clientId: string | undefined, permission: Permission): Promise<Access> {
  const request = new Request(`${ORIGIN}/o/${orgSlug}`, { headers: { Cookie: user.cookie } });
  return requireScope(request, clientId ? { orgSlug, clientId } : { orgSlug }, permission);
}
