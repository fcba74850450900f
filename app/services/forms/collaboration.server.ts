import { z } from "zod";
import { checkCommentBody } from "~/domain/comments";
import { countCharacters } from "~/domain/text-length";
import { WORKFLOW_ACTIONS } from "~/domain/workflow";
import { encodeMessage } from "~/i18n/message";
import { intentField, uuidField, versionField } from "./fields.server";

// Working together on a plan: comments and the review and approval steps.

/** A comment or a reply; pages and scripts from before the intent field post without one. */
export const PostCommentSchema = z.object({
  intent: intentField("post").optional(),
  // Too long is refused with the length and the limit, never cut (issue 12); the service checks again.
  body: z.string({ error: "collab.commentEmpty" }).transform((typed, ctx) => {
    const checked = checkCommentBody(typed);
    if (checked.ok) return checked.body;
    ctx.addIssue({ code: "custom", message: checked.error });
    return z.NEVER;
  }),
  lineId: uuidField.optional(),
  parentId: uuidField.optional(),
});

export const ResolveCommentSchema = z.object({
  intent: z.enum(["resolve", "reopen"], { error: "validation.formOutdated" }),
  commentId: uuidField,
});

export const REJECTION_REASON_MAX_CHARACTERS = 1000;

/** One workflow step, taken on the plan version the person saw; a reason over the limit is refused with its length, never cut. */
export const WorkflowStepSchema = z.object({
  intent: z.enum(WORKFLOW_ACTIONS, { error: "collab.refused.invalid-transition" }),
  seenVersion: versionField,
  reason: z
    .string()
    .trim()
    .optional()
    .superRefine((reason, ctx) => {
      const length = reason === undefined ? 0 : countCharacters(reason);
      if (length > REJECTION_REASON_MAX_CHARACTERS) ctx.addIssue({ code: "custom", message: encodeMessage("validation.tooLong", { max: REJECTION_REASON_MAX_CHARACTERS, length }) });
    })
    .transform((reason) => reason || undefined),
});

/** The workflow form's fields as posted, for the panel's useForm (`import type`: zod stays on the server). */
export type WorkflowStepInput = z.input<typeof WorkflowStepSchema>;

/** The comment form's fields as posted (`import type` on the client). */
export type PostCommentInput = z.input<typeof PostCommentSchema>;
