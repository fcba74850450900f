import { notFound } from "~/domain/errors";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Locale } from "~/i18n/config";
import { mergeEdit } from "~/domain/edit-merge";
import { LINE_INPUT_FIELDS, lineInputOf, newLineInput, type LineInput } from "~/domain/plan";
import { versionField } from "~/services/forms/fields.server";
import { BulkAddSchema, campaignSchema, DuplicateCampaignSchema, LineRefSchema, MoveLineSchema, kpiTargetToInput, lineErrorsForForm, lineInputFromForm, lineSchema, readLineBase } from "~/services/forms/planner.server";
import {
  addLines,
  archiveCampaign,
  deleteLine,
  duplicateCampaign,
  duplicateLine,
  ensurePlanEditable,
  moveLine,
  restoreCampaign,
  restoreLine,
  toPlanLine,
  updateCampaign,
  updateLine,
} from "~/services/planner.server";
import type { Access, ClientAccess } from "~/tenancy/access.server";
import { redirectWithToast, toastHeader } from "~/toast.server";
import { getPlacement } from "~/domain/catalog";
import { lineToFormValues } from "./line-form";
import { planViewOf } from "./view.server";

/** A saved line as the page's forms and grid read it back: its id, version and fields as stored ("345 000" is "345000.00"), for undo. */
function savedLine(row: Parameters<typeof toPlanLine>[0]) {
  const line = toPlanLine(row);
  return { lineId: line.id, version: line.version, values: lineToFormValues({ ...line, kpiTargetInput: kpiTargetToInput(line.kpiId, line.kpiTarget) }) };
}

