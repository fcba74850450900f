import { Form } from "@remix-run/react";
import { useState } from "react";
import { HiddenFields, labelFor, type HiddenValues } from "./post-button";

// Two looks: "danger" fits a table row's narrow action cell (message above the buttons), "caution" a page's toolbar (one row).
const LOOKS = {
  danger: { form: "col-span-2 space-y-1 rounded border border-red-300 bg-red-50 p-1", message: "text-xs text-red-900", button: "btn-secondary text-red-800", isStacked: true },
  caution: { form: "flex flex-wrap items-center gap-2 rounded border border-amber-400 bg-amber-50 px-2 py-1", message: "text-sm text-amber-950", button: "btn-secondary", isStacked: false },
} as const;

/**
 * A destructive step asked about in place: the button opens a small form with the question, "yes"
 * (focused, so Enter confirms) and "cancel". `subject` names the row for screen readers.
 */
export function InlineConfirm({
  look,
  testId,
  values,
  labels,
  subject,
  preventScrollReset,
}: {
  look: keyof typeof LOOKS;
  testId: string;
  values: HiddenValues;
  labels: { open: string; question: string; confirm: string; cancel: string };
  subject?: string;
  preventScrollReset?: boolean;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const style = LOOKS[look];
  if (!isOpen) {
    return (
      <button type="button" className={style.button} onClick={() => setIsOpen(true)} aria-label={labelFor(labels.open, subject)}>
        {labels.open}
      </button>
    );
  }
  const buttons = (
    <>
      <button type="submit" className={style.button} autoFocus aria-label={labelFor(labels.confirm, subject)}>
        {labels.confirm}
      </button>
      <button type="button" className="btn-secondary" onClick={() => setIsOpen(false)}>
        {labels.cancel}
      </button>
    </>
  );
  return (
    <Form method="post" preventScrollReset={preventScrollReset} className={style.form} data-testid={testId}>
      {style.isStacked ? <p className={style.message}>{labels.question}</p> : <span className={style.message}>{labels.question}</span>}
      <HiddenFields values={values} />
      {style.isStacked ? <div className="flex gap-1">{buttons}</div> : buttons}
    </Form>
  );
}
