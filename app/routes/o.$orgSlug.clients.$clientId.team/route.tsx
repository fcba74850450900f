import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/forms";
import { InviteForm, MembersTable, PendingInvitations } from "~/components/team-management";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { listClientTeam } from "~/models/client-account.server";
import { listOpenInvitations } from "~/models/invitation.server";
import type { loader as rootLoader } from "~/root";
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
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.clientRole ?? "viewer", expiresAt: i.expiresAt.toISOString() })),
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
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? DEFAULT_LOCALE;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to=".." relative="path" className="text-teal-800 underline">
          ← {access.client.name}
        </Link>
      </p>
      <PageTitle>{t("members.teamTitle", { name: access.client.name })}</PageTitle>
      {!canManage ? <p className="text-sm text-slate-600">{t("team.readOnly")}</p> : null}
      <section className="card overflow-x-auto">
        <MembersTable members={team} roles={CLIENT_ROLES} canManage={canManage} currentUserId={userId} error={actionData?.memberError ?? null} />
      </section>
      {canManage ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <InviteForm roles={CLIENT_ROLES} lastResult={actionData?.intent === "invite" ? actionData.result : null} created={actionData?.created ?? null} />
          <PendingInvitations invitations={invitations} canManage locale={locale} />
        </div>
      ) : null}
    </div>
  );
}