/** Every mutation of the plan page; the route has already checked client.plan.edit. */
export async function handlePlanAction(request: Request, access: ClientAccess, campaignId: string, locale: Locale) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  // Back to the same page of lines, in the same view, after a delete, a duplicate or an undo.
  const url = new URL(request.url);
  const page = url.searchParams.get("page");
  const back = new URLSearchParams();
  if (page && /^\d{1,5}$/.test(page)) back.set("page", page);
  if (planViewOf(url.searchParams) === "calendar") back.set("view", "calendar");
  const here = back.size > 0 ? `${url.pathname}?${back}` : url.pathname;
  const version = versionField.safeParse(formData.get("version"));
  // The line a row's button or form acts on (restore, update, delete, duplicate, move); null when absent or not an id.
  const lineRef = parseWithZod(formData, { schema: LineRefSchema });
  const lineId = lineRef.status === "success" ? lineRef.value.lineId : null;
  // A submitted or approved plan is locked. Each service checks that inside its own transaction (the
  // campaign row it locks anyway), so a save opens no transaction just to check first. A form refused
  // before reaching its service asks here, so a locked plan says so rather than listing field errors.
  const refuseBadForm = async <T>(reply: T): Promise<T> => {
    if (!(await ensurePlanEditable(access, campaignId))) throw notFound();
    return reply;
  };
  const planPath = `/o/${access.organization.slug}/clients/${access.client.id}/campaigns/${campaignId}`;

  switch (intent) {
    case "update-campaign": {
      const submission = parseWithZod(formData, { schema: campaignSchema(locale) });
      if (submission.status !== "success") return refuseBadForm(data({ intent, result: submission.reply(), conflict: null }, { status: 400 }));
      if (!version.success) return refuseBadForm(data({ intent, result: submission.reply({ formErrors: ["planner.staleForm"] }), conflict: null }, { status: 400 }));
      const { budget, ...rest } = submission.value;
      const saved = await updateCampaign(access, campaignId, version.data, { ...rest, budgetFen: budget });
      if (!saved.ok && saved.kind === "invalid") return refuseBadForm(data({ intent, result: submission.reply({ fieldErrors: saved.errors }), conflict: null }, { status: 400 }));
      if (!saved.ok) {
        if (!saved.current) throw notFound();
        return data({ intent, result: submission.reply({ formErrors: ["planner.conflictCampaign"] }), conflict: { kind: "campaign" as const, theirs: saved.current } }, { status: 409 });
      }
      return redirectWithToast(here, { kind: "success", key: "planner.campaignSaved" });
    }
    case "archive": {
      if (!version.success) return data({ intent, result: null, conflict: null }, { status: 400 });
      const saved = await archiveCampaign(access, campaignId, version.data);
      if (!saved.ok && saved.kind === "conflict" && !saved.current) throw notFound();
      if (!saved.ok) return data({ intent, result: null, conflict: null }, { status: 409 });
      return redirectWithToast(`/o/${access.organization.slug}/clients/${access.client.id}`, {
        kind: "success",
        key: "planner.archived",
        params: { name: saved.value.name },
        undo: { action: `${planPath}?index`, fields: { intent: "restore-campaign" } },
      });
    }
    case "restore-campaign": {
      const restored = await restoreCampaign(access, campaignId);
      if (!restored) throw notFound();
      return redirectWithToast(planPath, { kind: "success", key: "planner.restored", params: { name: restored.name } });
    }
    case "restore-line": {
      if (!lineId) return refuseBadForm(data({ intent, result: null, conflict: null }, { status: 400 }));
      const restored = await restoreLine(access, campaignId, lineId);
      if (!restored) throw notFound();
      return redirectWithToast(here, { kind: "success", key: "planner.lineRestored", params: { name: restored.name } });
    }
    case "duplicate-campaign": {
      // Whole weeks keep weekdays and the weekly flighting; anything else is refused next to the field.
      const submission = parseWithZod(formData, { schema: DuplicateCampaignSchema(locale) });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), conflict: null }, { status: 400 });
      const copy = await duplicateCampaign(access, campaignId, submission.value.copyName, submission.value.shiftWeeks);
      if (!copy) throw notFound();
      return redirectWithToast(`/o/${access.organization.slug}/clients/${access.client.id}/campaigns/${copy.id}`, { kind: "success", key: "planner.duplicated" });
    }
    case "add-line":
    case "update-line": {
      const submission = parseWithZod(formData, { schema: lineSchema(locale) });
      if (submission.status !== "success") return refuseBadForm(data({ intent, result: submission.reply(), conflict: null }, { status: 400 }));
      const converted = lineInputFromForm(submission.value, locale);
      if (!converted.ok) return refuseBadForm(data({ intent, result: submission.reply({ fieldErrors: converted.errors }), conflict: null }, { status: 400 }));
      if (intent === "add-line") {
        const acknowledged = formData.get("acknowledged");
        const saved = await addLines(access, campaignId, [converted.input], { checks: { acknowledged: typeof acknowledged === "string" ? acknowledged : null } });
        if (!saved) throw notFound();
        // Worth a second look (a name already used, a unit cost far from the benchmark): nothing saved, the form keeps what was typed.
        if (!saved.ok && saved.kind === "checks") return data({ intent, result: submission.reply(), conflict: null, checks: { list: saved.checks, key: saved.key } });
        if (!saved.ok) return refuseBadForm(data({ intent, result: submission.reply({ fieldErrors: lineErrorsForForm(saved.kind === "invalid" ? saved.errors : {}) }), conflict: null }, { status: 400 }));
        // The form empties for the next line (issue 12: five lines in a row kept the same name, cost and target).
        return data(
          { intent, result: submission.reply({ resetForm: true }), conflict: null, saved: { lineId: saved.value[0]!.id, version: saved.value[0]!.version } },
          { headers: { "Set-Cookie": await toastHeader({ kind: "success", key: "planner.linesAdded", params: { count: 1 } }) } },
        );
      }
      if (!lineId || !version.success) return refuseBadForm(data({ intent, result: submission.reply({ formErrors: ["planner.staleForm"] }), conflict: null }, { status: 400 }));
      const saved = await updateLine(access, campaignId, lineId, version.data, converted.input);
      if (!saved) throw notFound();
      if (!saved.ok && saved.kind === "invalid") return refuseBadForm(data({ intent, result: submission.reply({ fieldErrors: lineErrorsForForm(saved.errors) }), conflict: null }, { status: 400 }));
      if (!saved.ok) {
        if (!saved.current) return data({ intent, result: null, conflict: { kind: "line" as const, lineId, theirs: null, yours: converted.input } }, { status: 409 });
        // Someone saved this line since the person opened it: merge by field from the version they started from.
        const theirsLine = toPlanLine(saved.current);
        const base = readLineBase(formData.get("base"), locale);
        const merge = base ? mergeEdit(base, converted.input, lineInputOf(theirsLine), LINE_INPUT_FIELDS) : null;
        if (merge && merge.clashes.length === 0) {
          const again = await updateLine(access, campaignId, lineId, theirsLine.version, merge.merged);
          if (again?.ok) {
            return data(
              { intent, result: submission.reply({ resetForm: true }), conflict: null, saved: savedLine(again.value) },
              { headers: { "Set-Cookie": await toastHeader({ kind: "info", key: "planner.mergedSaved" }) } },
            );
          }
        }
        const mine = merge ? merge.mine : LINE_INPUT_FIELDS;
        return data(
          {
            intent,
            // No reply: the form is rebuilt from the merge below, not from what was typed over the colleague's change.
            result: null,
            conflict: {
              kind: "line" as const,
              lineId,
              theirs: theirsLine,
              yours: Object.fromEntries(mine.map((field) => [field, converted.input[field]])),
              clashes: merge ? merge.clashes : LINE_INPUT_FIELDS,
              theirsForm: lineToFormValues({ ...theirsLine, kpiTargetInput: kpiTargetToInput(theirsLine.kpiId, theirsLine.kpiTarget) }),
              mergedForm: lineToFormValues({ ...(merge?.merged ?? converted.input), ecosystemId: getPlacement((merge?.merged ?? converted.input).placementId)?.ecosystemId ?? theirsLine.ecosystemId, kpiTargetInput: kpiTargetToInput((merge?.merged ?? converted.input).kpiId, (merge?.merged ?? converted.input).kpiTarget) }),
            },
          },
          { status: 409 },
        );
      }
      return data({ intent, result: submission.reply({ resetForm: true }), conflict: null, saved: savedLine(saved.value) });
    }
    case "bulk-add": {
      const submission = parseWithZod(formData, { schema: BulkAddSchema });
      if (submission.status !== "success") {
        const message = Object.values(submission.error ?? {}).flat()[0] ?? "catalog.chooseAtLeastOne";
        return refuseBadForm(data({ intent, result: null, conflict: null, bulkError: message }, { status: 400 }));
      }
      const { placementIds, startDate, endDate } = submission.value;
      const inputs = placementIds.flatMap((id) => {
        const placement = getPlacement(id);
        return placement ? [newLineInput(placement, { startDate, endDate })] : [];
      });
      if (inputs.length === 0) return refuseBadForm(data({ intent, result: null, conflict: null, bulkError: "catalog.chooseAtLeastOne" }, { status: 400 }));
      const saved = await addLines(access, campaignId, inputs);
      if (!saved) throw notFound();
      if (!saved.ok) return refuseBadForm(data({ intent, result: null, conflict: null, bulkError: "planner.staleForm" }, { status: 400 }));
      return redirectWithToast(here, { kind: "success", key: "planner.linesAdded", params: { count: inputs.length } });
    }
    case "delete-line": {
      if (!lineId || !version.success) return refuseBadForm(data({ intent, result: null, conflict: null }, { status: 400 }));
      const deleted = await deleteLine(access, campaignId, lineId, version.data);
      if (!deleted) throw notFound();
      if (!deleted.ok) return data({ intent, result: null, conflict: { kind: "delete" as const, lineId } }, { status: 409 });
      return redirectWithToast(here, { kind: "success", key: "planner.lineDeleted", undo: { action: `${planPath}?index`, fields: { intent: "restore-line", lineId } } });
    }
    case "duplicate-line": {
      if (!lineId) return refuseBadForm(data({ intent, result: null, conflict: null }, { status: 400 }));
      const copy = await duplicateLine(access, campaignId, lineId);
      if (!copy) throw notFound();
      return redirectWithToast(here, { kind: "success", key: "planner.lineDuplicated" });
    }
    case "move-line": {
      const move = parseWithZod(formData, { schema: MoveLineSchema });
      if (move.status !== "success") return refuseBadForm(data({ intent, result: null, conflict: null }, { status: 400 }));
      if (!(await moveLine(access, campaignId, move.value.lineId, move.value.direction))) throw notFound();
      return data({ intent, result: null, conflict: null });
    }
    default:
      return refuseBadForm(data({ intent, result: null, conflict: null }, { status: 400 }));
  }
}
