// Campaign fields from the facts a file carries (Summary sheet, ODS campaign block). A fact that
// cannot be read is a problem of its own; the others are still taken.
import type { CampaignPlan, CampaignStatus, Objective, ReportingCurrency } from "../../domain/plan";
import type { ImportProblem } from "../../domain/import-diff";
import { parseFxRate } from "../../domain/money";
import type { RawCell } from "../../domain/spreadsheet-cells";
import { readInteger, readText } from "./cells.server";
import { MAX_NAME_LENGTH, MAX_NOTES_LENGTH, type CampaignFacts, type MapContext } from "./record-types.server";
import { present, readDateField, readLimitedText, readMoneyField, resolveEnum, Resolvers, RowProblems } from "./row-reads.server";

type FactRead = {
  problems: RowProblems;
  resolvers: Resolvers;
  context: Omit<MapContext, "campaign">;
  campaign: Partial<CampaignPlan>;
  get: (key: keyof CampaignFacts) => RawCell | undefined;
};

/** Campaign fields from the facts a file carries (Summary sheet, ODS campaign block). */
export function mapCampaignFacts(facts: CampaignFacts, context: Omit<MapContext, "campaign">): { campaign: Partial<CampaignPlan>; problems: ImportProblem[] } {
  const problems = new RowProblems(null);
  const read: FactRead = { problems, resolvers: new Resolvers(context.catalog), context, campaign: {}, get: (key) => present(problems, key, facts[key]) };
  readNames(read);
  readChoices(read);
  readDates(read);
  readMoney(read);
  readNotesAndIdentity(read);
  const { campaign } = read;
  for (const key of Object.keys(campaign) as (keyof CampaignPlan)[]) if (campaign[key] === undefined) delete campaign[key];
  return { campaign, problems: problems.list };
}

function readNames({ problems, campaign, get }: FactRead): void {
  const name = get("campaign.name");
  if (name) {
    const text = readLimitedText(problems, "campaign.name", name, MAX_NAME_LENGTH);
    if (text) campaign.name = text;
  }
  const client = get("campaign.clientName");
  if (client) {
    const text = readLimitedText(problems, "campaign.clientName", client, MAX_NAME_LENGTH);
    if (text !== undefined) campaign.clientName = text;
  }
}

/** Objective and status: an unknown one is a warning (the campaign keeps its own). */
function readChoices({ problems, resolvers, campaign, get }: FactRead): void {
  const objective = get("campaign.objective");
  if (objective) {
    const id = resolveEnum(problems, resolvers, "objective", "campaign.objective", objective, "warning");
    if (id) campaign.objective = id as Objective;
  }
  const status = get("campaign.status");
  if (status) {
    const id = resolveEnum(problems, resolvers, "status", "campaign.status", status, "warning");
    if (id) campaign.status = id as CampaignStatus;
  }
}

function readDates({ problems, context, campaign, get }: FactRead): void {
  const start = get("campaign.startDate");
  if (start) campaign.startDate = readDateField(problems, "campaign.startDate", start, context.format);
  const end = get("campaign.endDate");
  if (end) campaign.endDate = readDateField(problems, "campaign.endDate", end, context.format);
  if (campaign.startDate && campaign.endDate && campaign.endDate < campaign.startDate) {
    problems.add("campaign.endDate", "datesInverted", "error", { start: campaign.startDate, end: campaign.endDate });
  }
}

/** Budget (in fen or yuan), reporting currency and its exchange rate. */
function readMoney({ problems, resolvers, context, campaign, get }: FactRead): void {
  const budgetFen = get("campaign.budget_fen");
  const budget = get("campaign.budget_cny");
  if (budgetFen) campaign.budgetFen = readMoneyField(problems, "campaign.budget_fen", budgetFen, "fen", context.numberLocale);
  else if (budget) campaign.budgetFen = readMoneyField(problems, "campaign.budget_cny", budget, "yuan", context.numberLocale);
  const currency = get("campaign.reportingCurrency");
  if (currency) {
    const id = resolveEnum(problems, resolvers, "reporting_currency", "campaign.reportingCurrency", currency);
    if (id) campaign.reportingCurrency = id as ReportingCurrency;
  }
  const fx = get("campaign.fxRate");
  if (fx) {
    const parsed = parseFxRate(readText(fx), context.numberLocale);
    if (parsed.ok) campaign.fxRate = parsed.rate;
    else problems.add("campaign.fxRate", "fxRateInvalid", "error", { value: readText(fx) }, fx);
  }
}

function readNotesAndIdentity({ problems, context, campaign, get }: FactRead): void {
  const notes = get("campaign.notes");
  if (notes) {
    const text = readLimitedText(problems, "campaign.notes", notes, MAX_NOTES_LENGTH);
    if (text !== undefined) campaign.notes = text;
  }
  const id = get("campaign.id");
  if (id) campaign.id = readText(id);
  const version = get("campaign.version");
  if (version && campaign.id) {
    const value = problems.take("campaign.version", readInteger(version, context.numberLocale), version);
    if (value !== undefined) campaign.version = value;
  }
}
