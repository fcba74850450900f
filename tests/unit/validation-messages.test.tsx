// Issue 12, "Validation and words": every error a form schema or a line rule can give is shown as
// words in both languages — no "{{max}}" left in, no bare i18n key.
import { parseWithZod } from "@conform-to/zod/v4";
import { readdirSync, readFileSync } from "node:fs";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ErrorList, FormErrors } from "~/components/forms";
import { BUYING_MODELS } from "~/domain/buying-models";
import { DESTINATION_IDS, ECOSYSTEM_IDS, FUNNEL_STAGES, PLACEMENTS, type DestinationId, type KpiId } from "~/domain/catalog";
import { checkCommentBody, COMMENT_MAX_CHARACTERS } from "~/domain/comments";
import { validateLineDraft, type LineDraft } from "~/domain/line-rules";
import type { Locale } from "~/i18n/config";
import en from "~/i18n/en";
import { getI18n } from "~/i18n/i18n";
import { decodeMessage, encodeMessage, translateMessage } from "~/i18n/message";
import zh from "~/i18n/zh";
import * as authForms from "~/services/forms/auth.server";
import * as catalogForms from "~/services/forms/catalog.server";
import * as plannerForms from "~/services/forms/planner.server";
import * as teamForms from "~/services/forms/team.server";

const forms = { ...authForms, ...teamForms, ...catalogForms, ...plannerForms };

const UUID = "3f2b8c1e-7d4a-4b6e-9c2f-1a5d8e7b6c4d";
const PLACEMENT = PLACEMENTS[0]!;

type Sample = { schema: z.ZodType; valid: Record<string, string> };

/** Every form schema with one valid submission; the test breaks each field in turn, and all of them at once. */
function samples(locale: "en" | "zh"): Record<string, Sample> {
  return {
    login: { schema: forms.LoginSchema, valid: { email: "li@agency.cn", password: "x" } },
    signup: { schema: forms.SignupSchema, valid: { email: "li@agency.cn", name: "Li", password: "a long passphrase 2026", organizationName: "Agency", kind: "agency" } },
    changePassword: { schema: forms.ChangePasswordSchema, valid: { currentPassword: "x", newPassword: "a long passphrase 2026" } },
    createClient: { schema: forms.CreateClientSchema, valid: { name: "Brand" } },
    inviteToOrg: { schema: forms.InviteToOrgSchema, valid: { intent: "invite", email: "li@agency.cn", role: "member" } },
    inviteToClient: { schema: forms.InviteToClientSchema, valid: { intent: "invite", email: "li@agency.cn", role: "planner" } },
    changeOrgRole: { schema: forms.ChangeOrgRoleSchema, valid: { intent: "change-role", userId: UUID, role: "member" } },
    changeClientRole: { schema: forms.ChangeClientRoleSchema, valid: { intent: "change-role", userId: UUID, role: "viewer" } },
    removeMember: { schema: forms.RemoveMemberSchema, valid: { intent: "remove", userId: UUID } },
    revokeInvitation: { schema: forms.RevokeInvitationSchema, valid: { intent: "revoke", invitationId: UUID } },
    inviteSignup: { schema: forms.InviteSignupSchema, valid: { intent: "signup", name: "Li", password: "a long passphrase 2026" } },
    levelOverride: { schema: forms.LevelOverrideSchema, valid: { intent: "set-level", targetType: "placement", targetId: PLACEMENT.id, level: "aggregated", justification: "The contract gives us order-level data." } },
    removeLevelOverride: { schema: forms.RemoveLevelOverrideSchema, valid: { intent: "remove-level", targetType: "placement", targetId: PLACEMENT.id } },
    benchmarks: { schema: forms.benchmarkSchema(locale), valid: { intent: "set-benchmarks", placementId: PLACEMENT.id, cpm: "12", cpc: "1.5", ctr: "1.2", cvr: "3" } },
    customPlacement: {
      schema: forms.customPlacementSchema(locale),
      valid: { intent: "add-custom", ecosystemId: ECOSYSTEM_IDS[0]!, nameEn: "Feed", nameZh: "信息流", buyingModels: BUYING_MODELS[0]!, reportingLevel: "aggregated", funnelStage: FUNNEL_STAGES[0]!, destinations: DESTINATION_IDS[0]!, cpm: "10" },
    },
    campaign: {
      schema: forms.campaignSchema(locale),
      valid: { name: "Spring", objective: "awareness", startDate: "2027-03-01", endDate: "2027-04-30", budget: "100000", reportingCurrency: "CNY", fxRate: "1", notes: "" },
    },
    line: {
      schema: forms.lineSchema(locale),
      valid: { placementId: PLACEMENT.id, destinationId: PLACEMENT.destinations[0]!, buyingModel: PLACEMENT.defaultBuyingModel, unitCost: "", budget: "1000", startDate: "2027-03-01", endDate: "2027-03-31", kpiId: "", kpiTarget: "", flightingMode: "even" },
    },
  };
}

