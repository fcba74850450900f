import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Resources } from "~/i18n/en";
import { useRouteStrings } from "~/i18n/i18n";

export type ToastView = { kind: "success" | "error" | "info"; key: string; params?: Record<string, string | number>; undo?: { action: string; fields: Record<string, string> } };

const STYLES: Record<ToastView["kind"], string> = {
  success: "border-teal-700 bg-teal-50 text-teal-950",
  error: "border-red-700 bg-red-50 text-red-950",
  info: "border-slate-500 bg-white text-slate-900",
};

/** A status message after a successful action; announced politely, dismissed after 6 s (12 s with an Undo) or by hand. */
export function Toaster({ toast, strings }: { toast: ToastView | null; strings?: Partial<Resources> }) {
  useRouteStrings(strings);
  const { t } = useTranslation();
  const [visible, setVisible] = useState<ToastView | null>(toast);
  useEffect(() => {
    // A later load without a toast (a live update, the revalidation after a save) must not hide this one.
    if (toast) setVisible(toast);
  }, [toast]);
  useEffect(() => {
    if (!visible) return;
    // Long enough to reach "Undo".
    const timer = setTimeout(() => setVisible(null), visible.undo ? 12_000 : 6_000);
    return () => clearTimeout(timer);
  }, [visible]);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-50 flex flex-col gap-2">
      {visible ? (
        <div className={`pointer-events-auto flex max-w-[calc(100vw-2rem)] items-center gap-3 rounded-md border-l-4 px-4 py-3 shadow-lg ${STYLES[visible.kind]}`} data-testid="toast">
          <span className="min-w-0 text-sm [overflow-wrap:anywhere]">{t(visible.key, visible.params)}</span>
          {visible.undo ? (
            <Form method="post" action={visible.undo.action} preventScrollReset onSubmit={() => setVisible(null)}>
              {Object.entries(visible.undo.fields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <button type="submit" className="rounded border border-current px-2 py-0.5 text-sm font-medium" data-testid="toast-undo">
                {t("toast.undo")}
              </button>
            </Form>
          ) : null}
          <button type="button" className="text-sm underline" onClick={() => setVisible(null)}>
            {t("toast.close")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
