// The three levels of openness, from closed to open (seed 001: "completely closed" → "completely open").
export const DATA_LEVELS = ["aggregated", "transactional", "individual"] as const;
export type DataLevel = (typeof DATA_LEVELS)[number];

export function isDataLevel(value: unknown): value is DataLevel {
  return typeof value === "string" && (DATA_LEVELS as readonly string[]).includes(value);
}

/** Rank: aggregated 0 < transactional 1 < individual 2. */
export function levelRank(level: DataLevel): number {
  return DATA_LEVELS.indexOf(level);
}

/** True when `actual` gives at least what `required` needs (individual > transactional > aggregated). */
export function meetsLevel(actual: DataLevel, required: DataLevel): boolean {
  return levelRank(actual) >= levelRank(required);
}

/** The more open of two levels. */
export function moreOpen(a: DataLevel, b: DataLevel): DataLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}
