import { z } from "zod";
import { getMeasurementMethod, MEASUREMENT_OWNERS } from "~/domain/catalog";
import type { NumberLocale } from "~/domain/numbers";
import { CONTRACT_ACCESS } from "~/domain/plan";
import { choiceId, intentField, optionalPercentRatio, optionalWholeNumber, versionField } from "./fields.server";

// The measurement page: a line's measurement plan, typed or taken from an alternative.

/** The line a form is about, at the version the page showed: anything else is an outdated page. */
const lineAtVersion = { lineId: z.uuid({ error: "planner.staleForm" }), version: versionField };

const knownMethodId = z.string({ error: "planner.staleForm" }).refine((id) => getMeasurementMethod(id) !== undefined, { error: "planner.staleForm" });

export const ApplyDestinationSchema = z.object({ intent: intentField("apply-destination"), ...lineAtVersion, destinationId: choiceId });

export const ApplyMethodSchema = z.object({ intent: intentField("apply-method"), ...lineAtVersion, methodId: knownMethodId });

/** The most days of reporting lag a plan takes (a year). */
export const MAX_LAG_DAYS = 365;

export const saveMeasurementSchema = (locale: NumberLocale) =>
  z.object({
    intent: intentField("save-measurement"),
    ...lineAtVersion,
    // Empty means "as suggested": the catalog's owner and method stay in charge.
    owner: z.enum(MEASUREMENT_OWNERS, { error: "validation.choose" }).optional().transform((owner) => owner ?? null),
    methodId: knownMethodId.optional().transform((id) => id ?? null),
    lagDays: optionalWholeNumber(locale, { min: 0, max: MAX_LAG_DAYS }, "measurement.invalidLag").transform((days) => days ?? null),
    contractAccess: z.enum(CONTRACT_ACCESS, { error: "validation.choose" }).default("unknown"),
    // A share typed as a percentage, as in the catalog's benchmark form ("12" or "12 %" is 0.12).
    bindingRate: optionalPercentRatio(locale, "measurement.invalidRate").transform((rate) => rate ?? null),
  });

/** The save form's fields as posted, for the page's useForm (`import type`: zod stays on the server). */
export type SaveMeasurementInput = z.input<ReturnType<typeof saveMeasurementSchema>>;
