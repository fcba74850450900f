import { notFound } from "~/domain/errors";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { DataLevelBadge } from "~/components/data-level-badge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/forms";
import { TitledList } from "~/components/titled-list";
import { getEcosystem } from "~/domain/catalog";
import type { DataLevel } from "~/domain/data-level";
import { diffPlans } from "~/domain/plan-diff";
import { showChange } from "~/i18n/field-display";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { useLocale, useRouteStrings } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { routeStrings } from "~/i18n/resources.server";
import { getVersions } from "~/services/versions.server";
import { isUuid, requireScope } from "~/tenancy/access.server";

export const meta: MetaFunction = () => [{ title: "Versions · Qiao 桥" }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const url = new URL(request.url);
  const from = url.searchParams.get("from") ?? "";
  const to = url.searchParams.get("to") ?? "current";
  const ids = [from, to].filter(isUuid);
  const page = await getVersions(access, params.campaignId, ids);
  if (!page) throw notFound();
  const locale = await getLocale(request);
  const before = isUuid(from) ? page.snapshots.get(from) : undefined;
  const after = to === "current" ? page.current : page.snapshots.get(to);
  const diff = before && after ? diffPlans(before, after, page.catalog, { locale }) : null;
  const kpiOf = new Map(after?.lines.map((line) => [line.id, line.kpiId]) ?? []);
  const shown = (f: { field: string; before: unknown; after: unknown }, of: "line" | "campaign", kpiId?: string | null) => {
    const change = showChange({ field: f.field, from: f.before, to: f.after }, { catalog: page.catalog, locale, of, kpiId });
    return { field: change.field, label: change.label, before: change.from, after: change.to };
  };
  const ecoName = (id: string) => {
    const e = getEcosystem(id);
    return e ? (locale === "zh" ? e.nameZh : e.nameEn) : id;
  };
  return {
    strings: await routeStrings(request, ["collab", "planner"]),
    campaignName: page.current.campaign.name,
    versions: page.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    from,
    to,
    diff: diff
      ? {
          isEmpty: diff.isEmpty,
          campaign: diff.campaign.map((f) => shown(f, "campaign")),
          added: diff.lines.added.map((l) => ({ id: l.id, name: l.name, budgetFen: l.budgetFen })),
          removed: diff.lines.removed.map((l) => ({ id: l.id, name: l.name, budgetFen: l.budgetFen })),
          changed: diff.lines.changed.map((c) => ({ lineId: c.lineId, name: c.name, fields: c.fields.map((f) => shown(f, "line", kpiOf.get(c.lineId))) })),
          moved: diff.lines.moved.map((m) => ({ lineId: m.lineId, name: m.name, beforeIndex: m.beforeIndex, afterIndex: m.afterIndex })),
          totalFen: diff.budgetDelta.totalFen,
          byEcosystem: diff.budgetDelta.byEcosystem.map((e) => ({ ...e, name: ecoName(e.ecosystemId) })),
          byDataLevel: diff.budgetDelta.byDataLevel,
        }
      : null,
  };
}

