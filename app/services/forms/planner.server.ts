import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { BUYING_MODELS } from "~/domain/buying-models";
import { getKpi, isDestinationId, isKpiId } from "~/domain/catalog";
import { FLIGHTING_MODES } from "~/domain/flighting";
import { fenToYuanString, parseFxRate, parseMoneyToFen } from "~/domain/money";
import { numberToTypedText, parseNumber, parseRatio, parseWholeNumber, ratioToPercentText, type NumberLocale } from "~/domain/numbers";
import { OBJECTIVES, REPORTING_CURRENCIES, type LineInput } from "~/domain/plan";
import { encodeMessage } from "~/i18n/message";
import { choiceId, isoDateField, moneyFen, requiredMoneyFen, requiredText, tooLong, typedOrEmpty, uuidField, whenValid } from "./fields.server";

// A campaign's details and its line items, as the plan page and the new-campaign page submit them.

/** A unit cost is optional, and when typed it is above zero. */
const optionalUnitCostFen = (locale: NumberLocale) =>
  typedOrEmpty((value, ctx) => {
    const fen = moneyFen((error) => `planner.money.${error}`, locale)(value, ctx);
    if (fen !== 0) return fen;
    ctx.addIssue({ code: "custom", message: "planner.negativeMoney" });
    return z.NEVER;
  }).transform((fen) => fen ?? null);

export const campaignSchema = (locale: NumberLocale) =>
  z
    .object({
      name: requiredText(160),
      objective: z.enum(OBJECTIVES, { error: "validation.choose" }),
      startDate: isoDateField,
      endDate: isoDateField,
      budget: requiredMoneyFen(locale),
      reportingCurrency: z.enum(REPORTING_CURRENCIES, { error: "validation.choose" }),
      fxRate: z.string({ error: "validation.required" }).transform((value, ctx) => {
        const parsed = parseFxRate(value, locale);
        if (!parsed.ok) {
          ctx.addIssue({ code: "custom", message: "planner.invalidFx" });
          return z.NEVER;
        }
        return parsed.rate;
      }),
      notes: z.string().max(4000, tooLong(4000)).optional().default(""),
    })
    // validateCampaignInput's rules (the service checks them again), here so they come with the other errors.
    .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], error: "planner.datesInverted", ...whenValid("startDate", "endDate") })
    .refine((v) => v.reportingCurrency !== "CNY" || v.fxRate === 1, { path: ["fxRate"], error: "planner.fxCnyIsOne", ...whenValid("reportingCurrency", "fxRate") });

export const lineSchema = (locale: NumberLocale) =>
  z
    .object({
      name: z.string().max(200, tooLong(200)).optional().default(""),
      placementId: choiceId,
      destinationId: choiceId,
      buyingModel: z.enum(BUYING_MODELS, { error: "validation.choose" }),
      unitCost: optionalUnitCostFen(locale),
      budget: requiredMoneyFen(locale),
      startDate: isoDateField,
      endDate: isoDateField,
      kpiId: z.string().optional().transform((v) => (v ? v : null)),
      // Read with the KPI's unit in mind (money in yuan becomes fen): see readKpiTarget.
      kpiTarget: z
        .string()
        .optional()
        .transform((value) => (value === undefined || value.trim() === "" ? null : value.trim())),
      audienceNotes: z.string().max(2000, tooLong(2000)).optional().default(""),
      formatNotes: z.string().max(2000, tooLong(2000)).optional().default(""),
      flightingMode: z.enum(FLIGHTING_MODES, { error: "validation.choose" }).default("even"),
      flight: z.record(z.string(), z.string()).optional(),
    })
    // The checks the action makes after the schema (readKpiTarget, the typed weekly amounts) and the
    // plain date order, here too so a form gets them together with the field errors above.
    .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], error: "planner.datesInverted", ...whenValid("startDate", "endDate") })
    .superRefine((v, ctx) => {
      const target = readKpiTarget(v.kpiId, v.kpiTarget, locale);
      if (!target.ok) ctx.addIssue({ code: "custom", path: ["kpiTarget"], message: target.error });
    }, whenValid("kpiId", "kpiTarget"))
    .superRefine((v, ctx) => {
      if (v.flightingMode !== "custom") return;
      for (const [week, typed] of Object.entries(v.flight ?? {})) {
        if (!typed.trim()) continue;
        const parsed = parseMoneyToFen(typed, locale);
        if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["flight", week], message: `planner.money.${parsed.error}` });
      }
    }, whenValid("flightingMode", "flight"));

/**
 * What the line form posts, field by field, as the schema reads it (every value a string, the weekly
 * amounts keyed by ISO week). For the client: `import type { LineFormInput }` is erased by the
 * compiler, so zod does not reach the browser bundle.
 */
export type LineFormInput = { [Field in keyof z.input<ReturnType<typeof lineSchema>>]-?: Exclude<z.input<ReturnType<typeof lineSchema>>[Field], undefined> };