// What people (and forged posts) send: nothing, blanks, far too much, words for numbers, impossible dates.
const HOSTILE: (string | undefined)[] = [undefined, "", "   ", "x".repeat(5000), "abc", "-1", "0", "0.001", "2027-02-30", "1,2,3", "99999999999999999999", "not an email"];

// Combinations of fields whose rules only show together.
const COMBINATIONS: Record<string, Record<string, string>[]> = {
  signup: [{ password: "li@agency.cn" }, { password: "password" }, { password: "x".repeat(200) }],
  changePassword: [{ newPassword: "x".repeat(2000) }],
  campaign: [{ startDate: "2027-05-01" }, { reportingCurrency: "EUR", fxRate: "-2" }, { fxRate: "7.8" }],
  line: [
    { startDate: "2027-04-01" },
    { kpiId: "ctr", kpiTarget: "abc" },
    { kpiId: "gmv", kpiTarget: "lots" },
    { kpiId: "impressions", kpiTarget: "-5" },
    { flightingMode: "custom", "flight.2027-W10": "abc", "flight.2027-W11": "1.234", "flight.2027-W12": "-1" },
    { unitCost: "0" },
  ],
};

function formData(values: Record<string, string | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) form.set(name, value);
  return form;
}

function errorsOf(schema: z.ZodType, values: Record<string, string | undefined>): string[] {
  const submission = parseWithZod(formData(values), { schema });
  return Object.values(submission.status === "error" ? (submission.error ?? {}) : {}).flatMap((list) => list ?? []);
}

/** Every message the schemas give for the hostile submissions, plus the line rules' and the comment check's. */
function everyMessage(locale: "en" | "zh"): Set<string> {
  const messages = new Set<string>();
  for (const [name, { schema, valid }] of Object.entries(samples(locale))) {
    for (const value of HOSTILE) {
      for (const field of Object.keys(valid)) for (const message of errorsOf(schema, { ...valid, [field]: value })) messages.add(message);
      for (const message of errorsOf(schema, Object.fromEntries(Object.keys(valid).map((field) => [field, value])))) messages.add(message);
    }
    for (const extra of COMBINATIONS[name] ?? []) for (const message of errorsOf(schema, { ...valid, ...extra })) messages.add(message);
  }
  const draft: LineDraft = {
    placementId: PLACEMENT.id,
    destinationId: PLACEMENT.destinations[0]!,
    buyingModel: PLACEMENT.defaultBuyingModel,
    unitCostFen: null,
    budgetFen: 100_000,
    startDate: "2027-03-01",
    endDate: "2027-03-31",
    kpiId: null,
    flightingMode: "even",
    customFlightingFen: null,
  };
  const campaign = { startDate: "2027-03-01", endDate: "2027-04-30" };
  const drafts: Partial<LineDraft>[] = [
    { startDate: "2027-02-01" },
    { endDate: "2027-05-30" },
    { startDate: "2027-03-20", endDate: "2027-03-10" },
    { startDate: "someday" },
    { placementId: "nowhere" },
    { destinationId: "nowhere" as DestinationId },
    { kpiId: "nothing" as KpiId },
    { budgetFen: -1, unitCostFen: 0 },
    { flightingMode: "custom", customFlightingFen: { "2027-W10": 1 } },
  ];
  for (const change of drafts) {
    const next = { ...draft, ...change };
    const placement = PLACEMENTS.find((p) => p.id === next.placementId);
    for (const list of Object.values(validateLineDraft(next, { campaign, placement }))) for (const message of list ?? []) messages.add(message);
  }
  for (const typed of ["", "x".repeat(COMMENT_MAX_CHARACTERS + 1)]) {
    const checked = checkCommentBody(typed);
    if (!checked.ok) messages.add(checked.error);
  }
  return messages;
}

