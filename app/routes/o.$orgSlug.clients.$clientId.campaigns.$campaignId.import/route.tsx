import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UploadForm } from "~/components/upload-form";
import { ErrorList, PageTitle } from "~/components/forms";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { FIELD_LABELS, showFieldValue } from "~/i18n/field-display";
import { formatMoney } from "~/i18n/format";
import { useRouteStrings } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { routeStrings } from "~/i18n/resources.server";
import type { loader as rootLoader } from "~/root";
import { readUploadedFile } from "~/services/import/index.server";
import { applyImport, previewImport } from "~/services/plan-import.server";
import { getPlan } from "~/services/planner.server";
import { isUuid, notFound, requireScope } from "~/tenancy/access.server";
import { redirectWithToast } from "~/toast.server";

export const meta: MetaFunction = () => [{ title: "Import · Qiao 桥" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.plan.edit");
  if (!isUuid(params.campaignId)) throw notFound();
  const plan = await getPlan(access, params.campaignId);
  if (!plan) throw notFound();
  return { strings: await routeStrings(request, ["import", "planner"]), campaignName: plan.snapshot.campaign.name };
}

type Change = { field: string; from: string; to: string };
type PreviewView = {
  kind: "preview";
  jobId: string;
  fileName: string;
  hasErrors: boolean;
  problems: { row: number | null; column: string; messageKey: string; params: Record<string, string>; severity: string }[];
  added: { row: number; name: string; placementId: string; budgetFen: number }[];
  changed: { lineId: string; name: string; row: number; changes: Change[] }[];
  removed: { id: string; name: string; budgetFen: number }[];
  campaignChanges: Change[];
  conflicts: string[];
  unchanged: number;
};


export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.plan.edit");
  if (!isUuid(params.campaignId)) throw notFound();
  const campaignId = params.campaignId;
  const back = `/o/${params.orgSlug}/clients/${params.clientId}/campaigns/${campaignId}`;

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUploadedFile(request);
    if (!upload.ok) return data({ kind: "file-problem" as const, problem: upload.problem }, { status: upload.status });
    const result = await previewImport(access, campaignId, upload.file, await getLocale(request));
    if (!result) throw notFound();
    if (!result.ok) return data({ kind: "file-problem" as const, problem: result.problem }, { status: result.status });
    const { preview } = result;
    const locale = await getLocale(request);
    const change = (f: { field: string; from: unknown; to: unknown }) => ({ field: f.field, from: showFieldValue(f.field, f.from, locale), to: showFieldValue(f.field, f.to, locale) });
    const view: PreviewView = {
        kind: "preview",
        jobId: preview.jobId,
        fileName: preview.fileName,
        hasErrors: preview.hasErrors,
        problems: preview.problems.map((p) => ({
          row: p.row,
          column: String(p.column),
          messageKey: p.messageKey,
          params: Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, String(v)])),
          severity: p.severity,
        })),
        added: preview.diff.added.map((l) => ({ row: l.sourceRow, name: l.name, placementId: l.placementId, budgetFen: l.budgetFen })),
        changed: preview.diff.changed.map((c) => ({ lineId: c.lineId, name: c.name, row: c.sourceRow, changes: c.changes.map(change) })),
        removed: preview.diff.removed.map((l) => ({ id: l.id, name: l.name, budgetFen: l.budgetFen })),
        campaignChanges: preview.diff.campaignChanges.map(change),
        conflicts: preview.diff.conflicts.map((c) => ("name" in c ? c.name : "campaign")),
        unchanged: preview.diff.unchangedCount,
    };
    return data(view, { status: preview.hasErrors ? 422 : 200 });
  }

  const formData = await request.formData();
  const jobId = String(formData.get("jobId") ?? "");
  if (!isUuid(jobId)) return data({ kind: "apply-problem" as const, messageKey: "import.expired", row: null, errors: null }, { status: 400 });
  const result = await applyImport(access, campaignId, jobId, { removeMissing: formData.get("removeMissing") === "on" });
  if (!result.ok) {
    if (result.reason === "not-found") throw notFound();
    if (result.reason === "already-applied") return redirectWithToast(back, { kind: "info", key: "import.alreadyApplied" });
    const key = result.reason === "stale" ? "import.stale" : "import.cannotApply";
    return data({ kind: "apply-problem" as const, messageKey: key, row: result.row ?? null, errors: result.errors ?? null }, { status: result.status });
  }
  return redirectWithToast(back, { kind: "success", key: "import.applied", params: { added: result.added, changed: result.changed, removed: result.removed } });
}

