import { notFound } from "~/domain/errors";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { z } from "zod";
import { parseMoneyToFen } from "~/domain/money";
import type { Locale } from "~/i18n/config";
import { mergeEdit } from "~/domain/edit-merge";
import { LINE_INPUT_FIELDS, newLineInput } from "~/domain/plan";
import { versionField } from "~/services/forms/fields.server";
import { campaignSchema, DuplicateCampaignSchema, kpiTargetToInput, lineSchema, readKpiTarget } from "~/services/forms/planner.server";
import {
  addLines,
  archiveCampaign,
  deleteLine,
  duplicateCampaign,
  duplicateLine,
  ensurePlanEditable,
  lineInputOf,
  moveLine,
  restoreCampaign,
  restoreLine,
  toPlanLine,
  updateCampaign,
  updateLine,
  type LineInput,
} from "~/services/planner.server";
import type { Access, ClientAccess } from "~/tenancy/access.server";
import { redirectWithToast, toastHeader } from "~/toast.server";
import { getPlacement, isDestinationId, isKpiId } from "~/domain/catalog";
import { lineToFormValues } from "./line-form";

type LineValues = z.infer<ReturnType<typeof lineSchema>>;

function toLineInput(value: LineValues, locale: Locale): { ok: true; input: LineInput } | { ok: false; errors: Record<string, string[]> } {
  const kpiTarget = readKpiTarget(value.kpiId, value.kpiTarget, locale);
  if (!kpiTarget.ok) return { ok: false, errors: { kpiTarget: [kpiTarget.error] } };
  const { destinationId, kpiId } = value;
  if (!isDestinationId(destinationId)) return { ok: false, errors: { destinationId: ["validation.choose"] } };
  if (kpiId !== null && !isKpiId(kpiId)) return { ok: false, errors: { kpiId: ["validation.choose"] } };
  let customFlightingFen: Record<string, number> | null = null;
  if (value.flightingMode === "custom") {
    customFlightingFen = {};
    for (const [week, typed] of Object.entries(value.flight ?? {})) {
      if (!typed.trim()) continue;
      const parsed = parseMoneyToFen(typed, locale);
      if (!parsed.ok) return { ok: false, errors: { [`flight.${week}`]: [`planner.money.${parsed.error}`] } };
      customFlightingFen[week] = parsed.fen;
    }
  }
  return {
    ok: true,
    input: {
      name: value.name,
      placementId: value.placementId,
      destinationId,
      buyingModel: value.buyingModel,
      unitCostFen: value.unitCost,
      budgetFen: value.budget,
      startDate: value.startDate,
      endDate: value.endDate,
      kpiId,
      kpiTarget: kpiTarget.value,
      audienceNotes: value.audienceNotes,
      formatNotes: value.formatNotes,
      flightingMode: value.flightingMode,
      customFlightingFen,
    },
  };
}

/**
 * The line as the form showed it when the person opened it (a hidden "base" field, JSON of the form
 * values), read through the same schema as what they submit; null when absent or unreadable.
 */
function readLineBase(raw: FormDataEntryValue | null, locale: Locale): LineInput | null {
  if (typeof raw !== "string" || raw.length > 20_000) return null;
  let values: unknown;
  try {
    values = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!values || typeof values !== "object") return null;
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    if (typeof value === "string") form.set(key, value);
    else if (key === "flight" && value && typeof value === "object") {
      for (const [week, amount] of Object.entries(value as Record<string, unknown>)) if (typeof amount === "string") form.set(`flight.${week}`, amount);
    }
  }
  const submission = parseWithZod(form, { schema: lineSchema(locale) });
  if (submission.status !== "success") return null;
  const converted = toLineInput(submission.value, locale);
  return converted.ok ? converted.input : null;
}

const rename = (errors: Record<string, string[]>) => {
  const map: Record<string, string> = { budgetFen: "budget", unitCostFen: "unitCost", customFlightingFen: "flightingMode" };
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [map[k] ?? k, v]));
};