const RESOURCES: Record<Locale, typeof en> = { en, zh };

function render(locale: Locale, node: JSX.Element): string {
  return renderToStaticMarkup(<I18nextProvider i18n={getI18n(locale, RESOURCES[locale])}>{node}</I18nextProvider>);
}

describe.each(["en", "zh"] as const)("error messages in %s", (locale) => {
  const messages = [...everyMessage(locale)];
  const i18n = getI18n(locale, RESOURCES[locale]);

  it("covers the messages with values (so the check below checks something)", () => {
    const keys = new Set(messages.map((message) => decodeMessage(message).key));
    for (const key of ["validation.tooLong", "planner.outsideCampaign", "planner.datesInverted", "planner.fxCnyIsOne", "planner.kpiTargetRatio", "validation.password.same-as-email", "planner.money.not-a-number"]) {
      expect(keys, key).toContain(key);
    }
  });

  it.each(messages.map((message) => [decodeMessage(message).key, message]))("%s is shown as words, with its values", (_key, message) => {
    const { key } = decodeMessage(message);
    expect(i18n.exists(key), `${key} is an i18n key`).toBe(true);
    for (const html of [render(locale, <ErrorList errors={[message]} />), render(locale, <FormErrors errors={[message]} />)]) {
      expect(html).not.toContain("{{");
      expect(html).not.toContain(key);
    }
  });
});

describe("messages with values", () => {
  it("round-trip, and a bare key or plain text stays as it is", () => {
    expect(decodeMessage(encodeMessage("validation.tooLong", { max: 200, length: 201 }))).toEqual({ key: "validation.tooLong", params: { max: 200, length: 201 } });
    expect(encodeMessage("validation.required")).toBe("validation.required");
    expect(decodeMessage("validation.required")).toEqual({ key: "validation.required", params: {} });
    expect(decodeMessage('{"key": not json')).toEqual({ key: '{"key": not json', params: {} });
  });

  it("show numbers and calendar dates as the reader writes them", () => {
    const t = (locale: Locale) => getI18n(locale, RESOURCES[locale]).getFixedT(locale);
    const tooLong = encodeMessage("validation.tooLong", { max: 4000, length: 10_485_760 });
    expect(translateMessage(t("en"), tooLong, "en")).toBe("This is too long: 10,485,760 characters, at most 4,000. Nothing was cut; shorten it and try again.");
    const outside = encodeMessage("planner.outsideCampaign", { start: "2027-03-01", end: "2027-04-30" });
    expect(translateMessage(t("en"), outside, "en")).toBe("Must be within the campaign dates: 1 March 2027 to 30 April 2027.");
    expect(translateMessage(t("zh"), outside, "zh")).toBe("必须在活动日期范围内：2027年3月1日 至 2027年4月30日。");
  });

  it("every key written out in the form schemas exists in English", () => {
    const source = readdirSync("app/services/forms").map((file) => readFileSync(`app/services/forms/${file}`, "utf8")).join("\n");
    const keys = [...source.matchAll(/"((?:validation|planner|catalog|collab)\.[\w.-]+)"/g)].map((match) => match[1]!);
    expect(keys.length).toBeGreaterThan(5);
    const i18n = getI18n("en", en);
    expect(keys.filter((key) => !i18n.exists(key))).toEqual([]);
  });
});
