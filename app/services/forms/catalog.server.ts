import { z } from "zod";
import { BUYING_MODELS } from "~/domain/buying-models";
import { DESTINATION_IDS, ECOSYSTEM_IDS, FUNNEL_STAGES } from "~/domain/catalog";
import type { NumberLocale } from "~/domain/numbers";
import { choiceId, intentField, optionalMoneyFen, optionalPercentRatio, requiredText, tooLong } from "./fields.server";

// The organization's catalog: data-level overrides, benchmark overrides, custom placements.

const LEVELS = ["aggregated", "transactional", "individual"] as const;
const TARGET_TYPES = ["placement", "destination"] as const;

export const LevelOverrideSchema = z.object({
  intent: intentField("set-level"),
  targetType: z.enum(TARGET_TYPES, { error: "validation.choose" }),
  targetId: choiceId,
  level: z.enum(LEVELS, { error: "validation.choose" }),
  justification: z.string({ error: "catalog.justificationTooShort" }).trim().min(10, { error: "catalog.justificationTooShort" }).max(1000, tooLong(1000)),
});

export const RemoveLevelOverrideSchema = z.object({
  intent: intentField("remove-level"),
  targetType: z.enum(TARGET_TYPES, { error: "validation.choose" }),
  targetId: choiceId,
});

/** CPM, CPC, CTR and CVR as a planner types them: money in yuan, rates as percentages ("1.2" is 1.2 %). */
const benchmarkFields = (locale: NumberLocale) => ({
  cpm: optionalMoneyFen(locale),
  cpc: optionalMoneyFen(locale),
  ctr: optionalPercentRatio(locale, "catalog.invalidPercent"),
  cvr: optionalPercentRatio(locale, "catalog.invalidPercent"),
});

export const benchmarkSchema = (locale: NumberLocale) =>
  z.object({
    intent: intentField("set-benchmarks"),
    placementId: choiceId,
    ...benchmarkFields(locale),
  });

export const customPlacementSchema = (locale: NumberLocale) =>
  z.object({
    intent: intentField("add-custom"),
    ecosystemId: z.enum(ECOSYSTEM_IDS, { error: "validation.choose" }),
    nameEn: requiredText(120),
    nameZh: requiredText(120),
    buyingModels: z.array(z.enum(BUYING_MODELS, { error: "validation.choose" }), { error: "catalog.chooseAtLeastOne" }).min(1, { error: "catalog.chooseAtLeastOne" }),
    reportingLevel: z.enum(LEVELS, { error: "validation.choose" }),
    funnelStage: z.enum(FUNNEL_STAGES, { error: "validation.choose" }),
    destinations: z.array(z.enum(DESTINATION_IDS, { error: "validation.choose" }), { error: "catalog.chooseAtLeastOne" }).min(1, { error: "catalog.chooseAtLeastOne" }),
    ...benchmarkFields(locale),
  });
