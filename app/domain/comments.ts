// Comments on a plan (issue 8) and their length (issue 12, "Validation and words": a 10 MB comment
// was cut to 4,000 characters without a word). A comment over the limit is refused with its length
// and the limit, never shortened, so the person keeps their text and decides what to cut.
import { encodeMessage } from "../i18n/message";
import { countCharacters } from "./text-length";

export const COMMENT_MAX_CHARACTERS = 4000;

export type CommentBodyCheck = { ok: true; body: string } | { ok: false; error: string };

/** The comment as it is saved (trimmed), or why it is refused: an i18n message for the field. */
export function checkCommentBody(typed: string): CommentBodyCheck {
  const body = typed.trim();
  if (body === "") return { ok: false, error: "collab.commentEmpty" };
  const length = countCharacters(body);
  if (length > COMMENT_MAX_CHARACTERS) return { ok: false, error: encodeMessage("validation.tooLong", { max: COMMENT_MAX_CHARACTERS, length }) };
  return { ok: true, body };
}
