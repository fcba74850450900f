import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The plan-file upload (import into a plan, or a new campaign from a file), with progress while it is checked. */
export function UploadForm({ submitLabel, children }: { submitLabel: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" encType="multipart/form-data" className="card flex flex-wrap items-end gap-3">
      <label className="text-sm">
        {t("import.file")}
        <input type="file" name="file" accept=".xlsx,.csv,.json" required className="mt-1 block text-sm" />
      </label>
      <button type="submit" className="btn-primary" disabled={busy}>
        {submitLabel}
      </button>
      {busy ? <progress aria-label={t("import.progress")} className="w-48" /> : null}
      {children}
    </Form>
  );
}
