import { createOrganization } from "~/services/organizations.server";

export const DEMO_ORGANIZATION_SLUG = "demo-agency";

/** The demo workspace, built through the same services the app uses. */
export async function seedDemoWorkspace(): Promise<{ organizationSlug: string }> {
  const organization = await createOrganization({ name: "Demo Agency", slug: DEMO_ORGANIZATION_SLUG, kind: "agency" });
  return { organizationSlug: organization.slug };
}
