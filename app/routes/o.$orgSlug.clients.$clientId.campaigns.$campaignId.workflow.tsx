import type { ActionFunctionArgs } from "@remix-run/node";
import { countCharacters } from "~/domain/text-length";
import { WORKFLOW_ACTIONS, type WorkflowAction } from "~/domain/workflow";
import { encodeMessage } from "~/i18n/message";
import { versionField } from "~/services/forms.server";
import { transitionCampaign } from "~/services/workflow.server";
import { isUuid, notFound, requireScope } from "~/tenancy/access.server";
import { redirectWithToast } from "~/toast.server";

const REJECTION_REASON_MAX_CHARACTERS = 1000;

// Review and approval steps. Who may take which step is decided by the workflow's permission map
// (a viewer approves for the client, a lead planner for the agency): 403 when the role does not allow it.
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const formData = await request.formData();
  const action = String(formData.get("action") ?? "") as WorkflowAction;
  const seen = versionField.safeParse(formData.get("seenVersion"));
  if (!WORKFLOW_ACTIONS.includes(action) || !seen.success) return Response.json({ error: "collab.refused.invalid-transition" }, { status: 400 });
  // A reason over the limit is refused with its length, never cut (issue 12).
  const reason = String(formData.get("reason") ?? "").trim() || undefined;
  const reasonLength = reason === undefined ? 0 : countCharacters(reason);
  if (reasonLength > REJECTION_REASON_MAX_CHARACTERS) return Response.json({ error: encodeMessage("validation.tooLong", { max: REJECTION_REASON_MAX_CHARACTERS, length: reasonLength }) }, { status: 400 });
  const result = await transitionCampaign(access, params.campaignId, action, seen.data, reason);
  if (!result.ok) {
    if (result.reason === "not-found") throw notFound();
    return Response.json({ error: `collab.refused.${result.reason}` }, { status: result.status });
  }
  const back = `/o/${params.orgSlug}/clients/${params.clientId}/campaigns/${params.campaignId}`;
  // The version as the versions page numbers it (the plan version a snapshot is frozen at).
  return redirectWithToast(back, { kind: "success", key: `collab.done.${action}`, params: { version: result.campaign.planVersion } });
}
