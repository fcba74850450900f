import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { signIn } from "~/auth/login.server";
import { sessionCookie } from "~/auth/session.server";
import { getSession } from "~/tenancy/access.server";
import { AuthSubmit, OtherWayIn } from "~/components/auth-form";
import { FormErrors, TextField } from "~/components/forms";
import { isEmbeddedDatabase } from "~/db.server";
import { safeRedirectPath } from "~/domain/safe-redirect";
import { findUserByEmail } from "~/models/user.server";
import { DEMO_PASSWORD, DEMO_USERS } from "~/services/demo.server";
import { LoginSchema } from "~/services/forms/auth.server";
import { homePathFor } from "~/services/navigation.server";
import { withAuthScope } from "~/models/scope.server";
import { keepRetryAfter } from "./retry-after";

export const meta: MetaFunction = () => [{ title: "Sign in · Qiao 桥" }];

export const headers: HeadersFunction = keepRetryAfter;

// Public route: signing in needs no scope. An already signed-in person goes home.
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (session) throw redirect(await homePathFor(session.user.id));
  // The demo logins are printed only on the embedded database: on a server database they would be public credentials.
  const demoUser = isEmbeddedDatabase() ? await withAuthScope(null, (scope) => findUserByEmail(scope, DEMO_USERS[0]!.email)) : null;
  return { strings: await routeStrings(request, ["auth"]), demo: demoUser ? { password: DEMO_PASSWORD, users: DEMO_USERS.map((u) => ({ email: u.email, role: u.clientRole ?? u.orgRole })) } : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryAfter: null }, { status: 400 });
  }
  const result = await signIn({ email: submission.value.email, password: submission.value.password, ip: context.clientIp ?? "unknown" });
  if (!result.ok) {
    if (result.reason === "rate-limited") {
      return data(
        { result: submission.reply({ formErrors: ["auth.rateLimited"], hideFields: ["password"] }), retryAfter: result.retryAfterSeconds },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    return data({ result: submission.reply({ formErrors: ["auth.invalidCredentials"], hideFields: ["password"] }), retryAfter: null }, { status: 400 });
  }
  const redirectTo = safeRedirectPath(submission.value.redirectTo, "");
  return redirect(redirectTo || (await homePathFor(result.userId)), { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

export default function LoginPage() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<{ email: string; password: string; redirectTo: string }>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", lastResult: actionData?.result });
  const formErrors = form.errors?.map((e) => (e === "auth.rateLimited" ? t(e, { seconds: actionData?.retryAfter ?? 60 }) : e));
  return (
    <div className="mx-auto grid max-w-4xl gap-8 md:grid-cols-2">
      <section className="card">
        <h1 className="text-2xl font-bold">{t("auth.loginTitle")}</h1>
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <FormErrors errors={formErrors} />
          <TextField meta={fields.email} label={t("auth.email")} type="email" autoComplete="username" />
          <TextField meta={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
          <AuthSubmit label={t("auth.submitLogin")} />
        </Form>
        <OtherWayIn question={t("auth.noAccount")} to="/signup" label={t("nav.signUp")} />
      </section>
      {demo ? (
        <section className="card" aria-labelledby="demo-title">
          <h2 id="demo-title" className="text-lg font-semibold">
            {t("auth.demoTitle")}
          </h2>
          <p className="mt-2 text-sm text-slate-700">{t("auth.demoHint", { password: demo.password })}</p>
          <ul className="mt-3 space-y-1 text-sm" data-testid="demo-users">
            {demo.users.map((user) => (
              <li key={user.email}>
                <code className="rounded bg-slate-100 px-1">{user.email}</code> — {t(`roles.${user.role}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