/** Every mutation of the plan page; the route has already checked client.plan.edit. */
export async function handlePlanAction(request: Request, access: ClientAccess, campaignId: string, locale: Locale) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  // Back to the same page of lines after a delete, a duplicate or an undo.
  const url = new URL(request.url);
  const page = url.searchParams.get("page");
  const here = page && /^\d{1,5}$/.test(page) ? `${url.pathname}?page=${page}` : url.pathname;
  const version = versionField.safeParse(formData.get("version"));
  // A submitted or approved plan is locked: say so before looking at the form.
  if (intent !== "duplicate-campaign" && intent !== "archive" && intent !== "restore-campaign" && !(await ensurePlanEditable(access, campaignId))) throw notFound();
  const planPath = `/o/${access.organization.slug}/clients/${access.client.id}/campaigns/${campaignId}`;

  switch (intent) {
    case "update-campaign": {
      const submission = parseWithZod(formData, { schema: campaignSchema(locale) });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), conflict: null }, { status: 400 });
      if (!version.success) return data({ intent, result: submission.reply({ formErrors: ["planner.staleForm"] }), conflict: null }, { status: 400 });
      const { budget, ...rest } = submission.value;
      const saved = await updateCampaign(access, campaignId, version.data, { ...rest, budgetFen: budget });
      if (!saved.ok && saved.kind === "invalid") return data({ intent, result: submission.reply({ fieldErrors: saved.errors }), conflict: null }, { status: 400 });
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
      const restored = await restoreLine(access, campaignId, String(formData.get("lineId") ?? ""));
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
      if (submission.status !== "success") return data({ intent, result: submission.reply(), conflict: null }, { status: 400 });
      const converted = toLineInput(submission.value, locale);
      if (!converted.ok) return data({ intent, result: submission.reply({ fieldErrors: converted.errors }), conflict: null }, { status: 400 });
      if (intent === "add-line") {
        const acknowledged = formData.get("acknowledged");
        const saved = await addLines(access, campaignId, [converted.input], { checks: { acknowledged: typeof acknowledged === "string" ? acknowledged : null } });
        if (!saved) throw notFound();
        // Worth a second look (a name already used, a unit cost far from the benchmark): nothing saved, the form keeps what was typed.
        if (!saved.ok && saved.kind === "checks") return data({ intent, result: submission.reply(), conflict: null, checks: { list: saved.checks, key: saved.key } });
        if (!saved.ok) return data({ intent, result: submission.reply({ fieldErrors: rename(saved.kind === "invalid" ? saved.errors : {}) }), conflict: null }, { status: 400 });
        // The form empties for the next line (issue 12: five lines in a row kept the same name, cost and target).
        return data(
          { intent, result: submission.reply({ resetForm: true }), conflict: null, saved: { lineId: saved.value[0]!.id, version: saved.value[0]!.version } },
          { headers: { "Set-Cookie": await toastHeader({ kind: "success", key: "planner.linesAdded", params: { count: 1 } }) } },
        );
      }
      const lineId = String(formData.get("lineId") ?? "");
      if (!version.success) return data({ intent, result: submission.reply({ formErrors: ["planner.staleForm"] }), conflict: null }, { status: 400 });
      const saved = await updateLine(access, campaignId, lineId, version.data, converted.input);
      if (!saved) throw notFound();
      if (!saved.ok && saved.kind === "invalid") return data({ intent, result: submission.reply({ fieldErrors: rename(saved.errors) }), conflict: null }, { status: 400 });
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
              { intent, result: submission.reply({ resetForm: true }), conflict: null, saved: { lineId, version: again.value.version } },
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
      return data({ intent, result: submission.reply({ resetForm: true }), conflict: null, saved: { lineId, version: saved.value.version } });
    }
    case "bulk-add": {
      const ids = formData.getAll("placementIds").map(String).slice(0, 50);
      const campaignStart = String(formData.get("startDate") ?? "");
      const campaignEnd = String(formData.get("endDate") ?? "");
      const inputs: LineInput[] = [];
      for (const id of ids) {
        const placement = getPlacement(id);
        if (placement) inputs.push(newLineInput(placement, { startDate: campaignStart, endDate: campaignEnd }));
      }
      if (inputs.length === 0) return data({ intent, result: null, conflict: null, bulkError: "catalog.chooseAtLeastOne" }, { status: 400 });
      const saved = await addLines(access, campaignId, inputs);
      if (!saved) throw notFound();
      if (!saved.ok) return data({ intent, result: null, conflict: null, bulkError: "planner.staleForm" }, { status: 400 });
      return redirectWithToast(here, { kind: "success", key: "planner.linesAdded", params: { count: inputs.length } });
    }
    case "delete-line": {
      const lineId = String(formData.get("lineId") ?? "");
      if (!version.success) return data({ intent, result: null, conflict: null }, { status: 400 });
      const deleted = await deleteLine(access, campaignId, lineId, version.data);
      if (!deleted) throw notFound();
      if (!deleted.ok) return data({ intent, result: null, conflict: { kind: "delete" as const, lineId } }, { status: 409 });
      return redirectWithToast(here, { kind: "success", key: "planner.lineDeleted", undo: { action: `${planPath}?index`, fields: { intent: "restore-line", lineId } } });
    }
    case "duplicate-line": {
      const copy = await duplicateLine(access, campaignId, String(formData.get("lineId") ?? ""));
      if (!copy) throw notFound();
      return redirectWithToast(here, { kind: "success", key: "planner.lineDuplicated" });
    }
    case "move-line": {
      const direction = formData.get("direction") === "up" ? "up" : "down";
      if (!(await moveLine(access, campaignId, String(formData.get("lineId") ?? ""), direction))) throw notFound();
      return data({ intent, result: null, conflict: null });
    }
    default:
      return data({ intent, result: null, conflict: null }, { status: 400 });
  }
}
