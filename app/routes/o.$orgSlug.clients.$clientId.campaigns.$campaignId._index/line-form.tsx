import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { DataLevelBadge } from "~/components/data-level-badge";
import { ErrorList, FormErrors, SelectField, TextField } from "~/components/forms";
import { weeksInRange } from "~/domain/dates";
import { fenToYuanString } from "~/domain/money";
import type { LineCheck } from "~/domain/line-rules";
import type { LineInput } from "~/domain/plan";
import type { LineFormInput } from "~/services/forms/planner.server";
import { useLocale } from "~/i18n/i18n";
import { formatMoney } from "~/i18n/format";
import type { PlanOptions } from "./plan-options";

type Options = PlanOptions;
/** The form's fields as posted: derived from the server's line schema (a type-only import ships no zod). */
export type LineFormValues = LineFormInput;

export type LineFormResult =
  | {
      intent: string;
      result: SubmissionResult<string[]> | null;
      conflict: unknown;
      /** A line saved: its fields as stored come with an update (the grid's undo starts from them). */
      saved?: { lineId: string; version: number; values?: Partial<LineFormValues> };
      checks?: { list: LineCheck[]; key: string };
    }
  | undefined;

/** Where open line forms report whether they hold unsaved edits (the page warns before they are lost). */
export const UnsavedEditsContext = createContext<((formId: string, dirty: boolean) => void) | null>(null);

