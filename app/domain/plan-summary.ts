// The plan summary (issue 5, "Summary"): totals against the campaign budget and the budget split
// by ecosystem, funnel stage and data level. Money in integer fen; shares are ratios of the
// allocated total (they sum to 1), 0 when nothing is allocated.
import { DATA_LEVELS, type DataLevel } from "./data-level";

export type SummaryLine = { id: string; budgetFen: number; ecosystemId: string; funnelStage: string; dataLevel: DataLevel };

export type BudgetSlice<K extends string = string> = { key: K; budgetFen: number; share: number; lineCount: number };

/** "over" when the lines add up to more than the campaign budget, "under" when less. */
export type AllocationStatus = "balanced" | "over" | "under";

export type PlanSummary = {
  campaignBudgetFen: number;
  allocatedFen: number;
  /** allocatedFen − campaignBudgetFen: positive = over-allocated, negative = budget left to plan. */
  differenceFen: number;
  status: AllocationStatus;
  unallocatedFen: number;
  overAllocatedFen: number;
  lineCount: number;
  /** Largest budget first, ties by key. */
  byEcosystem: BudgetSlice[];
  /** Largest budget first, ties by key. */
  byFunnelStage: BudgetSlice[];
  /** Always the three levels, most open first, so chart colours and legends never shift. */
  byDataLevel: BudgetSlice<DataLevel>[];
  /** Share of the allocated budget on lines with individual-level data. */
  individualShare: number;
};

export function summarisePlan(input: { campaignBudgetFen: number; lines: readonly SummaryLine[] }): PlanSummary {
  const { campaignBudgetFen, lines } = input;
  const allocatedFen = lines.reduce((sum, line) => sum + line.budgetFen, 0);
  const differenceFen = allocatedFen - campaignBudgetFen;
  const byDataLevel = sliceBudget(lines, (line) => line.dataLevel, allocatedFen, [...DATA_LEVELS].reverse());
  return {
    campaignBudgetFen,
    allocatedFen,
    differenceFen,
    status: differenceFen > 0 ? "over" : differenceFen < 0 ? "under" : "balanced",
    unallocatedFen: Math.max(0, -differenceFen),
    overAllocatedFen: Math.max(0, differenceFen),
    lineCount: lines.length,
    byEcosystem: sortByBudget(sliceBudget(lines, (line) => line.ecosystemId, allocatedFen)),
    byFunnelStage: sortByBudget(sliceBudget(lines, (line) => line.funnelStage, allocatedFen)),
    byDataLevel,
    individualShare: byDataLevel.find((slice) => slice.key === "individual")?.share ?? 0,
  };
}

/** Budget per key; keys listed in `fixedKeys` appear even at zero, in that order. */
function sliceBudget<K extends string>(
  lines: readonly SummaryLine[],
  keyOf: (line: SummaryLine) => K,
  totalFen: number,
  fixedKeys: readonly K[] = [],
): BudgetSlice<K>[] {
  const slices = new Map<K, BudgetSlice<K>>(fixedKeys.map((key) => [key, { key, budgetFen: 0, share: 0, lineCount: 0 }]));
  for (const line of lines) {
    const key = keyOf(line);
    const slice = slices.get(key) ?? { key, budgetFen: 0, share: 0, lineCount: 0 };
    slice.budgetFen += line.budgetFen;
    slice.lineCount += 1;
    slices.set(key, slice);
  }
  return [...slices.values()].map((slice) => ({ ...slice, share: shareOf(slice.budgetFen, totalFen) }));
}

function sortByBudget<K extends string>(slices: BudgetSlice<K>[]): BudgetSlice<K>[] {
  return slices.sort((a, b) => b.budgetFen - a.budgetFen || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** part / total as a ratio, 0 when the total is 0. */
export function shareOf(partFen: number, totalFen: number): number {
  return totalFen === 0 ? 0 : partFen / totalFen;
}
