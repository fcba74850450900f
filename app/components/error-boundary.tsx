import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The one error view: a message a planner understands, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // Expected errors carry a message written for people (data.message); anything else stays generic.
  // Expected errors may carry an i18n key (data.messageKey) written for people.
  const message =
    isRouteErrorResponse(error) && error.data && typeof error.data === "object" && "messageKey" in error.data
      ? t(String((error.data as { messageKey: unknown }).messageKey))
      : null;
  const [title, body] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundBody")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbiddenBody")]
        : status === 503
          ? [t("errors.unavailableTitle"), t("errors.unavailableBody")]
          : status === 409
            ? [t("errors.conflictTitle"), ""]
            : status >= 400 && status < 500
            ? [t("errors.badRequestTitle"), ""]
            : [t("errors.genericTitle"), t("errors.genericBody")];
  return (
    <section className="card mx-auto mt-8 max-w-xl" aria-labelledby="error-title">
      <p className="text-sm font-semibold text-slate-500">{status}</p>
      <h1 id="error-title" className="mt-1 text-2xl font-bold">
        {title}
      </h1>
      {message ? <p className="mt-3 text-slate-700">{message}</p> : body ? <p className="mt-3 text-slate-700">{body}</p> : null}
      <p className="mt-6">
        <Link to="/" className="btn-primary">
          {t("errors.goHome")}
        </Link>
      </p>
    </section>
  );
}
