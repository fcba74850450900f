import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { ColumnHeads } from "./column-heads";
import { ErrorList, SelectField, TextField } from "./forms";
import { PostButton } from "./post-button";

export type TeamRow = { id: string; name: string; email: string; role: string };
export type PendingInvitation = { id: string; email: string; role: string; expiresAt: string };

/** An open invitation as the pending list shows it; `role` is the role it grants (in the organization or the client team). */
export function toPendingInvitation(invitation: { id: string; email: string; expiresAt: Date }, role: string): PendingInvitation {
  return { id: invitation.id, email: invitation.email, role, expiresAt: invitation.expiresAt.toISOString() };
}

/** Members with their roles; role changes and removal when the viewer may manage the team. */
export function MembersTable({
  members,
  roles,
  canManage,
  currentUserId,
  error,
}: {
  members: TeamRow[];
  roles: readonly string[];
  canManage: boolean;
  currentUserId: string;
  error?: { userId: string; message: string } | null;
}) {
  const { t } = useTranslation();
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-slate-600">
        <ColumnHeads
          cellClassName="py-2 pr-3 font-medium"
          columns={[{ label: t("members.name") }, { label: t("members.email") }, { label: t("members.role") }, canManage && { label: t("members.actions"), className: "py-2 font-medium" }]}
        />
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.id} className="border-b border-slate-100 align-top" data-testid={`member-${member.email}`}>
            <td className="py-2 pr-3 [overflow-wrap:anywhere]">
              {member.name} {member.id === currentUserId ? <span className="text-slate-500">{t("members.you")}</span> : null}
            </td>
            <td className="py-2 pr-3 [overflow-wrap:anywhere]">{member.email}</td>
            <td className="py-2 pr-3">
              {canManage ? (
                <Form method="post" className="flex items-center gap-2">
                  <input type="hidden" name="intent" value="change-role" />
                  <input type="hidden" name="userId" value={member.id} />
                  <label className="sr-only" htmlFor={`role-${member.id}`}>
                    {t("members.changeRole")} — {member.name}
                  </label>
                  <select id={`role-${member.id}`} name="role" defaultValue={member.role} className="rounded-md border border-slate-300 bg-white px-2 py-1">
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {t(`roles.${role}`)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="btn-secondary">
                    {t("members.saveRole")}
                  </button>
                </Form>
              ) : (
                t(`roles.${member.role}`)
              )}
              {error?.userId === member.id ? <ErrorList errors={[error.message]} /> : null}
            </td>
            {canManage ? (
              <td className="py-2">
                <PostButton values={{ intent: "remove", userId: member.id }} label={t("members.remove")} subject={member.name} className="btn-secondary text-red-800" />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function InviteForm({
  roles,
  lastResult,
  created,
}: {
  roles: readonly string[];
  lastResult?: SubmissionResult<string[]> | null;
  created?: { email: string; link: string } | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ email: string; role: string }>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", id: "invite", lastResult: lastResult ?? undefined, defaultValue: { role: roles[roles.length > 1 ? 1 : 0] } });
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title" className="text-lg font-semibold">
        {t("members.invite")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <input type="hidden" name="intent" value="invite" />
        <TextField meta={fields.email} label={t("members.inviteEmail")} type="email" />
        <SelectField meta={fields.role} label={t("members.inviteRole")} options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        <button type="submit" className="btn-primary">
          {t("members.submitInvite")}
        </button>
      </Form>
      {created ? (
        <div className="mt-4 rounded-md border border-teal-700 bg-teal-50 p-3 text-sm" role="status">
          <p>{t("members.invitationCreated", { email: created.email })}</p>
          <label htmlFor="invitation-link" className="mt-2 block font-medium">
            {t("members.invitationLink")}
          </label>
          <input id="invitation-link" readOnly value={created.link} className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
    </section>
  );
}

export function PendingInvitations({ invitations, canManage, locale }: { invitations: PendingInvitation[]; canManage: boolean; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 id="pending-title" className="text-lg font-semibold">
        {t("members.pendingTitle")}
      </h2>
      {invitations.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("members.noPending")}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="flex items-center justify-between gap-2 py-2">
              <span>
                {invitation.email} · {t(`roles.${invitation.role}`)} · {t("members.expires", { date: formatDate(invitation.expiresAt.slice(0, 10), locale) })}
              </span>
              {canManage ? <PostButton values={{ intent: "revoke", invitationId: invitation.id }} label={t("members.revoke")} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What a team action answers (`handleTeamAction`): the invite form's reply, a member's error, a new invitation's link. */
export type TeamActionData = {
  intent?: unknown;
  result?: SubmissionResult<string[]> | null;
  memberError?: { userId: string; message: string } | null;
  created?: { email: string; link: string } | null;
};

/** The members page and a client's team page: the team, and for those who manage it the invite form and open invitations. */
export function TeamSections({
  members,
  roles,
  inviteRoles,
  canManage,
  currentUserId,
  invitations,
  actionData,
  locale,
}: {
  members: TeamRow[];
  roles: readonly string[];
  inviteRoles: readonly string[];
  canManage: boolean;
  currentUserId: string;
  invitations: PendingInvitation[];
  actionData: TeamActionData | undefined;
  locale: Locale;
}) {
  return (
    <>
      <section className="card overflow-x-auto">
        <MembersTable members={members} roles={roles} canManage={canManage} currentUserId={currentUserId} error={actionData?.memberError ?? null} />
      </section>
      {canManage ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <InviteForm roles={inviteRoles} lastResult={actionData?.intent === "invite" ? actionData.result : null} created={actionData?.created ?? null} />
          <PendingInvitations invitations={invitations} canManage locale={locale} />
        </div>
      ) : null}
    </>
  );
}
