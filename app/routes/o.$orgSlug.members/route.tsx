import { useLocale, useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/forms";
import { TeamSections, toPendingInvitation } from "~/components/team-management";
import { listOpenInvitations } from "~/models/invitation.server";
import { listOrganizationMembers } from "~/models/user.server";
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
    invitations: invitations.map((i) => toPendingInvitation(i, i.orgRole ?? "member")),
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
  const locale = useLocale();
  return (
    <div className="space-y-6">
      <PageTitle>{t("members.title", { name: access.organization.name })}</PageTitle>
      <TeamSections members={members} roles={assignable} inviteRoles={assignable.filter((r) => r !== "owner")} canManage currentUserId={userId} invitations={invitations} actionData={actionData} locale={locale} />
    </div>
  );
}