export default function ImportPage() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  useRouteStrings(loaderData.strings);
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? DEFAULT_LOCALE;
  const busy = navigation.state === "submitting";
  const preview = actionData && actionData.kind === "preview" ? (actionData as PreviewView) : null;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to=".." relative="path" className="text-teal-800 underline">
          ← {t("import.back")}: {loaderData.campaignName}
        </Link>
      </p>
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
      {preview ? (
        <section className="card space-y-4" aria-labelledby="preview-title" data-testid="import-preview">
          <h2 id="preview-title" className="text-lg font-semibold">
            {t("import.previewTitle")}: {preview.fileName}
          </h2>
          {preview.problems.length > 0 ? (
            <table className="w-full text-left text-sm" data-testid="import-problems">
              <caption className="text-left font-semibold">{t("import.problemsTitle")}</caption>
              <thead>
                <tr className="text-xs text-slate-600">
                  <th scope="col">{t("import.row")}</th>
                  <th scope="col">{t("import.column")}</th>
                  <th scope="col">{t("import.problem")}</th>
                </tr>
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
          {preview.campaignChanges.length > 0 ? (
            <ul className="text-sm" data-testid="import-campaign-changes">
              {preview.campaignChanges.map((c) => (
                <li key={c.field}>
                  {FIELD_LABELS[c.field] ? t(FIELD_LABELS[c.field]!) : c.field}: {c.from} → <strong>{c.to}</strong>
                </li>
              ))}
            </ul>
          ) : null}
          {preview.added.length > 0 ? (
            <div>
              <h3 className="text-sm font-semibold">{t("import.addedTitle")}</h3>
              <ul className="text-sm text-teal-900" data-testid="import-added">
                {preview.added.map((l, i) => (
                  <li key={i}>
                    + {l.name || l.placementId} ({formatMoney(l.budgetFen, locale)}) · {t("import.row")} {l.row}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.changed.length > 0 ? (
            <div>
              <h3 className="text-sm font-semibold">{t("import.changedTitle")}</h3>
              <ul className="space-y-1 text-sm" data-testid="import-changed">
                {preview.changed.map((c) => (
                  <li key={c.lineId}>
                    {c.name}: {c.changes.map((f) => `${FIELD_LABELS[f.field] ? t(FIELD_LABELS[f.field]!) : f.field} ${f.from} → ${f.to}`).join("; ")}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.removed.length > 0 ? (
            <div>
              <h3 className="text-sm font-semibold">{t("import.removedTitle")}</h3>
              <ul className="text-sm text-red-800">
                {preview.removed.map((l) => (
                  <li key={l.id}>
                    − {l.name} ({formatMoney(l.budgetFen, locale)})
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.conflicts.length > 0 ? (
            <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-950">
              {t("import.conflictsTitle")}: {preview.conflicts.join(", ")}. {t("import.keepConflicts")}
            </p>
          ) : null}
          <p className="text-xs text-slate-600">{t("import.unchanged", { count: preview.unchanged })}</p>
          {preview.hasErrors ? (
            <p role="alert" className="text-sm font-medium text-red-800">
              {t("import.cannotApply")}
            </p>
          ) : (
            <Form method="post" className="flex flex-wrap items-center gap-3">
              <input type="hidden" name="jobId" value={preview.jobId} />
              {preview.removed.length > 0 ? (
                <label className="inline-flex items-center gap-1 text-sm">
                  <input type="checkbox" name="removeMissing" defaultChecked /> {t("import.removeMissing")}
                </label>
              ) : null}
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("import.apply")}
              </button>
              {busy ? <progress aria-label={t("import.progress")} className="w-48" /> : null}
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
