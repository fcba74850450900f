import { useRouteStrings } from "~/i18n/i18n";
import { routeStrings } from "~/i18n/resources.server";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { CampaignForm, type CampaignFormShape } from "~/components/campaign-fields";
import { PageTitle } from "~/components/forms";
import { getLocale } from "~/i18n/locale.server";
import { campaignSchema } from "~/services/forms/planner.server";
import { createCampaign, validateCampaignInput } from "~/services/planner.server";
import { requireScope } from "~/tenancy/access.server";
import { redirectWithToast } from "~/toast.server";

export const meta: MetaFunction = () => [{ title: "New campaign · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireScope(request, params, "client.plan.edit");
  return { strings: await routeStrings(request, ["client", "planner"]) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.plan.edit");
  const submission = parseWithZod(await request.formData(), { schema: campaignSchema(await getLocale(request)) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { budget, ...rest } = submission.value;
  const input = { ...rest, budgetFen: budget };
  const errors = validateCampaignInput(input);
  if (Object.keys(errors).length) return data({ result: submission.reply({ fieldErrors: errors as Record<string, string[]> }) }, { status: 400 });
  const campaign = await createCampaign(access, input);
  return redirectWithToast(`/o/${params.orgSlug}/clients/${params.clientId}/campaigns/${campaign.id}`, { kind: "success", key: "planner.created", params: { name: campaign.name } });
}

export default function NewCampaign() {
  useRouteStrings(useLoaderData<typeof loader>()?.strings);
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<CampaignFormShape>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", lastResult: actionData?.result, defaultValue: { objective: "consideration", reportingCurrency: "CNY", fxRate: "1" } });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <BackLink to="../..">{t("client.campaignsTitle")}</BackLink>
      <PageTitle>{t("planner.createTitle")}</PageTitle>
      <CampaignForm form={form} fields={fields} className="card space-y-4" submitLabel={t("planner.create")} />
    </div>
  );
}
