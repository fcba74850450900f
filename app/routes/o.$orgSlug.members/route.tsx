import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/forms";
import { InviteForm, MembersTable, PendingInvitations } from "~/components/team-management";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { listOpenInvitations } from "~/models/invitation.server";
import { listOrganizationMembers } from "~/models/user.server";
import type { loader as rootLoader } from "~/root";
import { handleTeamAction } from "./team-action.server";
import { accessView, inScope, requireScope } from "~/tenancy/access.server";
import { assignableOrgRoles } from "~/domain/permissions";

export const meta: MetaFunction = () => [{ title: "Members · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "org.members.manage");
  const [members, invitations] = await inScope(access, (scope) =>
    Promise.all([listOrganizationMembers(scope), listOpenInvitations(scope, { clientAccountId: null })]),
  );
  return {
    strings: await routeStrings(request, ["members", "team"]),
    access: accessView(access),
    userId: access.user.id,
    members,
    assignable: assignableOrgRoles(access.orgRole),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.orgRole ?? "member", expiresAt: i.expiresAt.toISOString() })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "org.members.manage");
  return handleTeamAction(request, { level: "organization", access });
}

export default function MembersPage() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const { access, members, invitations, assignable, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? DEFAULT_LOCALE;
  return (
    <div className="space-y-6">
      <PageTitle>{t("members.title", { name: access.organization.name })}</PageTitle>
      <section className="card overflow-x-auto">
        <MembersTable members={members} roles={assignable} canManage currentUserId={userId} error={actionData?.memberError ?? null} />
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <InviteForm roles={assignable.filter((r) => r !== "owner")} lastResult={actionData?.intent === "invite" ? actionData.result : null} created={actionData?.created ?? null} />
        <PendingInvitations invitations={invitations} canManage locale={locale} />
      </div>
    </div>
  );
}
