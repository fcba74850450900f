import { z } from "zod";
import { BUYING_MODELS } from "~/domain/buying-models";
import { DESTINATION_IDS, ECOSYSTEM_IDS, FUNNEL_STAGES, getKpi } from "~/domain/catalog";
import { FLIGHTING_MODES } from "~/domain/flighting";
import { fenToYuanString, parseFxRate, parseMoneyToFen, type NumberLocale } from "~/domain/money";
import { OBJECTIVES, REPORTING_CURRENCIES } from "~/domain/plan";
import { readNumber, readRatio } from "./import/cells.server";
import { CLIENT_ROLES, ORG_ROLES } from "~/tenancy/permissions";

// zod schemas for forms, server-side only (keeps zod out of the browser bundle). Messages are i18n keys.
export const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });

export const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, { error: "validation.tooLong" })
  .pipe(z.email({ error: "validation.email" }));

export const passwordField = z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(1024, { error: "validation.password.too-long" });

export const LoginSchema = z.object({
  email: emailField,
  password: passwordField,
  redirectTo: z.string().optional(),
});

export const SignupSchema = z.object({
  email: emailField,
  name: requiredText(120),
  password: passwordField,
  organizationName: requiredText(120),
  kind: z.enum(["agency", "brand"], { error: "validation.choose" }),
});

export const ChangePasswordSchema = z.object({
  currentPassword: passwordField,
  newPassword: passwordField,
});

export const CreateClientSchema = z.object({ name: requiredText(120) });

export const InviteToOrgSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  role: z.enum(["admin", "member"], { error: "validation.choose" }),
});

export const InviteToClientSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  role: z.enum(CLIENT_ROLES, { error: "validation.choose" }),
});

const uuid = z.uuid({ error: "validation.required" });

export const ChangeOrgRoleSchema = z.object({ intent: z.literal("change-role"), userId: uuid, role: z.enum(ORG_ROLES, { error: "validation.choose" }) });
export const ChangeClientRoleSchema = z.object({ intent: z.literal("change-role"), userId: uuid, role: z.enum(CLIENT_ROLES, { error: "validation.choose" }) });
export const RemoveMemberSchema = z.object({ intent: z.literal("remove"), userId: uuid });
export const RevokeInvitationSchema = z.object({ intent: z.literal("revoke"), invitationId: uuid });

export const InviteSignupSchema = z.object({ intent: z.literal("signup"), name: requiredText(120), password: passwordField });

// Catalog (organization overrides).
const LEVELS = ["aggregated", "transactional", "individual"] as const;

export const LevelOverrideSchema = z.object({
  intent: z.literal("set-level"),
  targetType: z.enum(["placement", "destination"], { error: "validation.choose" }),
  targetId: z.string({ error: "validation.choose" }).min(1, { error: "validation.choose" }),
  level: z.enum(LEVELS, { error: "validation.choose" }),
  justification: z.string({ error: "catalog.justificationTooShort" }).trim().min(10, { error: "catalog.justificationTooShort" }).max(1000, { error: "validation.tooLong" }),
});

export const RemoveLevelOverrideSchema = z.object({
  intent: z.literal("remove-level"),
  targetType: z.enum(["placement", "destination"]),
  targetId: z.string().min(1),
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
    intent: z.literal("set-benchmarks"),
    placementId: z.string({ error: "validation.choose" }).min(1, { error: "validation.choose" }),
    cpm: optionalMoneyFen(locale),
    cpc: optionalMoneyFen(locale),
    ctr: optionalPercent,
    cvr: optionalPercent,
  });

export const customPlacementSchema = (locale: "en" | "zh") =>
  z.object({
    intent: z.literal("add-custom"),
    ecosystemId: z.enum(ECOSYSTEM_IDS, { error: "validation.choose" }),
    nameEn: requiredText(120),
    nameZh: requiredText(120),
    buyingModels: z.array(z.enum(BUYING_MODELS), { error: "catalog.chooseAtLeastOne" }).min(1, { error: "catalog.chooseAtLeastOne" }),
    reportingLevel: z.enum(LEVELS, { error: "validation.choose" }),
    funnelStage: z.enum(FUNNEL_STAGES, { error: "validation.choose" }),
    destinations: z.array(z.enum(DESTINATION_IDS), { error: "catalog.chooseAtLeastOne" }).min(1, { error: "catalog.chooseAtLeastOne" }),
    cpm: optionalMoneyFen(locale),
    cpc: optionalMoneyFen(locale),
    ctr: optionalPercent,
    cvr: optionalPercent,
  });

// Planner.
const isoDate = z.string({ error: "validation.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "planner.invalidDate" });

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
  z.object({
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
    notes: z.string().max(4000, { error: "validation.tooLong" }).optional().default(""),
  });

export const lineSchema = (locale: "en" | "zh") =>
  z.object({
    name: z.string().max(200, { error: "validation.tooLong" }).optional().default(""),
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
    audienceNotes: z.string().max(2000, { error: "validation.tooLong" }).optional().default(""),
    formatNotes: z.string().max(2000, { error: "validation.tooLong" }).optional().default(""),
    flightingMode: z.enum(FLIGHTING_MODES, { error: "validation.choose" }).default("even"),
    flight: z.record(z.string(), z.string()).optional(),
  });

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
