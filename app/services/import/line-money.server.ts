// A line's money: its budget and unit cost, in yuan or in fen, with the amounts that look typed in
// the wrong unit (fen in a yuan column) named.
import { COST_BASIS, type BuyingModel } from "../../domain/buying-models";
import type { Placement } from "../../domain/catalog";
import { UNIT_COST_KEY } from "../../domain/estimates";
import type { PlanCatalog } from "../../domain/plan-derive";
import { readText } from "./cells.server";
import type { LineRoute } from "./line-route.server";
import type { LineRead } from "./record-types.server";
import { readMoneyField, yuan } from "./row-reads.server";

/** Benchmark unit cost of a placement for a model (the organization's override first). */
function benchmarkUnitCostFen(catalog: PlanCatalog, placement: Placement, model: BuyingModel): number | undefined {
  if (COST_BASIS[model] === "commission") return undefined;
  const key = UNIT_COST_KEY[model];
  return catalog.benchmarkOverrides[placement.id]?.[key] ?? placement.benchmarks[key];
}

export function readBudget({ problems, record, context, get }: LineRead): number | undefined {
  const fenCell = get("budget_fen");
  if (fenCell) return readMoneyField(problems, "budget_fen", fenCell, "fen", context.numberLocale);
  const cell = get("budget_cny");
  if (!cell) {
    if (!problems.hasErrorIn("budget_cny") && !problems.hasErrorIn("budget_fen")) problems.add("budget_cny", "required", "error", { column: "budget_cny" }, record.cells.budget_cny);
    return undefined;
  }
  const fen = readMoneyField(problems, "budget_cny", cell, "yuan", context.numberLocale);
  if (fen === undefined) return undefined;
  // Amounts typed in fen into a yuan column are 100× too large: say so when the campaign budget shows it.
  const campaignFen = context.campaign.budgetFen;
  const asFen = fen / 100;
  if (campaignFen !== undefined && campaignFen > 0 && fen > campaignFen * 20 && asFen <= campaignFen) {
    problems.add("budget_cny", "moneyLooksLikeFen", "error", { value: readText(cell), asYuan: yuan(Math.round(asFen)), campaignBudget: yuan(campaignFen) }, cell);
    return undefined;
  }
  if (campaignFen === undefined && fen >= 100_000_000_000) {
    problems.add("budget_cny", "moneyLooksLikeFenNoCampaign", "warning", { value: readText(cell), asYuan: yuan(Math.round(asFen)) }, cell);
  }
  return fen;
}

/** Null when no unit cost is given; undefined after an error. */
export function readUnitCost({ problems, context, get }: LineRead, { placement, buyingModel }: LineRoute): number | null | undefined {
  const unitFenCell = get("unit_cost_fen");
  const unitCell = get("unit_cost_cny");
  if (unitFenCell) return readMoneyField(problems, "unit_cost_fen", unitFenCell, "fen", context.numberLocale);
  if (!unitCell) return null;
  const unitCostFen = readMoneyField(problems, "unit_cost_cny", unitCell, "yuan", context.numberLocale);
  if (unitCostFen !== undefined && placement && buyingModel) {
    const benchmark = benchmarkUnitCostFen(context.catalog, placement, buyingModel);
    if (benchmark && benchmark > 0 && unitCostFen >= benchmark * 50) {
      problems.add("unit_cost_cny", "unitCostLooksLikeFen", "warning", { value: readText(unitCell), benchmark: yuan(Math.round(benchmark)) }, unitCell);
    }
  }
  return unitCostFen;
}
