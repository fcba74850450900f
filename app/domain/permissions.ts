// Who may do what: plain data (house style), read by requireScope and by the UI to hide controls.
export const ORG_ROLES = ["owner", "admin", "member"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const CLIENT_ROLES = ["lead_planner", "planner", "viewer"] as const;
export type ClientRole = (typeof CLIENT_ROLES)[number];

export const ORG_PERMISSIONS = [
  "org.view",
  "org.members.manage",
  "org.clients.create",
  "org.catalog.view",
  "org.catalog.manage",
] as const;

export const CLIENT_PERMISSIONS = [
  "client.view",
  "client.comment",
  "client.plan.edit",
  "client.plan.submit",
  "client.plan.approve_agency",
  "client.plan.approve_client",
  "client.team.manage",
] as const;

export type OrgPermission = (typeof ORG_PERMISSIONS)[number];
export type ClientPermission = (typeof CLIENT_PERMISSIONS)[number];
export type Permission = OrgPermission | ClientPermission;

export const ORG_ROLE_PERMISSIONS: Record<OrgRole, readonly OrgPermission[]> = {
  owner: ORG_PERMISSIONS,
  admin: ORG_PERMISSIONS,
  member: ["org.view", "org.catalog.view"],
};

export const CLIENT_ROLE_PERMISSIONS: Record<ClientRole, readonly ClientPermission[]> = {
  lead_planner: ["client.view", "client.comment", "client.plan.edit", "client.plan.submit", "client.plan.approve_agency", "client.team.manage"],
  planner: ["client.view", "client.comment", "client.plan.edit", "client.plan.submit"],
  // The client-side viewer reads, comments and gives the client's approval; never edits.
  viewer: ["client.view", "client.comment", "client.plan.approve_client"],
};

/** Org owners and admins see every client account and act there as lead planners unless given a role. */
export const ADMIN_CLIENT_ROLE: ClientRole = "lead_planner";

export function isClientPermission(permission: Permission): permission is ClientPermission {
  return (CLIENT_PERMISSIONS as readonly string[]).includes(permission);
}

export function isOrgAdmin(role: OrgRole): boolean {
  return role === "owner" || role === "admin";
}

/** The client role that applies: the explicit one, else lead planner for org admins, else none (not on the team). */
export function effectiveClientRole(orgRole: OrgRole, clientRole: ClientRole | null): ClientRole | null {
  return clientRole ?? (isOrgAdmin(orgRole) ? ADMIN_CLIENT_ROLE : null);
}

export function permissionsFor(orgRole: OrgRole, clientRole: ClientRole | null): Set<Permission> {
  const set = new Set<Permission>(ORG_ROLE_PERMISSIONS[orgRole]);
  const role = effectiveClientRole(orgRole, clientRole);
  if (role) for (const permission of CLIENT_ROLE_PERMISSIONS[role]) set.add(permission);
  return set;
}

/** Which roles someone may hand out: nobody grants more than they hold, and only owners make owners. */
export function assignableOrgRoles(actor: OrgRole): OrgRole[] {
  if (actor === "owner") return ["owner", "admin", "member"];
  if (actor === "admin") return ["admin", "member"];
  return [];
}
