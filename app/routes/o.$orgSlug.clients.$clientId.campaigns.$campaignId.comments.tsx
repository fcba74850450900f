import { notFound } from "~/domain/errors";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getMentionableTeam, postComment, resolveComment } from "~/services/comments.server";
import { PostCommentSchema, ResolveCommentSchema } from "~/services/forms/collaboration.server";
import { replyToInvalid } from "~/services/forms/fields.server";
import { isUuid, requireScope } from "~/tenancy/access.server";

// Comments on a plan or a line: everyone on the client team may comment, viewers included.

/** The teammates the comment box suggests after "@" (fetched when the box is first used). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireScope(request, params, "client.comment");
  if (!isUuid(params.campaignId)) throw notFound();
  const members = await getMentionableTeam(access, params.campaignId);
  if (!members) throw notFound();
  return Response.json({ members }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.comment");
  if (!isUuid(params.campaignId)) throw notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/o/${params.orgSlug}/clients/${params.clientId}/campaigns/${params.campaignId}`;
  if (intent === "resolve" || intent === "reopen") {
    const submission = parseWithZod(formData, { schema: ResolveCommentSchema });
    // Only ids, nothing typed: a wrong one is a comment that is not there.
    if (submission.status !== "success" || !(await resolveComment(access, params.campaignId, submission.value.commentId, submission.value.intent === "resolve"))) throw notFound();
    return redirect(`${back}#comments`);
  }
  const submission = parseWithZod(formData, { schema: PostCommentSchema });
  if (submission.status !== "success") {
    if (submission.error?.lineId || submission.error?.parentId) throw notFound();
    return Response.json({ result: replyToInvalid(submission, ["intent"], "validation.formOutdated") }, { status: 400 });
  }
  const { body, lineId, parentId } = submission.value;
  const result = await postComment(access, params.campaignId, { body, lineId: lineId ?? null, parentId: parentId ?? null });
  if (!result.ok) return Response.json({ result: submission.reply({ fieldErrors: { body: [result.error] } }) }, { status: 400 });
  return Response.json({ result: submission.reply({ resetForm: true }), posted: true });
}
