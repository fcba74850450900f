import type { FieldMetadata } from "@conform-to/react";
import { Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "./forms";

/** The submit button of the sign-in and sign-up forms: full width, and off while the form is on its way. */
export function AuthSubmit({ label }: { label: string }) {
  const isSubmitting = useNavigation().state === "submitting";
  return (
    <button type="submit" className="btn-primary w-full justify-center" disabled={isSubmitting}>
      {label}
    </button>
  );
}

/** Under one way in, the other: "No account yet? Sign up" / "Have an account? Sign in". */
export function OtherWayIn({ question, to, label }: { question: string; to: string; label: string }) {
  return (
    <p className="mt-4 text-sm text-slate-700">
      {question}{" "}
      <Link to={to} className="font-medium text-teal-800 underline">
        {label}
      </Link>
    </p>
  );
}

/** A new password, with the rules it must meet under it (sign-up, an invitation's sign-up, a password change). */
export function NewPasswordField({ meta, label }: { meta: FieldMetadata<string | undefined>; label: string }) {
  const { t } = useTranslation();
  return <TextField meta={meta} label={label} type="password" autoComplete="new-password" help={t("auth.passwordHelp")} />;
}
