import { parseWithZod } from "@conform-to/zod/v4";
import { ApplyImportSchema } from "~/services/forms/planner.server";
import { notFound } from "~/domain/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { ColumnHeads } from "~/components/column-heads";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TitledList } from "~/components/titled-list";
import { UploadForm } from "~/components/upload-form";
import { ErrorList, PageTitle } from "~/components/forms";
import { useRouteStrings } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import type { ShownChange } from "~/i18n/field-display";
import type { ImportPreviewView } from "~/services/import/preview-view.server";
import { routeStrings } from "~/i18n/resources.server";
import { readUploadedFile } from "~/services/import/index.server";
import { applyImport, previewImport } from "~/services/plan-import.server";
import { getPlan } from "~/services/planner.server";
import { isUuid, requireScope } from "~/tenancy/access.server";
import { statusOf } from "~/route-edge.server";
import { redirectWithToast } from "~/toast.server";

export const meta: MetaFunction = () => [{ title: "Import · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.plan.edit");
  if (!isUuid(params.campaignId)) throw notFound();
  const plan = await getPlan(access, params.campaignId);
  if (!plan) throw notFound();
  return { strings: await routeStrings(request, ["import", "planner"]), campaignName: plan.snapshot.campaign.name };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.plan.edit");
  if (!isUuid(params.campaignId)) throw notFound();
  const campaignId = params.campaignId;
  const back = `/o/${params.orgSlug}/clients/${params.clientId}/campaigns/${campaignId}`;

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUploadedFile(request);
    if (!upload.ok) return data({ kind: "file-problem" as const, problem: upload.problem }, { status: statusOf(upload.kind) });
    const result = await previewImport(access, campaignId, upload.file, await getLocale(request));
    if (!result) throw notFound();
    if (!result.ok) return data({ kind: "file-problem" as const, problem: result.problem }, { status: statusOf(result.kind) });
    const view = { kind: "preview" as const, ...result.preview.view };
    return data(view, { status: view.hasErrors ? 422 : 200 });
  }

  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ApplyImportSchema });
  if (submission.status !== "success") return data({ kind: "apply-problem" as const, messageKey: "import.expired", row: null, errors: null }, { status: 400 });
  const { jobId, ...options } = submission.value;
  const result = await applyImport(access, campaignId, jobId, options);
  if (!result.ok) {
    if (result.reason === "not-found") throw notFound();
    if (result.reason === "already-applied") return redirectWithToast(back, { kind: "info", key: "import.alreadyApplied" });
    const key = result.reason === "stale" ? "import.stale" : result.reason === "needs-confirmation" ? "import.needsConfirmation" : "import.cannotApply";
    return data({ kind: "apply-problem" as const, messageKey: key, row: result.row ?? null, errors: result.errors ?? null }, { status: statusOf(result.kind) });
  }
  return redirectWithToast(back, { kind: "success", key: "import.applied", params: { added: result.added, changed: result.changed, removed: result.removed } });
}

export default function ImportPage() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  useRouteStrings(loaderData.strings);
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const preview = actionData && actionData.kind === "preview" ? (actionData as ImportPreviewView) : null;
  return (
    <div className="space-y-6">
      <BackLink to="..">
        {t("import.back")}: {loaderData.campaignName}
      </BackLink>
      <PageTitle>{t("import.title")}</PageTitle>
      <p className="-mt-3 max-w-3xl text-sm text-slate-700">{t("import.intro")}</p>
      <UploadForm submitLabel={t("import.upload")}>
        {actionData?.kind === "file-problem" ? (
          <div className="w-full" role="alert" data-testid="file-problem">
            <ErrorList errors={[String(t(actionData.problem.messageKey, actionData.problem.params as Record<string, string>))]} />
          </div>
        ) : null}
      </UploadForm>
      {actionData?.kind === "apply-problem" ? (
        <div role="alert" className="card border-red-300 bg-red-50 text-sm text-red-900">
          {t(actionData.messageKey)} {actionData.row ? `(${t("import.row")} ${actionData.row})` : ""}
          {actionData.errors ? <ErrorList errors={Object.values(actionData.errors as Record<string, string[]>).flat()} /> : null}
        </div>
      ) : null}
      {preview ? <Preview preview={preview} busy={busy} /> : null}
    </div>
  );
}

function ChangeList({ changes }: { changes: ShownChange[] }) {
  return (
    <>
      {changes.map((f, i) => (
        <span key={f.field}>
          {i > 0 ? "; " : ""}
          <span className="text-slate-600">{f.label}</span> {f.from} → <strong>{f.to}</strong>
        </span>
      ))}
    </>
  );
}

