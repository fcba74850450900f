import { getFormProps, useForm, type FieldMetadata, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextField } from "~/components/forms";
import { PostButton } from "~/components/post-button";
import { DATA_LEVELS } from "~/domain/data-level";

type Option = { id: string; name: string };
type ManageData = {
  placementOptions: (Option & { ecosystemId: string })[];
  destinationOptions: Option[];
  ecosystems: Option[];
  overrides: { targetType: "placement" | "destination"; targetId: string; level: string; justification: string }[];
};
type ActionData = { intent: string | null; result: SubmissionResult<string[]> | null } | null;

const LEVELS = [...DATA_LEVELS].reverse();
const MODELS = ["cpm", "cpc", "ocpm", "ocpc", "cpv", "cpa", "cpe", "cpt", "cps"];
const STAGES = ["awareness", "consideration", "conversion", "loyalty"];

/** Organization admins adjust the catalog: level overrides (with justification), benchmarks, custom placements. */
export function CatalogManagement({ data, actionData }: { data: ManageData; actionData: ActionData }) {
  const { t } = useTranslation();
  const names = new Map([...data.placementOptions, ...data.destinationOptions].map((o) => [o.id, o.name]));
  return (
    <section aria-labelledby="manage-title" className="space-y-4">
      <h2 id="manage-title" className="text-xl font-semibold">
        {t("catalog.manageTitle")}
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        <LevelOverrideForm data={data} lastResult={actionData?.intent === "set-level" ? actionData.result : null} />
        <BenchmarkForm data={data} lastResult={actionData?.intent === "set-benchmarks" ? actionData.result : null} />
      </div>
      {data.overrides.length > 0 ? (
        <ul className="card space-y-2 text-sm" data-testid="override-list">
          {data.overrides.map((o) => (
            <li key={`${o.targetType}:${o.targetId}`} className="flex items-center justify-between gap-2">
              <span>
                {names.get(o.targetId) ?? o.targetId} → {t(`level.${o.level}`)}: “{o.justification}”
              </span>
              <PostButton values={{ intent: "remove-level", targetType: o.targetType, targetId: o.targetId }} label={t("catalog.removeOverride")} />
            </li>
          ))}
        </ul>
      ) : null}
      <CustomPlacementForm data={data} lastResult={actionData?.intent === "add-custom" ? actionData.result : null} />
    </section>
  );
}

function LevelOverrideForm({ data, lastResult }: { data: ManageData; lastResult: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ targetType: string; targetId: string; level: string; justification: string }>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit",
    id: "level-override",
    lastResult: lastResult ?? undefined,
    defaultValue: { targetType: "destination", level: "individual" },
  });
  const [targetType, setTargetType] = useState<string>(String(fields.targetType.initialValue ?? "destination"));
  const options = targetType === "placement" ? data.placementOptions : data.destinationOptions;
  return (
    <ManageForm form={form} intent="set-level" titleId="override-title" title={t("catalog.levelOverrideTitle")} help={t("catalog.levelOverrideHelp")} submitLabel={t("catalog.saveOverride")}>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("catalog.targetType")}</legend>
        {(["destination", "placement"] as const).map((type) => (
          <label key={type} className="mr-4 inline-flex items-center gap-1 text-sm">
            <input type="radio" name={fields.targetType.name} value={type} checked={targetType === type} onChange={() => setTargetType(type)} />
            {t(type === "placement" ? "catalog.targetPlacement" : "catalog.targetDestination")}
          </label>
        ))}
      </fieldset>
      <SelectField meta={fields.targetId} label={t("catalog.target")} options={options.map((o) => ({ value: o.id, label: o.name }))} />
      <SelectField meta={fields.level} label={t("catalog.newLevel")} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
      <TextField meta={fields.justification} label={t("catalog.justification")} help={t("catalog.justificationHelp")} />
    </ManageForm>
  );
}

