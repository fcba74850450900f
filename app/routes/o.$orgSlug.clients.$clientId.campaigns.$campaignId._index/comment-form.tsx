import type { SubmissionResult } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, replyErrors } from "~/components/forms";
import { COMMENT_MAX_CHARACTERS } from "~/domain/comments";
import { countCharacters } from "~/domain/text-length";
import { insertMention, mentionQueryAt, suggestMentions, type TeamMember } from "~/domain/mentions";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { formatNumber } from "~/i18n/format";
import type { PostCommentInput } from "~/services/forms/collaboration.server";

type Member = TeamMember & { role: string };

/** The teammates who can be mentioned: asked of …/comments once, when a comment box is first used, and shared by every box. */
function useMentionableTeam(): { members: Member[] | null; load: () => void } {
  const fetcher = useFetcher<{ members: Member[] }>({ key: "mentionable-team" });
  const { state, data, load } = fetcher;
  const loadOnce = useCallback(() => {
    if (state === "idle" && data === undefined) load("comments");
  }, [state, data, load]);
  return { members: data?.members ?? null, load: loadOnce };
}

// Server-side rendering has no layout effect to run; the browser has.
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

type CommentFormProps = {
  /** A reply joins this thread; without it the comment starts a thread (on the plan or on a chosen line). */
  parentId?: string;
  lines?: { id: string; name: string }[];
  label: string;
  submitLabel: string;
  testId?: string;
};

/**
 * A comment box: "@" suggests the client team's members (arrow keys choose, Enter or Tab mention,
 * Escape closes; the list is the box's aria-activedescendant popup), and a comment over the limit
 * comes back refused with its length, the typed text kept (issue 12).
 */
export function CommentForm({ parentId, lines, label, submitLabel, testId }: CommentFormProps) {
  const { t, i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const fetcher = useFetcher<{ result: SubmissionResult<string[]>; posted?: boolean }>();
  const team = useMentionableTeam();
  const [body, setBody] = useState("");
  const [caret, setCaret] = useState(0);
  const [activeIndex, setActiveIndex] = useState(0);
  // The "@" whose suggestions the person closed with Escape (or just used): they stay closed until another "@".
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [isFocused, setIsFocused] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const id = useId();
  const fieldId = `${id}-body`;
  const listId = `${id}-mentions`;
  const errorId = `${id}-error`;
  const countId = `${id}-count`;

  const isIdle = fetcher.state === "idle";
  useEffect(() => {
    if (!isIdle || !fetcher.data?.posted) return;
    form.current?.reset();
    setBody("");
  }, [isIdle, fetcher.data]);
  const result = isIdle ? fetcher.data?.result : undefined;
  // What is wrong with the body is said under it; anything else (an outdated page) for the whole form.
  const errors = [...(replyErrors<PostCommentInput>(result, "body") ?? []), ...(replyErrors(result, "") ?? [])];
  const error = errors.length > 0 ? errors : null;

  const query = team.members ? mentionQueryAt(body, caret) : null;
  const suggestions = isFocused && query && query.start !== dismissedAt && team.members ? suggestMentions(team.members, query.query) : [];
  const isOpen = suggestions.length > 0;
  const active = Math.min(activeIndex, Math.max(0, suggestions.length - 1));
  const optionId = (index: number) => `${id}-mention-${index}`;
  useEffect(() => setActiveIndex(0), [query?.start, query?.query]);

  useBrowserLayoutEffect(() => {
    if (pendingCaret.current === null || !field.current) return;
    field.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [body]);

  const choose = (member: Member) => {
    if (!query || !team.members) return;
    const next = insertMention(body, query, caret, member, team.members);
    pendingCaret.current = next.caret;
    setBody(next.text);
    setCaret(next.caret);
    // The finished mention is not asked about again.
    setDismissedAt(query.start);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // An input method's Enter confirms its composition (拼音 → 汉字); it is not ours.
    if (!isOpen || event.nativeEvent.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActiveIndex((active + step + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(suggestions[active]!);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setDismissedAt(query!.start);
    }
  };

  const length = countCharacters(body);
  const isOverLimit = length > COMMENT_MAX_CHARACTERS;
  const showsCount = length > COMMENT_MAX_CHARACTERS * 0.9;
  const describedBy = [error ? errorId : null, showsCount ? countId : null].filter(Boolean).join(" ") || undefined;
  const fieldProps = {
    ref: field,
    id: fieldId,
    name: "body",
    value: body,
    onChange: (event: { currentTarget: HTMLTextAreaElement | HTMLInputElement }) => {
      setBody(event.currentTarget.value);
      setCaret(event.currentTarget.selectionStart ?? event.currentTarget.value.length);
    },
    onSelect: (event: { currentTarget: HTMLTextAreaElement | HTMLInputElement }) => setCaret(event.currentTarget.selectionStart ?? 0),
    onFocus: () => {
      setIsFocused(true);
      team.load();
    },
    onKeyDown,
    onBlur: () => setIsFocused(false),
    autoComplete: "off",
    "aria-autocomplete": "list" as const,
    "aria-controls": isOpen ? listId : undefined,
    "aria-activedescendant": isOpen ? optionId(active) : undefined,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    "data-testid": "comment-body",
  };
  const fieldClass = `mt-1 block w-full rounded-md border px-2 py-1 text-sm ${error || isOverLimit ? "border-red-600" : "border-slate-300"}`;

  return (
    <fetcher.Form ref={form} method="post" action="comments" className={parentId ? "flex flex-1 flex-wrap items-end gap-2" : "space-y-2"} data-testid={testId}>
      <input type="hidden" name="intent" value="post" />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      {lines ? (
        <label className="block text-sm">
          {t("collab.onLine")}
          <select name="lineId" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">{t("collab.wholePlan")}</option>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className={parentId ? "relative min-w-0 flex-1 text-xs" : "relative text-sm"}>
        <label htmlFor={fieldId} className="block">
          {label}
        </label>
        {parentId ? (
          <input {...fieldProps} role="combobox" aria-expanded={isOpen} className={fieldClass} />
        ) : (
          <textarea {...fieldProps} rows={3} className={fieldClass} />
        )}
        {isOpen ? (
          <ul id={listId} role="listbox" aria-label={t("collab.mentionSuggestions")} className="absolute left-0 right-0 z-20 mt-1 max-h-64 overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg" data-testid="mention-suggestions">
            {suggestions.map((member, index) => (
              <li
                key={member.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={`cursor-pointer px-3 py-1.5 [overflow-wrap:anywhere] ${index === active ? "bg-teal-800 text-white" : "text-slate-900 hover:bg-slate-100"}`}
                // Keeps the focus (and the caret) in the comment box.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(member)}
              >
                <span className="font-medium">{member.name}</span>{" "}
                <span className={index === active ? "text-teal-50" : "text-slate-600"}>
                  · {t(`roles.${member.role}`)} · {member.email}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <p aria-live="polite" className="sr-only">
          {isOpen ? t("collab.mentionCount", { count: suggestions.length }) : ""}
        </p>
        {showsCount ? (
          <p id={countId} className={`mt-1 text-xs ${isOverLimit ? "text-red-700" : "text-slate-600"}`} data-testid="comment-length">
            {t("collab.characterCount", { length: formatNumber(length, locale), max: formatNumber(COMMENT_MAX_CHARACTERS, locale) })}
          </p>
        ) : null}
        <ErrorList id={errorId} errors={error} />
      </div>
      <button type="submit" className={parentId ? "btn-secondary" : "btn-primary"} disabled={!isIdle}>
        {submitLabel}
      </button>
    </fetcher.Form>
  );
}