function Preview({ preview, busy }: { preview: ImportPreviewView; busy: boolean }) {
  const { t } = useTranslation();
  const fromElsewhere = preview.origin === "other-campaign" || preview.origin === "other-client";
  const unnamed = t("import.notNamedInFile");
  return (
    <section className="card space-y-4" aria-labelledby="preview-title" data-testid="import-preview">
      <h2 id="preview-title" className="text-lg font-semibold">
        {t("import.previewTitle")}: {preview.fileName}
      </h2>
      {fromElsewhere ? (
        <div role="alert" className="space-y-1 rounded border-2 border-red-600 bg-red-50 p-3 text-sm text-red-950" data-testid="import-other-source">
          <p className="font-semibold">{preview.origin === "other-client" ? t("import.otherClientTitle") : t("import.otherCampaignTitle")}</p>
          <p>{t("import.otherSourceFile", { campaign: preview.file.campaignName ?? unnamed, client: preview.file.clientName ?? unnamed })}</p>
          <p>{t("import.otherSourceHere", { campaign: preview.here.campaignName, client: preview.here.clientName })}</p>
          <p>{t("import.otherSourceEffect", { count: preview.added.length })}</p>
        </div>
      ) : null}
      {preview.problems.length > 0 ? (
        <table className="w-full text-left text-sm" data-testid="import-problems">
          <caption className="text-left font-semibold">{t("import.problemsTitle")}</caption>
          <thead>
            <ColumnHeads className="text-xs text-slate-600" columns={[{ label: t("import.row") }, { label: t("import.column") }, { label: t("import.problem") }]} />
          </thead>
          <tbody>
            {preview.problems.map((p, i) => (
              <tr key={i} className={`border-t border-slate-100 ${p.severity === "error" ? "text-red-800" : "text-amber-900"}`}>
                <td className="py-1 pr-2">{p.row}</td>
                <td className="py-1 pr-2">{p.column}</td>
                <td className="py-1">
                  {t(p.messageKey, p.params)} <span className="text-xs">({p.severity === "error" ? t("import.severityError") : t("import.severityWarning")})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <TitledList title={t("import.addedTitle")} items={preview.added} className="text-sm text-teal-900" testId="import-added">
        {(l) => (
          <li key={l.key}>
            + {l.name || l.placement} · {l.placement} ({l.budget}) · {t("import.row")} {l.row}
          </li>
        )}
      </TitledList>
      <TitledList title={t("import.changedTitle")} items={preview.changed} className="space-y-1 text-sm" testId="import-changed">
        {(c) => (
          <li key={c.lineId}>
            {c.name} ({t("import.row")} {c.row}): <ChangeList changes={c.changes} />
          </li>
        )}
      </TitledList>
      {preview.conflicts.length > 0 ? (
        <div className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="import-conflicts">
          <h3 className="font-semibold">{t("import.conflictsTitle")}</h3>
          <ul className="space-y-1">
            {preview.conflicts.map((c) => (
              <li key={c.key}>
                {c.name}
                {c.row !== null ? ` (${t("import.row")} ${c.row})` : ""}: {c.removedSinceExport ? t("import.removedSinceExport") : <ChangeList changes={c.changes} />}
              </li>
            ))}
          </ul>
          <p>{t("import.keepConflicts")}</p>
        </div>
      ) : null}
      <p className="text-xs text-slate-600">{t("import.unchanged", { count: preview.unchanged })}</p>
      {preview.hasErrors ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {t("import.cannotApply")}
        </p>
      ) : (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="jobId" value={preview.jobId} />
          {preview.campaignChanges.length > 0 ? (
            <fieldset className="rounded border border-slate-200 p-3 text-sm" data-testid="import-campaign-changes">
              <legend className="px-1 font-semibold">{t("import.campaignDetailsTitle")}</legend>
              <ul>
                {preview.campaignChanges.map((c) => (
                  <li key={c.field}>
                    <span className="text-slate-600">{c.label}</span>: {c.from} → <strong>{c.to}</strong>
                  </li>
                ))}
              </ul>
              <label className="mt-2 inline-flex items-center gap-2">
                <input type="checkbox" name="applyCampaign" /> {t("import.applyCampaign")}
              </label>
            </fieldset>
          ) : null}
          {preview.missing.length > 0 ? (
            <fieldset className="rounded border border-slate-200 p-3 text-sm" data-testid="import-missing">
              <legend className="px-1 font-semibold">{t("import.missingTitle", { count: preview.missing.length })}</legend>
              <ul className="text-slate-800">
                {preview.missing.map((l) => (
                  <li key={l.key}>
                    {l.name} · {l.placement} ({l.budget})
                  </li>
                ))}
              </ul>
              <label className="mt-2 inline-flex items-center gap-2 text-red-900">
                <input type="checkbox" name="removeMissing" /> {t("import.removeMissing", { count: preview.missing.length })}
              </label>
            </fieldset>
          ) : null}
          {fromElsewhere ? (
            <label className="flex items-center gap-2 text-sm font-medium text-red-950">
              <input type="checkbox" name="confirmOtherSource" required /> {t("import.confirmOtherSource", { count: preview.added.length })}
            </label>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("import.apply")}
            </button>
            {busy ? <progress aria-label={t("import.progress")} className="w-48" /> : null}
          </div>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