/** The campaign form's fields, as posted (for the client, through `import type`). */
export type CampaignFormInput = { [Field in keyof z.input<ReturnType<typeof campaignSchema>>]-?: Exclude<z.input<ReturnType<typeof campaignSchema>>[Field], undefined> };

/** A button on one line (delete, duplicate, restore, move): which line, and for a move which way. */
export const LineRefSchema = z.object({ lineId: uuidField });
export const MoveLineSchema = z.object({ lineId: uuidField, direction: z.enum(["up", "down"], { error: "validation.choose" }) });

/** "Add these placements": at most 50 at once (the catalog page offers them as checkboxes), over the campaign's dates. */
export const BulkAddSchema = z.object({
  placementIds: z.array(choiceId, { error: "catalog.chooseAtLeastOne" }).min(1, { error: "catalog.chooseAtLeastOne" }).max(50, { error: encodeMessage("catalog.chooseAtMost", { max: 50 }) }),
  startDate: isoDateField,
  endDate: isoDateField,
});

/** Applying a previewed file: each choice is off unless ticked (issue 12). */
export const ApplyImportSchema = z.object({
  jobId: z.uuid({ error: "import.expired" }),
  removeMissing: z.literal("on").optional().transform(Boolean),
  applyCampaign: z.literal("on").optional().transform(Boolean),
  confirmOtherSource: z.literal("on").optional().transform(Boolean),
});

/** A client's line-naming convention; its tokens are checked by domain/naming's validateTemplate. */
export const NamingTemplateSchema = z.object({ namingTemplate: z.string().trim().max(300, tooLong(300)).optional().default("") });

/** Duplicating a campaign: the copy's dates move by whole weeks, at most five years either way. */
export const MAX_SHIFT_WEEKS = 260;
export const DuplicateCampaignSchema = (locale: NumberLocale) =>
  z.object({
    // Too long is refused with the length and the limit, never cut (issue 12).
    copyName: requiredText(160),
    shiftWeeks: typedOrEmpty((value, ctx) => {
      const parsed = parseWholeNumber(value, locale);
      if (parsed.ok && Math.abs(parsed.value) <= MAX_SHIFT_WEEKS) return parsed.value;
      ctx.addIssue({ code: "custom", message: encodeMessage("planner.invalidShiftWeeks", { max: MAX_SHIFT_WEEKS }) });
      return z.NEVER;
    }).transform((weeks) => weeks ?? 0),
  });

/**
 * A typed KPI target in the unit the plan stores, read by the same number parsers as an imported one
 * (so "1,200" is 1200 in the form and in a sheet): a money KPI (GMV, order value…) is typed in yuan
 * and kept in fen like every amount; a rate is a share, typed "15 %" or "0.15"; counts and scores
 * are plain numbers.
 */
export function readKpiTarget(kpiId: string | null, typed: string | null, locale: NumberLocale): { ok: true; value: number | null } | { ok: false; error: string } {
  if (typed === null) return { ok: true, value: null };
  const unit = kpiId !== null ? getKpi(kpiId)?.unit : undefined;
  if (unit === "fen") {
    const parsed = parseMoneyToFen(typed, locale);
    return parsed.ok ? { ok: true, value: parsed.fen } : { ok: false, error: `planner.money.${parsed.error}` };
  }
  if (unit === "ratio") {
    const ratio = parseRatio(typed, locale, "ratio");
    return ratio.ok ? { ok: true, value: ratio.value } : { ok: false, error: "planner.kpiTargetRatio" };
  }
  const number = parseNumber(typed, locale);
  if (!number.ok || number.value < 0) return { ok: false, error: "planner.invalidNumber" };
  return { ok: true, value: number.value };
}

/** The stored target as a person types it back: the inverse of readKpiTarget. */
export function kpiTargetToInput(kpiId: string | null, value: number | null, locale: NumberLocale = "en"): string {
  if (value === null) return "";
  const unit = kpiId !== null ? getKpi(kpiId)?.unit : undefined;
  if (unit === "fen") return fenToYuanString(value, locale);
  // A rate as the person reads it: 0.15 → "15%" (parseRatio takes it back exactly).
  if (unit === "ratio") return `${ratioToPercentText(value, locale)}%`;
  return numberToTypedText(value, locale);
}

type LineValues = z.infer<ReturnType<typeof lineSchema>>;

/** The line form's values as the line a person sets (the one mapper from the form to the domain's LineInput). */

export function lineInputFromForm(value: LineValues, locale: NumberLocale): { ok: true; input: LineInput } | { ok: false; errors: Record<string, string[]> } {
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
export function readLineBase(raw: FormDataEntryValue | null, locale: NumberLocale): LineInput | null {
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
  const converted = lineInputFromForm(submission.value, locale);
  return converted.ok ? converted.input : null;
}

/** A service's errors about a LineInput, under the form's field names. */
export function lineErrorsForForm(errors: Record<string, string[]>): Record<string, string[]> {
  const map: Record<string, string> = { budgetFen: "budget", unitCostFen: "unitCost", customFlightingFen: "flightingMode" };
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [map[k] ?? k, v]));
}
