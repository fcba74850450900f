import type { ActionFunctionArgs } from "@remix-run/node";
import { WORKFLOW_ACTIONS, type WorkflowAction } from "~/domain/workflow";
import { versionField } from "~/services/forms.server";
import { transitionCampaign } from "~/services/workflow.server";
import { isUuid, notFound, requireScope } from "~/tenancy/access.server";
import { redirectWithToast } from "~/toast.server";

// Review and approval steps. Who may take which step is decided by the workflow's permission map
// (a viewer approves for the client, a lead planner for the agency): 403 when the role does not allow it.
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireScope(request, params, "client.view");
  if (!isUuid(params.campaignId)) throw notFound();
  const formData = await request.formData();
  const action = String(formData.get("action") ?? "") as WorkflowAction;
  const seen = versionField.safeParse(formData.get("seenVersion"));
  if (!WORKFLOW_ACTIONS.includes(action) || !seen.success) return Response.json({ error: "collab.refused.invalid-transition" }, { status: 400 });
  const reason = String(formData.get("reason") ?? "").trim().slice(0, 1000) || undefined;
  const result = await transitionCampaign(access, params.campaignId, action, seen.data, reason);
  if (!result.ok) {
    if (result.reason === "not-found") throw notFound();
    return Response.json({ error: `collab.refused.${result.reason}` }, { status: result.status });
  }
  const back = `/o/${params.orgSlug}/clients/${params.clientId}/campaigns/${params.campaignId}`;
  return redirectWithToast(back, { kind: "success", key: "collab.done", params: { action } });
}
