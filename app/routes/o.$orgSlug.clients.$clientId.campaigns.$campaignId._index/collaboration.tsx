import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, replyErrors } from "~/components/forms";
import type { Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import type { WorkflowStepInput } from "~/services/forms/collaboration.server";
import { CommentForm } from "./comment-form";

type Workflow = {
  status: string;
  planVersion: number;
  agencyApproved: boolean;
  clientApproved: boolean;
  lastRejection: { reason: string; version: number } | null;
  actions: string[];
  /** Who approves, by side, not counting the person looking (null when no approval is ahead). */
  approvers: { agency: string[]; client: string[] } | null;
  /** Lines above the campaign budget, in fen (0 when within it): submitting then asks first. */
  overBudgetFen: number;
  overBudgetText: string;
  teamPath: string;
};

/** Status, the two approvals, and the steps this person may take now. */
export function WorkflowPanel({ workflow }: { workflow: Workflow }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ result: SubmissionResult<string[]> }>({ key: "workflow" });
  const [reason, setReason] = useState("");
  const [confirmingSubmit, setConfirmingSubmit] = useState(false);
  const result = fetcher.state === "idle" ? fetcher.data?.result : undefined;
  const reasonErrors = replyErrors<WorkflowStepInput>(result, "reason");
  const askBeforeSubmit = workflow.overBudgetFen > 0 && !confirmingSubmit;
  return (
    <section className="card" aria-labelledby="workflow-title" data-testid="workflow">
      <h2 id="workflow-title" className="text-lg font-semibold">
        {t("collab.workflowTitle")}
      </h2>
      <p className="text-sm text-slate-700" data-testid="workflow-status">
        {t("collab.statusNow", { status: t(`planner.statusName.${workflow.status}`), version: workflow.planVersion })}
      </p>
      <p className="mt-1 text-sm">
        {t("collab.agencyApproval")}: <strong>{workflow.agencyApproved ? `✓ ${t("collab.approvedBy")}` : t("collab.pending")}</strong> · {t("collab.clientApproval")}:{" "}
        <strong>{workflow.clientApproved ? `✓ ${t("collab.approvedBy")}` : t("collab.pending")}</strong>
      </p>
      {workflow.lastRejection && workflow.status === "draft" ? (
        <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-950">{t("collab.lastRejection", workflow.lastRejection)}</p>
      ) : null}
      {workflow.approvers ? (
        <p className="mt-1 text-sm text-slate-700" data-testid="approvers">
          {t("collab.approversAgency", { names: workflow.approvers.agency.join(", ") || "—" })} · {t("collab.approversClient", { names: workflow.approvers.client.join(", ") || "—" })}
        </p>
      ) : null}
      {workflow.approvers && workflow.approvers.agency.length === 0 && workflow.status === "draft" ? (
        <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-950" data-testid="no-approver">
          {t("collab.noAgencyApprover")}{" "}
          <Link to={workflow.teamPath} className="underline">
            {t("collab.inviteApprover")}
          </Link>
        </p>
      ) : null}
      {workflow.actions.length > 0 ? (
        <fetcher.Form method="post" action="workflow" className="mt-3 space-y-2">
          <input type="hidden" name="seenVersion" value={workflow.planVersion} />
          {workflow.actions.includes("reject") ? (
            <label className="block text-sm">
              {t("collab.reason")}
              <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} aria-invalid={reasonErrors ? true : undefined} aria-describedby={reasonErrors ? "workflow-reason-error" : undefined} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1" />
              <ErrorList id="workflow-reason-error" errors={reasonErrors} />
            </label>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {workflow.actions.map((action) =>
              action === "submit" && askBeforeSubmit ? (
                // Its own key: turning this very button into a submit button during the click would send the form.
                <button key={`${action}-ask`} type="button" className="btn-primary" onClick={() => setConfirmingSubmit(true)}>
                  {t(`collab.action.${action}`)}
                </button>
              ) : (
                <button key={action} type="submit" name="intent" value={action} className={action === "reject" || action === "archive" ? "btn-secondary" : "btn-primary"}>
                  {action === "submit" && confirmingSubmit ? t("collab.submitAnyway") : t(`collab.action.${action}`)}
                </button>
              ),
            )}
          </div>
          {confirmingSubmit && workflow.overBudgetFen > 0 ? (
            <p role="alert" className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-950" data-testid="over-budget-warning">
              {t("collab.overBudgetSubmit", { amount: workflow.overBudgetText })}
            </p>
          ) : null}
          <ErrorList errors={replyErrors(result, "")} />
        </fetcher.Form>
      ) : null}
    </section>
  );
}

type Comment = { id: string; lineId: string | null; lineName: string | null; parentId: string | null; authorName: string; body: string; createdAt: string; resolvedAt: string | null };

export function CommentsPanel({ comments, lines, canComment, locale }: { comments: Comment[]; lines: { id: string; name: string }[]; canComment: boolean; locale: Locale }) {
  const { t } = useTranslation();
  const threads = comments.filter((c) => !c.parentId);
  const lineName = new Map(lines.map((l) => [l.id, l.name]));
  return (
    <section id="comments" className="card space-y-3" aria-labelledby="comments-title" data-testid="comments">
      <h2 id="comments-title" className="text-lg font-semibold">
        {t("collab.commentsTitle")}
      </h2>
      {threads.length === 0 ? <p className="text-sm text-slate-600">{t("collab.noComments")}</p> : null}
      <ul className="space-y-3">
        {threads.map((thread) => (
          <li key={thread.id} className={`min-w-0 rounded-md border p-3 ${thread.resolvedAt ? "border-slate-200 bg-slate-50" : "border-teal-200"}`} data-testid="comment-thread">
            {/* A long unbroken word wraps instead of stretching the page (issue 12). */}
            <p className="text-xs text-slate-600 [overflow-wrap:anywhere]">
              {thread.lineId ? `${t("collab.onLine")}: ${lineName.get(thread.lineId) ?? thread.lineName ?? "—"}` : t("collab.wholePlan")} · {thread.authorName} · {formatDateTime(thread.createdAt, locale)}
              {thread.resolvedAt ? ` · ${t("collab.resolved")}` : ""}
            </p>
            <p className="mt-1 whitespace-pre-wrap text-sm [overflow-wrap:anywhere]" data-testid="comment-body-text">
              {thread.body}
            </p>
            <ul className="ml-4 mt-2 space-y-1 border-l border-slate-200 pl-3">
              {comments
                .filter((c) => c.parentId === thread.id)
                .map((reply) => (
                  <li key={reply.id} className="min-w-0 text-sm">
                    <span className="text-xs text-slate-600 [overflow-wrap:anywhere]">
                      {reply.authorName} · {formatDateTime(reply.createdAt, locale)}
                    </span>
                    <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{reply.body}</p>
                  </li>
                ))}
            </ul>
            {canComment ? (
              <div className="mt-2 flex flex-wrap items-end gap-2">
                <CommentForm parentId={thread.id} label={t("collab.reply")} submitLabel={t("collab.reply")} />
                <Form method="post" action="comments">
                  <input type="hidden" name="commentId" value={thread.id} />
                  <button type="submit" name="intent" value={thread.resolvedAt ? "reopen" : "resolve"} className="btn-secondary">
                    {thread.resolvedAt ? t("collab.reopen") : t("collab.resolve")}
                  </button>
                </Form>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {canComment ? <CommentForm lines={lines} label={t("collab.commentLabel")} submitLabel={t("collab.post")} testId="new-comment" /> : null}
    </section>
  );
}

type Live = { planVersion: number; latest: { action: string; subjectType: string; actorName: string | null; byMe: boolean } | null; viewers: string[] };

/**
 * The plan's live state. An event stream (…/events) says when the plan changed, on any instance; the
 * page then fetches …/live at once, and otherwise only every 30 s (who else is looking). Without a
 * stream (not supported, broken, or the server has none) it polls every 4 s and sends its own
 * heartbeat. Plain fetches, not a fetcher: a 503 while the database is away must not replace the page
 * with the error view; the poll then waits as long as Retry-After says and a quiet notice shows.
 * Hidden tabs neither poll nor stream nor count as someone looking.
 */
export function LiveAwareness({ planVersion, intervalMs = 4_000 }: { planVersion: number; intervalMs?: number }) {
  const { t } = useTranslation();
  const [liveData, setLiveData] = useState<Live | null>(null);
  const [isAway, setIsAway] = useState(false);
  const revalidator = useRevalidator();
  const [notice, setNotice] = useState<string | null>(null);
  const known = useRef(planVersion);
  const loadedVersion = useRef(planVersion);
  useEffect(() => {
    known.current = Math.max(known.current, planVersion);
    loadedVersion.current = planVersion;
  }, [planVersion]);
  useEffect(() => {
    const base = window.location.pathname.replace(/\/$/, "");
    const liveUrl = `${base}/live`;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let nextBeat = 0;
    let stream: EventSource | null = null;
    const isStreaming = () => stream !== null && stream.readyState === EventSource.OPEN;
    const schedule = (waitMs: number) => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(tick, waitMs);
    };
    const tick = async () => {
      let waitMs = isStreaming() ? 30_000 : intervalMs;
      if (document.visibilityState === "visible") {
        // The stream's server writes presence; without one the page says it is looking itself.
        if (!isStreaming() && Date.now() >= nextBeat) {
          nextBeat = Date.now() + 10_000;
          void fetch(liveUrl, { method: "POST", credentials: "same-origin" }).catch(() => {});
        }
        try {
          const response = await fetch(liveUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
          if (response.ok) {
            setLiveData((await response.json()) as Live);
            setIsAway(false);
          } else if (response.status === 503) {
            setIsAway(true);
            waitMs = Math.max(waitMs, Number(response.headers.get("Retry-After") ?? 0) * 1000);
          }
        } catch {
          setIsAway(true);
        }
      }
      schedule(waitMs);
    };
    const openStream = () => {
      if (stream || typeof EventSource === "undefined" || document.visibilityState !== "visible") return;
      stream = new EventSource(`${base}/events`);
      const now = () => schedule(0);
      stream.addEventListener("change", now);
      stream.addEventListener("resync", now);
      stream.addEventListener("open", now);
      // The server has no stream for us (204) or it broke: EventSource retries by itself; we poll meanwhile.
      stream.addEventListener("error", () => {
        if (stream?.readyState === EventSource.CLOSED) stream = null;
      });
    };
    const closeStream = () => {
      stream?.close();
      stream = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        openStream();
        schedule(0);
      } else closeStream();
    };
    document.addEventListener("visibilitychange", onVisibility);
    openStream();
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      closeStream();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [intervalMs]);
  useEffect(() => {
    const data = liveData;
    if (!data || data.planVersion <= known.current) return;
    known.current = data.planVersion;
    if (data.latest && !data.latest.byMe) {
      setNotice(t("collab.liveChanged", { who: data.latest.actorName ?? t("collab.someone"), what: `${data.latest.subjectType.replace("_", " ")} ${data.latest.action}` }));
    }
    if (data.latest?.byMe) {
      // The person's own save: the page reloads with that action (and reads its toast). Revalidating
      // now would race it and could swallow the toast; only a change from their other tab is left
      // to do, once that reload has had its time.
      const version = data.planVersion;
      const later = setTimeout(() => {
        if (loadedVersion.current < version && revalidator.state === "idle") revalidator.revalidate();
      }, 2_000);
      return () => clearTimeout(later);
    }
    if (revalidator.state === "idle") revalidator.revalidate();
  }, [liveData, revalidator, t]);
  return (
    <div aria-live="polite" className="space-y-1">
      {isAway ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="live-away">
          {t("errors.unavailableBody")}
        </p>
      ) : null}
      {notice ? (
        <p className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950" data-testid="live-notice">
          {notice}
        </p>
      ) : null}
      {liveData && liveData.viewers.length > 0 ? (
        <p className="text-xs text-slate-600" data-testid="viewers">
          {t("collab.viewing", { names: liveData.viewers.join(", ") })}
        </p>
      ) : null}
    </div>
  );
}

export function CollaborationLinks() {
  const { t } = useTranslation();
  return (
    <p className="flex gap-3 text-sm">
      <Link to="versions" className="text-teal-800 underline">
        {t("collab.versions")}
      </Link>
      <Link to="activity" className="text-teal-800 underline">
        {t("collab.activity")}
      </Link>
    </p>
  );
}
