import { getFormProps, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { CampaignFormInput } from "~/services/forms/planner.server";
import { useTranslation } from "react-i18next";
import { OBJECTIVES, REPORTING_CURRENCIES } from "~/domain/plan";
import { SelectField, TextField } from "./forms";

type CampaignFieldsMeta = { [Field in keyof CampaignFormShape]: FieldMetadata<string | undefined> };

/** The campaign's own fields, shared by "new campaign" and "edit campaign details". */
export function CampaignFields({ fields }: { fields: CampaignFieldsMeta }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TextField meta={fields.name} label={t("planner.name")} className="md:col-span-2" />
      <SelectField meta={fields.objective} label={t("planner.objective")} options={OBJECTIVES.map((o) => ({ value: o, label: t(`planner.objectiveName.${o}`) }))} />
      <TextField meta={fields.budget} label={t("planner.budget")} help={t("planner.budgetHelp")} />
      <TextField meta={fields.startDate} label={t("planner.startDate")} type="date" />
      <TextField meta={fields.endDate} label={t("planner.endDate")} type="date" />
      <SelectField meta={fields.reportingCurrency} label={t("planner.reportingCurrency")} options={REPORTING_CURRENCIES.map((c) => ({ value: c, label: c }))} />
      <TextField meta={fields.fxRate} label={t("planner.fxRate")} help={t("planner.fxHelp")} />
      <TextField meta={fields.notes} label={t("planner.notes")} className="md:col-span-2" />
    </div>
  );
}

/** The campaign form of "new campaign" and "edit campaign details": what the form sends first (intent, version, errors), the fields, its button. */
export function CampaignForm({
  form,
  fields,
  className,
  submitLabel,
  children,
}: {
  form: FormMetadata<CampaignFormShape, string[]>;
  fields: CampaignFieldsMeta;
  className: string;
  submitLabel: string;
  children?: ReactNode;
}) {
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      {children}
      <CampaignFields fields={fields} />
      <button type="submit" className="btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}

/** The campaign form's fields as posted, from the server's schema (a type-only import ships no zod). */
export type CampaignFormShape = CampaignFormInput;
