import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sessionCookie } from "~/auth/session.server";
import { getSession } from "~/tenancy/access.server";
import { AuthSubmit, NewPasswordField, OtherWayIn } from "~/components/auth-form";
import { SelectField, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/locale.server";
import { SignupSchema } from "~/services/forms/auth.server";
import { homePathFor } from "~/services/navigation.server";
import { isEmailTaken, signUp } from "~/services/signup.server";
import { toastHeader } from "~/toast.server";

export const meta: MetaFunction = () => [{ title: "Sign up · Qiao 桥" }];

// Public route: anyone may create a workspace. A signed-in person goes home instead.
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (session) throw redirect(await homePathFor(session.user.id));
  return { strings: await routeStrings(request, ["auth"]) };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SignupSchema });
  if (submission.status !== "success") {
    // A taken address is said together with the other errors (issue 12: not in rounds).
    const email = formData.get("email");
    const isTaken = !submission.error?.email && typeof email === "string" && (await isEmailTaken(email));
    return data({ result: submission.reply({ hideFields: ["password"], ...(isTaken ? { fieldErrors: { email: ["validation.emailTaken"] } } : {}) }) }, { status: 400 });
  }
  const result = await signUp({ ...submission.value, locale: await getLocale(request) });
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: toFieldErrors(result.fieldErrors), hideFields: ["password"] }) }, { status: 400 });
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(result.token));
  headers.append("Set-Cookie", await toastHeader({ kind: "success", key: "auth.welcome", params: { name: submission.value.name } }));
  return redirect(`/o/${result.organizationSlug}`, { headers });
}

function toFieldErrors(errors: Record<string, string | undefined>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).flatMap(([field, error]) => (error ? [[field, [error]]] : [])));
}

export default function SignupPage() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ name: string; email: string; password: string; organizationName: string; kind: string }>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", lastResult: actionData?.result, defaultValue: { kind: "agency" } });
  return (
    <section className="card mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{t("auth.signupTitle")}</h1>
      <p className="mt-2 text-sm text-slate-700">{t("auth.signupIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <TextField meta={fields.name} label={t("auth.name")} autoComplete="name" />
        <TextField meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <NewPasswordField meta={fields.password} label={t("auth.password")} />
        <TextField meta={fields.organizationName} label={t("auth.organizationName")} autoComplete="organization" />
        <SelectField
          meta={fields.kind}
          label={t("auth.organizationKind")}
          options={[
            { value: "agency", label: t("orgKind.agency") },
            { value: "brand", label: t("orgKind.brand") },
          ]}
        />
        <AuthSubmit label={t("auth.submitSignup")} />
      </Form>
      <OtherWayIn question={t("auth.haveAccount")} to="/login" label={t("nav.signIn")} />
    </section>
  );
}
