// Issue 12, "Validation and words": a form answers with every invalid field at once, not one round
// per rule (the schema's own checks, then the cross-field ones, then the typed KPI target …).
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { PLACEMENTS, type DestinationId, type KpiId } from "~/domain/catalog";
// Ids the catalog does not have (a file from an older catalog) are cast: the rules must still refuse them.
import { validateLineDraft } from "~/domain/line-rules";
import { decodeMessage } from "~/i18n/message";
import { InviteSignupSchema, SignupSchema } from "~/services/forms/auth.server";
import { campaignSchema, lineSchema } from "~/services/forms/planner.server";

function errorKeys(schema: Parameters<typeof parseWithZod>[1]["schema"], values: Record<string, string>): Record<string, string[]> {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) form.set(name, value);
  const submission = parseWithZod(form, { schema });
  expect(submission.status).toBe("error");
  return Object.fromEntries(Object.entries(submission.status === "error" ? (submission.error ?? {}) : {}).map(([field, list]) => [field, (list ?? []).map((m) => decodeMessage(m).key)]));
}

const PLACEMENT = PLACEMENTS[0]!;

describe("every invalid field in one answer", () => {
  it("campaign: a too-long name, an unreadable budget, dates the wrong way round and a CNY rate other than 1", () => {
    const errors = errorKeys(campaignSchema("en"), { name: "x".repeat(161), objective: "awareness", startDate: "2027-05-01", endDate: "2027-04-01", budget: "lots", reportingCurrency: "CNY", fxRate: "7.8" });
    expect(errors).toEqual({ name: ["validation.tooLong"], budget: ["planner.money.not-a-number"], endDate: ["planner.datesInverted"], fxRate: ["planner.fxCnyIsOne"] });
  });

  it("campaign: an impossible date is a field error of the form, not a later round", () => {
    const errors = errorKeys(campaignSchema("en"), { name: "N", objective: "awareness", startDate: "2027-02-30", endDate: "2027-04-01", budget: "100", reportingCurrency: "CNY", fxRate: "1" });
    expect(errors).toEqual({ startDate: ["planner.invalidDate"] });
  });

  it("line: a negative budget, dates the wrong way round, an unreadable KPI target and two bad weekly amounts", () => {
    const errors = errorKeys(lineSchema("en"), {
      placementId: PLACEMENT.id,
      destinationId: PLACEMENT.destinations[0]!,
      buyingModel: PLACEMENT.defaultBuyingModel,
      budget: "-5",
      startDate: "2027-03-20",
      endDate: "2027-03-10",
      kpiId: "ctr",
      kpiTarget: "high",
      flightingMode: "custom",
      "flight.2027-W10": "abc",
      "flight.2027-W11": "1.234",
      name: "n".repeat(201),
    });
    expect(errors).toEqual({
      name: ["validation.tooLong"],
      budget: ["planner.money.negative"],
      endDate: ["planner.datesInverted"],
      kpiTarget: ["planner.kpiTargetRatio"],
      "flight.2027-W10": ["planner.money.not-a-number"],
      "flight.2027-W11": ["planner.money.ambiguous"],
    });
  });

  it("sign-up: a bad e-mail, a too-long name, a missing organization and a weak password together", () => {
    const errors = errorKeys(SignupSchema, { email: "li at agency", name: "x".repeat(121), password: "short", organizationName: "", kind: "agency" });
    expect(errors).toEqual({ email: ["validation.email"], name: ["validation.tooLong"], organizationName: ["validation.required"], password: ["validation.password.too-short"] });
  });

  it("sign-up: a password that is the e-mail is said with the other errors", () => {
    expect(errorKeys(SignupSchema, { email: "li@agency.cn", name: "", password: "li@agency.cn", organizationName: "O", kind: "agency" })).toEqual({
      name: ["validation.required"],
      password: ["validation.password.same-as-email"],
    });
  });

  it("joining by invitation: a missing name and a common password together", () => {
    expect(errorKeys(InviteSignupSchema, { intent: "signup", name: "", password: "password" })).toEqual({ name: ["validation.required"], password: ["validation.password.common"] });
  });

  it("line rules: every broken rule of a line at once", () => {
    const errors = validateLineDraft(
      { placementId: PLACEMENT.id, destinationId: "nowhere" as DestinationId, buyingModel: PLACEMENT.defaultBuyingModel, unitCostFen: 0, budgetFen: -1, startDate: "2027-02-01", endDate: "2027-05-30", kpiId: "nothing" as KpiId, flightingMode: "even", customFlightingFen: null },
      { campaign: { startDate: "2027-03-01", endDate: "2027-04-30" }, placement: PLACEMENT },
    );
    expect(Object.keys(errors).sort()).toEqual(["budgetFen", "destinationId", "endDate", "kpiId", "startDate", "unitCostFen"]);
  });
});

describe("a line's dates outside the campaign", () => {
  it("name the campaign's start and end", () => {
    const errors = validateLineDraft(
      { placementId: PLACEMENT.id, destinationId: PLACEMENT.destinations[0]!, buyingModel: PLACEMENT.defaultBuyingModel, unitCostFen: null, budgetFen: 1, startDate: "2027-02-01", endDate: "2027-05-30", kpiId: null, flightingMode: "even", customFlightingFen: null },
      { campaign: { startDate: "2027-03-01", endDate: "2027-04-30" }, placement: PLACEMENT },
    );
    for (const field of ["startDate", "endDate"] as const) {
      expect(errors[field]!.map(decodeMessage)).toEqual([{ key: "planner.outsideCampaign", params: { start: "2027-03-01", end: "2027-04-30" } }]);
    }
  });
});
