import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { ErrorList, PageTitle } from "~/components/forms";
import { UploadForm } from "~/components/upload-form";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { useRouteStrings } from "~/i18n/i18n";
import { translateMessage } from "~/i18n/message";
import { getLocale } from "~/i18n/locale.server";
import { routeStrings } from "~/i18n/resources.server";
import { readUploadedFile } from "~/services/import/index.server";
import { createCampaignFromFile } from "~/services/plan-import.server";
import { requireScope } from "~/tenancy/access.server";
import { statusOf } from "~/route-edge.server";
import { redirectWithToast } from "~/toast.server";

export const meta: MetaFunction = () => [{ title: "New campaign from file · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireScope(request, params, "client.plan.edit");
  return { strings: await routeStrings(request, ["import", "planner"]) };
}

type Problem = { row: number | null; column: string; message: { key: string; params: Record<string, string> }; severity: string };
type ActionView = { problem: { messageKey: string; params: Record<string, string> } | null; problems: Problem[]; row: number | null; errors: Record<string, string[]> | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.plan.edit");
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return data({ problem: { messageKey: "import.fileEmpty", params: {} }, problems: [] as Problem[], row: null, errors: null }, { status: 400 });
  }
  const upload = await readUploadedFile(request);
  if (!upload.ok) {
    const params = Object.fromEntries(Object.entries(upload.problem.params).map(([k, v]) => [k, String(v)]));
    return data({ problem: { messageKey: upload.problem.messageKey, params }, problems: [] as Problem[], row: null, errors: null }, { status: statusOf(upload.kind) });
  }
  const result = await createCampaignFromFile(access, upload.file, await getLocale(request));
  if (result.ok) {
    return redirectWithToast(`/o/${params.orgSlug}/clients/${params.clientId}/campaigns/${result.campaignId}`, { kind: "success", key: "import.applied", params: { added: result.lines, changed: 0, removed: 0 } });
  }
  const problems: Problem[] = (result.problems ?? []).map((p) => ({
    row: p.row,
    column: String(p.column),
    message: { key: p.messageKey, params: Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, String(v)])) },
    severity: p.severity,
  }));
  return data(
    { problem: result.problem ? { messageKey: result.problem.messageKey, params: Object.fromEntries(Object.entries(result.problem.params).map(([k, v]) => [k, String(v)])) } : null, problems, row: result.row ?? null, errors: result.errors ?? null },
    { status: statusOf(result.kind) },
  );
}

export default function NewCampaignFromFile() {
  const { t, i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  useRouteStrings(useLoaderData<typeof loader>().strings);
  const actionData = useActionData<typeof action>() as ActionView | undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <BackLink to="../..">{t("client.campaignsTitle")}</BackLink>
      <PageTitle>{t("import.newTitle")}</PageTitle>
      <p className="text-sm text-slate-700">{t("import.newIntro")}</p>
      <UploadForm submitLabel={t("import.createFromFile")} />
      {actionData ? (
        <div role="alert" className="card space-y-2 text-sm" data-testid="file-problem">
          {actionData.problem ? <ErrorList errors={[String(t(actionData.problem.messageKey, actionData.problem.params))]} /> : null}
          {actionData.errors ? (
            <ErrorList errors={[`${t("import.row")} ${actionData.row ?? "?"}: ${Object.values(actionData.errors as Record<string, string[]>).flat().map((message) => translateMessage(t, message, locale)).join(" ")}`]} />
          ) : null}
          {actionData.problems.length > 0 ? (
            <ul className="space-y-1">
              {actionData.problems.map((p, i) => (
                <li key={i} className={p.severity === "error" ? "text-red-800" : "text-amber-900"}>
                  {t("import.row")} {p.row ?? "—"} · {p.column}: {t(p.message.key, p.message.params)}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="text-slate-700">{t("import.cannotApply")}</p>
        </div>
      ) : null}
    </div>
  );
}
