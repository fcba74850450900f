import { Form } from "@remix-run/react";

export type HiddenValues = Record<string, string | number>;

/** The hidden inputs of a form that acts on a thing: its intent and the ids (and version) it acts on, in order. */
export function HiddenFields({ values }: { values: HiddenValues }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** The accessible name of a button repeated per row: its label and the row it acts on ("Remove — Ana"). */
export function labelFor(label: string, subject?: string): string | undefined {
  return subject ? `${label} — ${subject}` : undefined;
}

/** A form that is one button: posts its hidden values. `subject` names the row it acts on for screen readers. */
export function PostButton({
  values,
  label,
  subject,
  action,
  preventScrollReset,
  className = "btn-secondary",
}: {
  values: HiddenValues;
  label: string;
  subject?: string;
  action?: string;
  preventScrollReset?: boolean;
  className?: string;
}) {
  return (
    <Form method="post" action={action} preventScrollReset={preventScrollReset}>
      <HiddenFields values={values} />
      <button type="submit" className={className} aria-label={labelFor(label, subject)}>
        {label}
      </button>
    </Form>
  );
}
