import { z } from "zod";
import { BUYING_MODELS } from "~/domain/buying-models";
import { DESTINATION_IDS, ECOSYSTEM_IDS, FUNNEL_STAGES, getKpi } from "~/domain/catalog";
import { FLIGHTING_MODES } from "~/domain/flighting";
import { fenToYuanString, parseFxRate, parseMoneyToFen, type NumberLocale } from "~/domain/money";
import { OBJECTIVES, REPORTING_CURRENCIES } from "~/domain/plan";
import { readNumber, readRatio } from "./import/cells.server";
import { passwordProblem } from "~/auth/password.server";
import { isIsoDate } from "~/domain/dates";
import { encodeMessage } from "~/i18n/message";
import { CLIENT_ROLES, ORG_ROLES } from "~/tenancy/permissions";

// zod schemas for forms, server-side only (keeps zod out of the browser bundle). Messages are i18n
// keys, with their values when the text names some (encodeMessage: "at most 200 characters", never
// "at most {{max}}"). Rules across fields run even when another field is wrong, so a form gets every
// error in one answer (issue 12: errors came in rounds).

/** "Too long: 4,012 characters, at most 4,000", measured as zod measures (.length). */
export const tooLong = (max: number) => ({
  error: (issue: { input?: unknown }) => encodeMessage("validation.tooLong", { max, length: typeof issue.input === "string" ? issue.input.length : max + 1 }),
});

/** For a rule across fields: it runs when none of those fields has an error of its own (their values are then what the rule expects). */
const whenValid = (...fields: string[]) => ({
  when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) => !payload.issues.some((issue) => fields.includes(String(issue.path?.[0]))),
});

/** The hidden intent of a form: anything else is a form from an older page (or a forged one). */
const intentField = <T extends string>(intent: T) => z.literal(intent, { error: "validation.formOutdated" });

export const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, tooLong(max));

export const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, tooLong(254))
  .pipe(z.email({ error: "validation.email" }));

export const passwordField = z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(1024, { error: "validation.password.too-long" });

export const LoginSchema = z.object({
  email: emailField,
  password: passwordField,
  redirectTo: z.string().optional(),
});

/** The strength rules of a new password, checked with the other fields (the services check again before hashing). */
const passwordStrength = (email: () => string | undefined) => (password: string, ctx: { addIssue: (issue: { code: "custom"; message: string; path?: PropertyKey[] }) => void }) => {
  const problem = passwordProblem(password, email());
  if (problem) ctx.addIssue({ code: "custom", message: `validation.password.${problem}` });
};

export const SignupSchema = z
  .object({
    email: emailField,
    name: requiredText(120),
    password: passwordField,
    organizationName: requiredText(120),
    kind: z.enum(["agency", "brand"], { error: "validation.choose" }),
  })
  .superRefine((value, ctx) => {
    // The e-mail only matters for "same as the e-mail"; a wrong e-mail does not hide a weak password.
    const email = typeof value.email === "string" ? value.email : undefined;
    if (typeof value.password === "string") passwordStrength(() => email)(value.password, { addIssue: (issue) => ctx.addIssue({ ...issue, path: ["password"] }) });
  }, whenValid("password"));

export const ChangePasswordSchema = z.object({
  currentPassword: passwordField,
  newPassword: passwordField,
});

export const CreateClientSchema = z.object({ name: requiredText(120) });

export const InviteToOrgSchema = z.object({
  intent: intentField("invite"),
  email: emailField,
  role: z.enum(["admin", "member"], { error: "validation.choose" }),
});

export const InviteToClientSchema = z.object({
  intent: intentField("invite"),
  email: emailField,
  role: z.enum(CLIENT_ROLES, { error: "validation.choose" }),
});

const uuid = z.uuid({ error: "validation.required" });

export const ChangeOrgRoleSchema = z.object({ intent: intentField("change-role"), userId: uuid, role: z.enum(ORG_ROLES, { error: "validation.choose" }) });
export const ChangeClientRoleSchema = z.object({ intent: intentField("change-role"), userId: uuid, role: z.enum(CLIENT_ROLES, { error: "validation.choose" }) });
export const RemoveMemberSchema = z.object({ intent: intentField("remove"), userId: uuid });
export const RevokeInvitationSchema = z.object({ intent: intentField("revoke"), invitationId: uuid });

/** Joining through an invitation as a newcomer ("same as the e-mail" is left to createUser, which knows the invitation's address). */
export const InviteSignupSchema = z.object({ intent: intentField("signup"), name: requiredText(120), password: passwordField.superRefine(passwordStrength(() => undefined), { when: (payload) => payload.issues.length === 0 }) });

// Catalog (organization overrides).
const LEVELS = ["aggregated", "transactional", "individual"] as const;

export const LevelOverrideSchema = z.object({
  intent: intentField("set-level"),
  targetType: z.enum(["placement", "destination"], { error: "validation.choose" }),
  targetId: z.string({ error: "validation.choose" }).min(1, { error: "validation.choose" }),
  level: z.enum(LEVELS, { error: "validation.choose" }),
  justification: z.string({ error: "catalog.justificationTooShort" }).trim().min(10, { error: "catalog.justificationTooShort" }).max(1000, tooLong(1000)),
});

