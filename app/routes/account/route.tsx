import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changePassword, passwordProblem } from "~/auth/login.server";
import { sessionCookie } from "~/auth/session.server";
import { getRequestContext, requireSession } from "~/tenancy/access.server";
import { NewPasswordField } from "~/components/auth-form";
import { FormErrors, PageTitle, TextField } from "~/components/forms";
import { encodeMessage } from "~/i18n/message";
import { ChangePasswordSchema } from "~/services/forms/auth.server";
import { toastHeader } from "~/toast.server";
import { keepRetryAfter } from "../login/retry-after";

export const meta: MetaFunction = () => [{ title: "Account · Qiao 桥" }];

export const headers: HeadersFunction = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const { organizations } = (await getRequestContext(request))!;
  return { strings: await routeStrings(request, ["auth"]), user: session.user, organizations };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  const hideFields = ["currentPassword", "newPassword"];
  if (submission.status !== "success") {
    // A missing current password does not hide what is wrong with the new one (issue 12: all errors at once).
    const newPassword = formData.get("newPassword");
    const problem = !submission.error?.newPassword && typeof newPassword === "string" ? passwordProblem(newPassword, session.user.email) : null;
    return data({ result: submission.reply({ resetForm: false, hideFields, ...(problem ? { fieldErrors: { newPassword: [`validation.password.${problem}`] } } : {}) }) }, { status: 400 });
  }
  const result = await changePassword({ userId: session.user.id, sessionId: session.id, ...submission.value, ip: context.clientIp ?? "unknown" });
  if (!result.ok && result.field === "form") {
    return data(
      { result: submission.reply({ formErrors: [encodeMessage(result.error, { seconds: result.retryAfterSeconds })], hideFields }) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([field, error]) => [field, [error]]));
    return data({ result: submission.reply({ fieldErrors, hideFields }) }, { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(result.token));
  headers.append("Set-Cookie", await toastHeader({ kind: "success", key: "auth.passwordChanged" }));
  return redirect("/account", { headers });
}

export default function AccountPage() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const { user, organizations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ currentPassword: string; newPassword: string }>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", lastResult: actionData?.result });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle>{t("auth.accountTitle")}</PageTitle>
      <section className="card">
        <p className="font-medium">{user.name}</p>
        <p className="text-sm text-slate-600">{user.email}</p>
        <h2 className="mt-4 text-sm font-semibold text-slate-700">{t("nav.organizations")}</h2>
        <ul className="mt-1 space-y-1 text-sm">
          {organizations.map((org) => (
            <li key={org.id}>
              <Link to={`/o/${org.slug}`} className="text-teal-800 underline">
                {org.name}
              </Link>{" "}
              — {t(`roles.${org.role}`)}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title" className="text-lg font-semibold">
          {t("auth.changePassword")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <FormErrors errors={form.errors} />
          <TextField meta={fields.currentPassword} label={t("auth.currentPassword")} type="password" autoComplete="current-password" />
          <NewPasswordField meta={fields.newPassword} label={t("auth.newPassword")} />
          <button type="submit" className="btn-primary">
            {t("auth.submitPasswordChange")}
          </button>
        </Form>
      </section>
    </div>
  );
}
