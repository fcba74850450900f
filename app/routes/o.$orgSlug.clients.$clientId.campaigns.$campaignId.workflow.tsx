import { notFound } from "~/domain/errors";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { WorkflowStepSchema } from "~/services/forms/collaboration.server";
import { replyToInvalid } from "~/services/forms/fields.server";
import { transitionCampaign } from "~/services/workflow.server";
import { isUuid, requireScope } from "~/tenancy/access.server";
import { statusOf } from "~/route-edge.server";
import { redirectWithToast } from "~/toast.server";

// Review and approval steps. Who may take which step is decided by the workflow's permission map
// (a viewer approves for the client, a lead planner for the agency): 403 when the role does not allow it.
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: WorkflowStepSchema });
  if (submission.status !== "success") return Response.json({ result: replyToInvalid(submission, ["intent", "seenVersion"], "collab.refused.invalid-transition") }, { status: 400 });
  const { intent, seenVersion, reason } = submission.value;
  const result = await transitionCampaign(access, params.campaignId, intent, seenVersion, reason);
  if (!result.ok) return Response.json({ result: submission.reply({ formErrors: [`collab.refused.${result.reason}`] }) }, { status: statusOf(result.kind) });
  const back = `/o/${params.orgSlug}/clients/${params.clientId}/campaigns/${params.campaignId}`;
  // The version as the versions page numbers it (the plan version a snapshot is frozen at).
  return redirectWithToast(back, { kind: "success", key: `collab.done.${intent}`, params: { version: result.campaign.planVersion } });
}