export const RemoveLevelOverrideSchema = z.object({
  intent: intentField("remove-level"),
  targetType: z.enum(["placement", "destination"], { error: "validation.choose" }),
  targetId: z.string({ error: "validation.choose" }).min(1, { error: "validation.choose" }),
});

/** Money typed as people type it (¥1,200.50; 1 200,50) → fen; empty stays undefined. */
export const optionalMoneyFen = (locale: "en" | "zh") =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return undefined;
      const parsed = parseMoneyToFen(value, locale);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: "catalog.invalidAmount" });
        return z.NEVER;
      }
      return parsed.fen;
    });

/** A percentage typed as "1.2" or "1,2" → ratio 0.012; empty stays undefined. */
export const optionalPercent = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === "") return undefined;
    const number = Number(value.trim().replace(",", ".").replace(/%$/, ""));
    if (!Number.isFinite(number) || number < 0 || number > 100) {
      ctx.addIssue({ code: "custom", message: "catalog.invalidPercent" });
      return z.NEVER;
    }
    return Math.round(number * 10_000) / 1_000_000;
  });

export const benchmarkSchema = (locale: "en" | "zh") =>
  z.object({
    intent: intentField("set-benchmarks"),
    placementId: z.string({ error: "validation.choose" }).min(1, { error: "validation.choose" }),
    cpm: optionalMoneyFen(locale),
    cpc: optionalMoneyFen(locale),
    ctr: optionalPercent,
    cvr: optionalPercent,
  });

export const customPlacementSchema = (locale: "en" | "zh") =>
  z.object({
    intent: intentField("add-custom"),
    ecosystemId: z.enum(ECOSYSTEM_IDS, { error: "validation.choose" }),
    nameEn: requiredText(120),
    nameZh: requiredText(120),
    buyingModels: z.array(z.enum(BUYING_MODELS, { error: "validation.choose" }), { error: "catalog.chooseAtLeastOne" }).min(1, { error: "catalog.chooseAtLeastOne" }),
    reportingLevel: z.enum(LEVELS, { error: "validation.choose" }),
    funnelStage: z.enum(FUNNEL_STAGES, { error: "validation.choose" }),
    destinations: z.array(z.enum(DESTINATION_IDS, { error: "validation.choose" }), { error: "catalog.chooseAtLeastOne" }).min(1, { error: "catalog.chooseAtLeastOne" }),
    cpm: optionalMoneyFen(locale),
    cpc: optionalMoneyFen(locale),
    ctr: optionalPercent,
    cvr: optionalPercent,
  });

// Planner.
const isoDate = z.string({ error: "validation.required" }).refine(isIsoDate, { error: "planner.invalidDate" });

/** Money that must be there: "¥1,200.50", "1 200,50" (French), "3万" … → fen. */
export const requiredMoneyFen = (locale: "en" | "zh") =>
  z.string({ error: "validation.required" }).transform((value, ctx) => {
    const parsed = parseMoneyToFen(value, locale);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `planner.money.${parsed.error}` });
      return z.NEVER;
    }
    return parsed.fen;
  });

export const optionalUnitCostFen = (locale: "en" | "zh") =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return null;
      const parsed = parseMoneyToFen(value, locale);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: `planner.money.${parsed.error}` });
        return z.NEVER;
      }
      if (parsed.fen === 0) {
        ctx.addIssue({ code: "custom", message: "planner.negativeMoney" });
        return z.NEVER;
      }
      return parsed.fen;
    });

export const campaignSchema = (locale: "en" | "zh") =>
  z
    .object({
      name: requiredText(160),
      objective: z.enum(OBJECTIVES, { error: "validation.choose" }),
      startDate: isoDate,
      endDate: isoDate,
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

export const lineSchema = (locale: "en" | "zh") =>
  z
    .object({
      name: z.string().max(200, tooLong(200)).optional().default(""),
      placementId: z.string({ error: "validation.choose" }).min(1, { error: "validation.choose" }),
      destinationId: z.string({ error: "validation.choose" }).min(1, { error: "validation.choose" }),
      buyingModel: z.enum(BUYING_MODELS, { error: "validation.choose" }),
      unitCost: optionalUnitCostFen(locale),
      budget: requiredMoneyFen(locale),
      startDate: isoDate,
      endDate: isoDate,
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

export const versionField = z.coerce.number({ error: "planner.staleForm" }).int().positive();

/**
 * A typed KPI target in the unit the plan stores, read by the same cell readers as an imported one
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
  const cell = { kind: "text", text: typed } as const;
  if (unit === "ratio") {
    const ratio = readRatio(cell);
    return ratio.ok ? { ok: true, value: ratio.value } : { ok: false, error: "planner.kpiTargetRatio" };
  }
  const number = readNumber(cell);
  if (!number.ok || number.value < 0) return { ok: false, error: "planner.invalidNumber" };
  return { ok: true, value: number.value };
}

/** The stored target as a person types it back: the inverse of readKpiTarget. */
export function kpiTargetToInput(kpiId: string | null, value: number | null): string {
  if (value === null) return "";
  const unit = kpiId !== null ? getKpi(kpiId)?.unit : undefined;
  if (unit === "fen") return fenToYuanString(value);
  // A rate as the person reads it: 0.15 → "15%" (readRatio takes it back exactly).
  if (unit === "ratio") return `${Number((value * 100).toPrecision(12))}%`;
  return String(value);
}
