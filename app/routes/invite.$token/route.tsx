import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sessionCookie } from "~/auth/session.server";
import { getSession } from "~/tenancy/access.server";
import { NewPasswordField } from "~/components/auth-form";
import { FormErrors, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/locale.server";
import { findUserByEmail } from "~/models/user.server";
import { InviteSignupSchema } from "~/services/forms/auth.server";
import { acceptInvitation, getInvitationByToken, signUpWithInvitation } from "~/services/invitations.server";
import { withAuthScope } from "~/models/scope.server";
import { toastHeader } from "~/toast.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Qiao 桥" }];

// Public route: the token in the URL is the credential; nothing changes on GET.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const invitation = await getInvitationByToken(params.token ?? "");
  const strings = await routeStrings(request, ["auth", "invite"]);
  if (!invitation || invitation.state !== "open") return data({ strings, invitation: null, signedInAs: session?.user.email ?? null, hasAccount: false }, { status: 410 });
  const hasAccount = Boolean(await withAuthScope(null, (scope) => findUserByEmail(scope, invitation.email)));
  return {
    strings,
    invitation: {
      email: invitation.email,
      target: invitation.clientAccountName ? `${invitation.clientAccountName} (${invitation.organizationName})` : invitation.organizationName,
      role: invitation.clientRole ?? invitation.orgRole ?? "member",
    },
    signedInAs: session?.user.email ?? null,
    hasAccount,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await request.formData();
  const session = await getSession(request);
  if (formData.get("intent") === "accept") {
    if (!session) return redirect(`/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`);
    const result = await acceptInvitation(token, session.user);
    if (!result.ok) return data({ result: null, error: result.reason === "wrong-account" ? "invite.wrongAccount" : "invite.invalid" }, { status: result.reason === "wrong-account" ? 403 : 410 });
    return redirect(result.redirectTo, { headers: { "Set-Cookie": await toastHeader({ kind: "success", key: "invite.joined", params: { target: result.target } }) } });
  }
  const submission = parseWithZod(formData, { schema: InviteSignupSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }), error: null }, { status: 400 });
  const result = await signUpWithInvitation(token, { ...submission.value, locale: await getLocale(request) });
  if (!result.ok) {
    const { form, ...fields } = result.fieldErrors;
    return data(
      {
        result: submission.reply({
          formErrors: form ? [form] : undefined,
          fieldErrors: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v as string]])),
          hideFields: ["password"],
        }),
        error: null,
      },
      { status: form ? 410 : 400 },
    );
  }
  return redirect(result.redirectTo, { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

export default function InvitationPage() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const { invitation, signedInAs, hasAccount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useForm<{ name: string; password: string }>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", lastResult: actionData?.result ?? undefined });
  if (!invitation) {
    return (
      <section className="card mx-auto max-w-lg">
        <h1 className="text-2xl font-bold">{t("invite.title")}</h1>
        <p className="mt-3 text-slate-700" role="alert">
          {t("invite.invalid")}
        </p>
      </section>
    );
  }
  const role = t(`roles.${invitation.role}`);
  return (
    <section className="card mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">{t("invite.title")}</h1>
      <p className="text-slate-700">{t("invite.introPlain", { target: invitation.target, role })}</p>
      {actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}
      {signedInAs ? (
        signedInAs === invitation.email ? (
          <Form method="post">
            <button type="submit" name="intent" value="accept" className="btn-primary">
              {t("invite.acceptAs", { email: invitation.email })}
            </button>
          </Form>
        ) : (
          <p role="alert" className="text-sm text-red-800">
            {t("invite.wrongAccount", { current: signedInAs, email: invitation.email })}
          </p>
        )
      ) : hasAccount ? (
        <p className="text-sm">
          {t("invite.existingAccount", { email: invitation.email })}{" "}
          <Link className="font-medium text-teal-800 underline" to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
            {t("invite.signInToAccept")}
          </Link>
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <p className="text-sm text-slate-700">{t("invite.signupIntro")}</p>
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="signup" />
          <p className="text-sm">
            {t("auth.email")}: <strong>{invitation.email}</strong>
          </p>
          <TextField meta={fields.name} label={t("auth.name")} autoComplete="name" />
          <NewPasswordField meta={fields.password} label={t("auth.password")} />
          <button type="submit" className="btn-primary">
            {t("invite.submitSignup")}
          </button>
        </Form>
      )}
    </section>
  );
}
