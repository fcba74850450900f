import { useLocale, useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { PageTitle } from "~/components/forms";
import { TeamSections, toPendingInvitation } from "~/components/team-management";
import { listClientTeam } from "~/models/client-account.server";
import { listOpenInvitations } from "~/models/invitation.server";
import { handleTeamAction } from "../o.$orgSlug.members/team-action.server";
import { accessView, can, inScope, requireScope } from "~/tenancy/access.server";
import { CLIENT_ROLES } from "~/domain/permissions";

export const meta: MetaFunction = () => [{ title: "Team · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  const clientAccountId = access.client.id;
  const canManage = can(access, "client.team.manage");
  const [team, invitations] = await inScope(access, (scope) =>
    Promise.all([listClientTeam(scope, clientAccountId), canManage ? listOpenInvitations(scope, { clientAccountId }) : Promise.resolve([])]),
  );
  return {
    strings: await routeStrings(request, ["members", "team"]),
    access: accessView(access),
    userId: access.user.id,
    team,
    canManage,
    invitations: invitations.map((i) => toPendingInvitation(i, i.clientRole ?? "viewer")),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.team.manage");
  return handleTeamAction(request, { level: "client", access });
}

export default function ClientTeamPage() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const { access, team, invitations, canManage, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useLocale();
  return (
    <div className="space-y-6">
      <BackLink to="..">{access.client.name}</BackLink>
      <PageTitle>{t("members.teamTitle", { name: access.client.name })}</PageTitle>
      {!canManage ? <p className="text-sm text-slate-600">{t("team.readOnly")}</p> : null}
      <TeamSections members={team} roles={CLIENT_ROLES} inviteRoles={CLIENT_ROLES} canManage={canManage} currentUserId={userId} invitations={invitations} actionData={actionData} locale={locale} />
    </div>
  );
}