/** Add or edit one line: ecosystem → placement → destination → model narrow as you choose; keyboard first. */
export function LineForm({
  id,
  options,
  defaults,
  intent,
  lineId,
  version,
  campaign,
  fetcher,
  onCancel,
  submitLabel,
  base,
  notice,
}: {
  id: string;
  options: Options;
  defaults: Partial<LineFormValues> & { ecosystemId?: string };
  intent: "add-line" | "update-line";
  lineId?: string;
  version?: number;
  campaign: { startDate: string; endDate: string };
  fetcher: ReturnType<typeof useFetcher<LineFormResult>>;
  onCancel?: () => void;
  submitLabel: string;
  /** The line as it was when the person opened it: a colleague's save since then is merged by field. */
  base?: Partial<LineFormValues>;
  /** Said at the top of the form (e.g. that a colleague changed this line meanwhile). */
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const lastResult = fetcher.data?.intent === intent ? (fetcher.data.result ?? undefined) : undefined;
  const checks = fetcher.data?.intent === intent && fetcher.state === "idle" ? fetcher.data.checks : undefined;
  const locale = useLocale();
  const [form, fields] = useForm<LineFormValues>({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", id, lastResult, defaultValue: defaults });
  const initialPlacement = options.placements.find((p) => p.id === defaults.placementId);
  const [ecosystemId, setEcosystemId] = useState(defaults.ecosystemId ?? initialPlacement?.ecosystemId ?? options.ecosystems[0]?.id ?? "");
  const [placementId, setPlacementId] = useState(defaults.placementId ?? "");
  const [destinationId, setDestinationId] = useState(defaults.destinationId ?? "");
  const [mode, setMode] = useState<string>(defaults.flightingMode ?? "even");
  const [start, setStart] = useState(defaults.startDate ?? campaign.startDate);
  const [end, setEnd] = useState(defaults.endDate ?? campaign.endDate);
  const placements = options.placements.filter((p) => p.ecosystemId === ecosystemId);
  const placement = options.placements.find((p) => p.id === placementId);
  const destinations = placement?.destinations ?? [];
  const models = placement?.buyingModels ?? [];
  const weeks = useMemo(() => (mode === "custom" && start && end && start <= end ? weeksInRange(start, end) : []), [mode, start, end]);
  const firstField = useRef<HTMLSelectElement>(null);
  // Opening an editor moves the keyboard into it (issue 12, "Phone and keyboard").
  useEffect(() => {
    if (intent === "update-line") firstField.current?.focus();
  }, [intent]);
  const reportUnsaved = useContext(UnsavedEditsContext);
  useEffect(() => {
    reportUnsaved?.(id, form.dirty);
    return () => reportUnsaved?.(id, false);
  }, [reportUnsaved, id, form.dirty]);
  useEffect(() => {
    // After a successful add, be ready for the next line from the keyboard.
    if (intent === "add-line" && fetcher.state === "idle" && fetcher.data?.saved) firstField.current?.focus();
  }, [fetcher.state, fetcher.data, intent]);
  const destinationLevel = destinationId ? options.destinations[destinationId]?.level : undefined;
  // The target's unit follows the KPI chosen (conform tracks the field's value as it changes).
  const kpiUnit = options.kpis.find((k) => k.id === (fields.kpiId.value ?? defaults.kpiId))?.unit;
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="space-y-3" data-testid={`line-form-${intent}`}>
      <input type="hidden" name="intent" value={intent} />
      {lineId ? <input type="hidden" name="lineId" value={lineId} /> : null}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {base ? <input type="hidden" name="base" value={JSON.stringify(base)} /> : null}
      {notice ? (
        <p role="status" className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950" data-testid="line-changed-meanwhile">
          {notice}
        </p>
      ) : null}
      <FormErrors errors={form.errors} />
      <div className="grid gap-3 md:grid-cols-4">
        <ChoiceField
          id={`${id}-ecosystem`}
          label={t("planner.ecosystem")}
          selectRef={firstField}
          value={ecosystemId}
          onChange={(value) => {
            setEcosystemId(value);
            setPlacementId("");
            setDestinationId("");
          }}
          options={options.ecosystems.map((e) => ({ value: e.id, label: e.label }))}
        />
        <ChoiceField
          meta={fields.placementId}
          label={t("planner.placement")}
          value={placementId}
          onChange={(value) => {
            const next = options.placements.find((p) => p.id === value);
            setPlacementId(value);
            setDestinationId(next?.destinations[0] ?? "");
          }}
          options={[NO_CHOICE, ...placements.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <ChoiceField
          meta={fields.destinationId}
          label={t("planner.destination")}
          value={destinationId}
          onChange={setDestinationId}
          options={[NO_CHOICE, ...destinations.map((d) => ({ value: d, label: options.destinations[d]?.name ?? d }))]}
        >
          {destinationLevel ? (
            <p className="mt-1">
              <DataLevelBadge level={destinationLevel} />
            </p>
          ) : null}
        </ChoiceField>
        <ChoiceField
          meta={fields.buyingModel}
          label={t("planner.buyingModel")}
          defaultValue={defaults.buyingModel ?? placement?.defaultBuyingModel}
          resetKey={placementId}
          options={models.map((m) => ({ value: m, label: t(`model.${m}`) }))}
        />
        <TextField meta={fields.budget} label={t("planner.lineBudget")} />
        <TextField meta={fields.unitCost} label={t("planner.unitCost")} help={t("planner.unitCostHelp")} />
        <DateField meta={fields.startDate} label={t("planner.startDate")} value={start} campaign={campaign} onChange={setStart} />
        <DateField meta={fields.endDate} label={t("planner.endDate")} value={end} campaign={campaign} onChange={setEnd} />
        <SelectField meta={fields.kpiId} label={t("planner.kpi")} options={[{ value: "", label: t("planner.noKpi") }, ...options.kpis.map((k) => ({ value: k.id, label: k.name }))]} />
        <TextField meta={fields.kpiTarget} label={t("planner.kpiTarget")} help={kpiUnit ? t(`planner.kpiTargetHelp.${kpiUnit}`) : undefined} />
        <TextField meta={fields.name} label={t("planner.lineName")} help={t("planner.lineNameHelp")} className="md:col-span-2" />
        <TextField meta={fields.audienceNotes} label={t("planner.audienceNotes")} className="md:col-span-2" />
        <TextField meta={fields.formatNotes} label={t("planner.formatNotes")} className="md:col-span-2" />
        <ChoiceField
          meta={fields.flightingMode}
          label={t("planner.flighting")}
          value={mode}
          onChange={setMode}
          options={(["even", "front", "back", "custom"] as const).map((m) => ({ value: m, label: t(`planner.flightingMode.${m}`) }))}
        />
      </div>
      {weeks.length > 0 ? (
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("planner.customWeeks")}</legend>
          <div className="grid grid-cols-2 gap-2 md:grid-cols-6">
            {weeks.map((w) => (
              <label key={w.week} className="text-xs">
                {w.week}
                <input
                  name={`flight.${w.week}`}
                  defaultValue={defaults.flight?.[w.week] ?? ""}
                  inputMode="decimal"
                  className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-sm"
                />
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {checks ? (
        <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950" data-testid="line-checks">
          <p className="font-semibold">{t("planner.checksTitle")}</p>
          <ul className="list-disc pl-5">
            {checks.list.map((check) => (
              <li key={check.code}>
                {check.code === "duplicate-name"
                  ? t("planner.check.duplicate-name", { name: check.params.name })
                  : t(`planner.check.${check.code}`, { unitCost: formatMoney(check.params.unitCostFen, locale), benchmark: formatMoney(check.params.benchmarkFen, locale) })}
              </li>
            ))}
          </ul>
          <input type="hidden" name="acknowledged" value={checks.key} />
        </div>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={fetcher.state !== "idle"}>
          {checks ? t("planner.addAnyway") : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn-secondary" onClick={onCancel}>
            {t("planner.cancel")}
          </button>
        ) : null}
      </div>
    </fetcher.Form>
  );
}

/** A saved line as form values (money back to the planner's decimal notation). */
export function lineToFormValues(line: LineInput & { ecosystemId: string; kpiTargetInput: string }): Partial<LineFormValues> & { ecosystemId: string } {
  return {
    ecosystemId: line.ecosystemId,
    name: line.name,
    placementId: line.placementId,
    destinationId: line.destinationId,
    buyingModel: line.buyingModel,
    unitCost: line.unitCostFen === null ? "" : fenToYuanString(line.unitCostFen),
    budget: fenToYuanString(line.budgetFen),
    startDate: line.startDate,
    endDate: line.endDate,
    kpiId: line.kpiId ?? "",
    kpiTarget: line.kpiTargetInput,
    audienceNotes: line.audienceNotes,
    formatNotes: line.formatNotes,
    flightingMode: line.flightingMode,
    flight: Object.fromEntries(Object.entries(line.customFlightingFen ?? {}).map(([w, fen]) => [w, fenToYuanString(fen)])),
  };
}

const NO_CHOICE = { value: "", label: "—" };

/** A select of the line form: controlled (value + onChange) where a choice narrows the next one, else uncontrolled (defaultValue, remounted with resetKey). */
function ChoiceField({
  meta,
  id,
  label,
  options,
  value,
  defaultValue,
  onChange,
  resetKey,
  selectRef,
  children,
}: {
  meta?: FieldMetadata<string | undefined>;
  id?: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  resetKey?: string;
  selectRef?: React.Ref<HTMLSelectElement>;
  children?: React.ReactNode;
}) {
  const selectId = meta?.id ?? id;
  return (
    <div>
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={selectId}
        name={meta?.name}
        ref={selectRef}
        key={resetKey}
        {...(onChange ? { value, onChange: (e: React.ChangeEvent<HTMLSelectElement>) => onChange(e.target.value) } : { defaultValue })}
        aria-invalid={meta?.errors ? true : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {children}
      {meta ? <ErrorList errors={meta.errors} /> : null}
    </div>
  );
}

/** A date of the line, kept inside the campaign's dates by the picker (the server checks again). */
function DateField({
  meta,
  label,
  value,
  campaign,
  onChange,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  value: string;
  campaign: { startDate: string; endDate: string };
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        type="date"
        id={meta.id}
        name={meta.name}
        defaultValue={value}
        min={campaign.startDate}
        max={campaign.endDate}
        onChange={(e) => onChange(e.target.value)}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <ErrorList errors={meta.errors} />
    </div>
  );
}
