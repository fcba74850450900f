import type { Submission } from "@conform-to/react";
import { z } from "zod";
import { isIsoDate } from "~/domain/dates";
import { parseMoneyToFen } from "~/domain/money";
import { parseRatio, parseWholeNumber, type NumberLocale } from "~/domain/numbers";
import { encodeMessage } from "~/i18n/message";

// The field builders every form schema uses (forms/auth, team, catalog, planner, measurement,
// collaboration), server-side only: zod stays out of the browser bundle. Messages are i18n keys,
// with their values when the text names some (encodeMessage: "at most 200 characters", never
// "at most {{max}}"). Rules across fields run even when another field is wrong, so a form gets every
// error in one answer (issue 12: errors came in rounds). Numbers are read by domain/numbers and
// domain/money, the readers the importer uses too (issue 13).

/** "Too long: 4,012 characters, at most 4,000", measured as zod measures (.length). */
export const tooLong = (max: number) => ({
  error: (issue: { input?: unknown }) => encodeMessage("validation.tooLong", { max, length: typeof issue.input === "string" ? issue.input.length : max + 1 }),
});

/** For a rule across fields: it runs when none of those fields has an error of its own (their values are then what the rule expects). */
export const whenValid = (...fields: string[]) => ({
  when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) => !payload.issues.some((issue) => fields.includes(String(issue.path?.[0]))),
});

/** The hidden intent of a form: anything else is a form from an older page (or a forged one). */
export const intentField = <T extends string>(intent: T) => z.literal(intent, { error: "validation.formOutdated" });

export const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, tooLong(max));

export const uuidField = z.uuid({ error: "validation.required" });

/** A choice from a list the page offers (a catalog id): present, not necessarily known (the service looks it up). */
export const choiceId = z.string({ error: "validation.choose" }).min(1, { error: "validation.choose" });

export const isoDateField = z.string({ error: "validation.required" }).refine(isIsoDate, { error: "planner.invalidDate" });

/** The version of the row the form was opened on; anything else is a form from an older page. */
export const versionField = z.coerce.number({ error: "planner.staleForm" }).int().positive();

/** An optional typed value: empty and blank are "not given" (undefined), never an error. */
export const typedOrEmpty = <T>(read: (typed: string, ctx: z.RefinementCtx) => T) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => (value === undefined || value.trim() === "" ? undefined : read(value, ctx)));

/** Reads typed money to fen, or adds the money parser's message to the field. */
export function moneyFen(message: (error: string) => string, locale: NumberLocale) {
  return (value: string, ctx: z.RefinementCtx): number => {
    const parsed = parseMoneyToFen(value, locale);
    if (parsed.ok) return parsed.fen;
    ctx.addIssue({ code: "custom", message: message(parsed.error) });
    return z.NEVER;
  };
}

/** Money that must be there: "¥1,200.50", "1 200,50" (French), "3万" … → fen. */
export const requiredMoneyFen = (locale: NumberLocale) => z.string({ error: "validation.required" }).transform(moneyFen((error) => `planner.money.${error}`, locale));

/** Money typed as people type it (¥1,200.50; 1 200,50) → fen; empty stays undefined. */
export const optionalMoneyFen = (locale: NumberLocale) => typedOrEmpty(moneyFen(() => "catalog.invalidAmount", locale));

/**
 * A percentage field ("1.2" or "1,2" is 1.2 %, "15 %" too) → a ratio under domain/numbers' one
 * rounding rule; empty stays undefined. `message` is the field's own words for "between 0 and 100".
 */
export const optionalPercentRatio = (locale: NumberLocale, message: string) =>
  typedOrEmpty((value, ctx) => {
    const parsed = parseRatio(value, locale, "percent");
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });

/** A whole number typed as the locale writes it, within [min, max]; empty stays undefined. */
export const optionalWholeNumber = (locale: NumberLocale, range: { min: number; max: number }, message: string) =>
  typedOrEmpty((value, ctx) => {
    const parsed = parseWholeNumber(value, locale);
    if (parsed.ok && parsed.value >= range.min && parsed.value <= range.max) return parsed.value;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });

/**
 * The reply to a form that did not parse. Errors on its hidden fields (the intent, ids, versions:
 * nothing the person typed) are said once, for the whole form, as `message`.
 */
export function replyToInvalid(submission: Submission<unknown>, hidden: readonly string[], message: string) {
  const isHiddenWrong = submission.status === "error" && hidden.some((name) => submission.error?.[name]);
  return submission.reply(isHiddenWrong ? { formErrors: [message] } : undefined);
}
