import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getMentionableTeam, postComment, resolveComment } from "~/services/comments.server";
import { isUuid, notFound, requireScope } from "~/tenancy/access.server";

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
    const commentId = String(formData.get("commentId") ?? "");
    if (!isUuid(commentId) || !(await resolveComment(access, params.campaignId, commentId, intent === "resolve"))) throw notFound();
    return redirect(`${back}#comments`);
  }
  const lineId = String(formData.get("lineId") ?? "");
  const parentId = String(formData.get("parentId") ?? "");
  if ((lineId && !isUuid(lineId)) || (parentId && !isUuid(parentId))) throw notFound();
  const result = await postComment(access, params.campaignId, { body: String(formData.get("body") ?? ""), lineId: lineId || null, parentId: parentId || null });
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return Response.json({ error: result.error }, { status: result.status });
  }
  return Response.json({ error: null, posted: true });
}