function BenchmarkForm({ data, lastResult }: { data: ManageData; lastResult: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ placementId: string; cpm: string; cpc: string; ctr: string; cvr: string }>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", id: "benchmarks", lastResult: lastResult ?? undefined });
  return (
    <ManageForm form={form} intent="set-benchmarks" titleId="benchmark-title" title={t("catalog.benchmarkTitle")} submitLabel={t("catalog.saveBenchmarks")}>
      <SelectField meta={fields.placementId} label={t("catalog.placement")} options={data.placementOptions.map((o) => ({ value: o.id, label: o.name }))} />
      <BenchmarkFields fields={fields} className="grid grid-cols-2 gap-3" />
    </ManageForm>
  );
}

function CustomPlacementForm({ data, lastResult }: { data: ManageData; lastResult: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{
    ecosystemId: string;
    nameEn: string;
    nameZh: string;
    buyingModels: string[];
    reportingLevel: string;
    funnelStage: string;
    destinations: string[];
    cpm: string;
    cpc: string;
    ctr: string;
    cvr: string;
  }>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", id: "custom-placement", lastResult: lastResult ?? undefined, defaultValue: { reportingLevel: "aggregated", funnelStage: "awareness" } });
  const checked = (value: unknown, option: string) => (Array.isArray(value) ? value.includes(option) : value === option);
  return (
    <ManageForm form={form} intent="add-custom" titleId="custom-title" title={t("catalog.customTitle")} submitLabel={t("catalog.addCustom")}>
      <div className="grid gap-3 md:grid-cols-3">
        <SelectField meta={fields.ecosystemId} label={t("catalog.ecosystem")} options={data.ecosystems.map((e) => ({ value: e.id, label: e.name }))} />
        <TextField meta={fields.nameEn} label={t("catalog.nameEn")} />
        <TextField meta={fields.nameZh} label={t("catalog.nameZh")} />
        <SelectField meta={fields.reportingLevel} label={t("catalog.reportingLevel")} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        <SelectField meta={fields.funnelStage} label={t("catalog.stage")} options={STAGES.map((s) => ({ value: s, label: t(`catalog.stageName.${s}`) }))} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("catalog.buyingModels")}</legend>
        <div className="flex flex-wrap gap-3">
          {MODELS.map((m) => (
            <label key={m} className="inline-flex items-center gap-1 text-sm">
              <input type="checkbox" name={fields.buyingModels.name} value={m} defaultChecked={checked(fields.buyingModels.initialValue, m)} />
              {t(`model.${m}`)}
            </label>
          ))}
        </div>
        <ErrorList errors={fields.buyingModels.errors} />
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("catalog.destinations")}</legend>
        <div className="flex flex-wrap gap-3">
          {data.destinationOptions.map((d) => (
            <label key={d.id} className="inline-flex items-center gap-1 text-sm">
              <input type="checkbox" name={fields.destinations.name} value={d.id} defaultChecked={checked(fields.destinations.initialValue, d.id)} />
              {d.name}
            </label>
          ))}
        </div>
        <ErrorList errors={fields.destinations.errors} />
      </fieldset>
      <BenchmarkFields fields={fields} className="grid grid-cols-2 gap-3 md:grid-cols-4" />
    </ManageForm>
  );
}

/** The frame of each management form: a card titled for screen readers, its intent, its fields, one submit button. */
function ManageForm<Schema extends Record<string, unknown>>({
  form,
  intent,
  titleId,
  title,
  help,
  submitLabel,
  children,
}: {
  form: FormMetadata<Schema, string[]>;
  intent: string;
  titleId: string;
  title: string;
  help?: string;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3" aria-labelledby={titleId}>
      <h3 id={titleId} className="text-lg font-semibold">
        {title}
      </h3>
      {help ? <p className="text-sm text-slate-600">{help}</p> : null}
      <input type="hidden" name="intent" value={intent} />
      {children}
      <button type="submit" className="btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}

type BenchmarkMeta = Record<"cpm" | "cpc" | "ctr" | "cvr", FieldMetadata<string | undefined>>;

/** The four benchmark inputs, shared by "set your own benchmarks" and "add a custom placement". */
function BenchmarkFields({ fields, className }: { fields: BenchmarkMeta; className: string }) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <TextField meta={fields.cpm} label={t("catalog.cpm")} />
      <TextField meta={fields.cpc} label={t("catalog.cpc")} />
      <TextField meta={fields.ctr} label={t("catalog.ctr")} />
      <TextField meta={fields.cvr} label={t("catalog.cvr")} />
    </div>
  );
}