export default function VersionsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  useRouteStrings(data.strings);
  const locale = useLocale();
  const signed = (fen: number) => `${fen > 0 ? "+" : ""}${formatMoney(fen, locale)}`;
  const { diff } = data;
  return (
    <div className="space-y-6">
      <BackLink to=".." className="[overflow-wrap:anywhere]">
        {data.campaignName}
      </BackLink>
      <PageTitle>{t("collab.versionsTitle")}</PageTitle>
      <section className="card">
        {data.versions.length === 0 ? <p className="text-sm text-slate-600">{t("collab.noVersions")}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="versions">
          {data.versions.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {t("collab.versionRow", { version: v.planVersion, trigger: t(`collab.trigger.${v.trigger}`), who: v.createdByName, when: formatDateTime(v.createdAt, locale) })}
              </span>
              <a href={`export.xlsx?version=${v.id}`} download className="text-teal-800 underline">
                {t("collab.exportVersion")}
              </a>
            </li>
          ))}
        </ul>
        {data.versions.length > 0 ? (
          <Form method="get" className="mt-3 flex flex-wrap items-end gap-2">
            <VersionSelect name="from" label={t("collab.from")} value={data.from} versions={data.versions} />
            <VersionSelect name="to" label={t("collab.to")} value={data.to} versions={data.versions} current={t("collab.current")} />
            <button type="submit" className="btn-primary">
              {t("collab.compare")}
            </button>
          </Form>
        ) : null}
      </section>
      {diff ? (
        <section className="card space-y-4 [overflow-wrap:anywhere]" aria-labelledby="diff-title" data-testid="diff">
          <h2 id="diff-title" className="text-lg font-semibold">
            {t("collab.diffTitle")}
          </h2>
          {diff.isEmpty ? <p className="text-sm text-slate-600">{t("collab.noChanges")}</p> : null}
          <p className="text-sm" data-testid="diff-total">
            {t("collab.budgetDelta")}: <strong>{signed(diff.totalFen)}</strong>
          </p>
          <TitledList title={t("collab.byEcosystem")} items={diff.byEcosystem} className="text-sm">
            {(e) => (
              <li key={e.ecosystemId}>
                {e.name}: {formatMoney(e.beforeFen, locale)} → {formatMoney(e.afterFen, locale)} ({signed(e.deltaFen)})
              </li>
            )}
          </TitledList>
          <TitledList title={t("collab.byLevel")} items={diff.byDataLevel} className="space-y-1 text-sm" testId="diff-levels">
            {(l) => (
              <li key={l.level}>
                <DataLevelBadge level={l.level as DataLevel} /> {formatMoney(l.beforeFen, locale)} → {formatMoney(l.afterFen, locale)} ({signed(l.deltaFen)})
              </li>
            )}
          </TitledList>
          {diff.campaign.length > 0 ? <FieldTable title={t("collab.campaignChanges")} rows={diff.campaign} /> : null}
          <TitledList title={t("collab.added")} items={diff.added} className="text-sm text-teal-900">
            {(l) => <li key={l.id}>+ {l.name} ({formatMoney(l.budgetFen, locale)})</li>}
          </TitledList>
          <TitledList title={t("collab.removed")} items={diff.removed} className="text-sm text-red-800">
            {(l) => <li key={l.id}>− {l.name} ({formatMoney(l.budgetFen, locale)})</li>}
          </TitledList>
          {diff.changed.map((c) => (
            <FieldTable key={c.lineId} title={`${t("collab.changed")}: ${c.name}`} rows={c.fields} />
          ))}
          <TitledList title={t("collab.moved")} items={diff.moved} className="text-sm">
            {(m) => (
              <li key={m.lineId}>
                {m.name}: {m.beforeIndex + 1} → {m.afterIndex + 1}
              </li>
            )}
          </TitledList>
        </section>
      ) : null}
    </div>
  );
}

type VersionOption = { id: string; planVersion: number; trigger: string };

/** One end of the comparison: a version, or (for "to") the plan as it is now. */
function VersionSelect({ name, label, value, versions, current }: { name: string; label: string; value: string; versions: VersionOption[]; current?: string }) {
  const { t } = useTranslation();
  return (
    <label className="text-sm">
      {label}
      <select name={name} defaultValue={value} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1">
        {current ? <option value="current">{current}</option> : null}
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {t("collab.versionOption", { version: v.planVersion, trigger: t(`collab.trigger.${v.trigger}`) })}
          </option>
        ))}
      </select>
    </label>
  );
}

function FieldTable({ title, rows }: { title: string; rows: { field: string; label: string; before: string; after: string }[] }) {
  return (
    <table className="w-full text-left text-sm" data-testid="diff-fields">
      <caption className="text-left text-sm font-semibold">{title}</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className="border-t border-slate-100">
            <th scope="row" className="py-1 pr-2 font-normal text-slate-600">
              {r.label}
            </th>
            <td className="py-1 pr-2 text-red-800 line-through">{r.before}</td>
            <td className="py-1 text-teal-900">{r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
