import { getInputProps, getSelectProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/config";
import { translateMessage } from "~/i18n/message";

/** Turns error messages from the server (a key, or a key with its values: see app/i18n/message.ts) into the reader's words. */
function useMessageText(): (message: string) => string {
  const { t, i18n } = useTranslation();
  const locale: Locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  return (message) => translateMessage((key, options) => t(key, options), message, locale);
}

/** Field errors are messages from the server; shown next to the field, announced to screen readers. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const text = useMessageText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700 [overflow-wrap:anywhere]" aria-live="polite">
      {errors.map((error) => (
        <li key={error}>{text(error)}</li>
      ))}
    </ul>
  );
}

type TextFieldProps = {
  meta: FieldMetadata<string | undefined>;
  label: string;
  type?: "text" | "email" | "password" | "number" | "date" | "url";
  help?: string;
  autoComplete?: string;
  className?: string;
  readOnly?: boolean;
  inputClassName?: string;
};

/** A field's frame: its label, the control (and any help), its errors. */
function FieldFrame({ meta, label, className, children }: { meta: FieldMetadata<string | undefined>; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextField({ meta, label, type = "text", help, autoComplete, className, readOnly, inputClassName }: TextFieldProps) {
  const input = getInputProps(meta, { type, ariaDescribedBy: help ? `${meta.id}-help` : undefined });
  return (
    <FieldFrame meta={meta} label={label} className={className}>
      <input
        {...input}
        key={input.key}
        autoComplete={autoComplete}
        readOnly={readOnly}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm ${meta.errors ? "border-red-600" : "border-slate-300"} ${inputClassName ?? ""}`}
      />
      {help ? (
        <p id={`${meta.id}-help`} className="mt-1 text-xs text-slate-600">
          {help}
        </p>
      ) : null}
    </FieldFrame>
  );
}

export function SelectField({
  meta,
  label,
  options,
  className,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  options: { value: string; label: string }[];
  className?: string;
}) {
  const select = getSelectProps(meta);
  return (
    <FieldFrame meta={meta} label={label} className={className}>
      <select
        {...select}
        key={select.key}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${meta.errors ? "border-red-600" : "border-slate-300"}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * A conform reply's errors for one field, or for the whole form (""), where a form keeps no conform
 * state of its own (one form per row, a fetcher form that redirects on success). `Fields` is the
 * schema's input type, imported with `import type` so zod stays on the server.
 */
export function replyErrors<Fields>(result: SubmissionResult<string[]> | null | undefined, name: (keyof Fields & string) | ""): string[] | undefined {
  return result?.error?.[name] ?? undefined;
}

export function FormErrors({ errors }: { errors?: string[] | null }) {
  const text = useMessageText();
  if (!errors?.length) return null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 [overflow-wrap:anywhere]">
      {errors.map((error) => (
        <p key={error}>{text(error)}</p>
      ))}
    </div>
  );
}

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 className="min-w-0 text-2xl font-bold text-slate-900 [overflow-wrap:anywhere]">{children}</h1>
      {actions ? <div className="flex flex-wrap items-center gap-2 [&_.btn-primary]:whitespace-nowrap [&_.btn-secondary]:whitespace-nowrap">{actions}</div> : null}
    </div>
  );
}
