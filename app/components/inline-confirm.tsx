import { Form } from "@remix-run/react";
import { useId, useState } from "react";
import { HiddenFields, labelFor, type HiddenValues } from "./post-button";

// Two looks: "danger" fits a table row's narrow action cell (message above the buttons), "caution" a page's toolbar (one row).
const LOOKS = {
  danger: { form: "col-span-2 space-y-1 rounded border border-red-300 bg-red-50 p-1", message: "text-xs text-red-900", button: "btn-secondary text-red-800", isStacked: true },
  caution: { form: "flex flex-wrap items-center gap-2 rounded border border-amber-400 bg-amber-50 px-2 py-1", message: "text-sm text-amber-950", button: "btn-secondary", isStacked: false },
} as const;

/**
 * A destructive step asked about in place: the button opens a small form with the question, "yes"
 * (focused, so Enter confirms) and "cancel". `subject` names the row for screen readers, or `subjectId`:
 * the element that names it (a long name then is not repeated in every row's buttons).
 */
export function InlineConfirm({
  look,
  testId,
  values,
  labels,
  subject,
  subjectId,
  preventScrollReset,
}: {
  look: keyof typeof LOOKS;
  testId: string;
  values: HiddenValues;
  labels: { open: string; question: string; confirm: string; cancel: string };
  subject?: string;
  subjectId?: string;
  preventScrollReset?: boolean;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const buttonId = useId();
  // The button's own words, then the row's name.
  const named = (label: string) => (subjectId ? { id: buttonId, "aria-labelledby": `${buttonId} ${subjectId}` } : { "aria-label": labelFor(label, subject) });
  const style = LOOKS[look];
  if (!isOpen) {
    return (
      <button type="button" className={style.button} onClick={() => setIsOpen(true)} {...named(labels.open)}>
        {labels.open}
      </button>
    );
  }
  const buttons = (
    <>
      <button type="submit" className={style.button} autoFocus {...named(labels.confirm)}>
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
