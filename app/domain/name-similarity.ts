// How a typed name is compared with the names Qiao knows (column headers, drop-down options):
// a normal form, and a similarity in [0, 1] for "did you mean" suggestions.
import { distance } from "fastest-levenshtein";

/** Normal form for comparing names and headers: NFKC, lower case, no spaces or punctuation. */
export function normaliseName(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

/**
 * Similarity in [0, 1] of two normalised names, per character (English words and Chinese alike):
 * the larger of their edit similarity (1 − Levenshtein distance / longer length) and, when the
 * longer contains the shorter ("momentsads" in "wechatmomentsads"), the square root of their length
 * ratio, so a name typed without its ecosystem still finds its placement but "ads" matches no "… ads".
 */
export function similarity(a: string, b: string): number {
  if (a === "" || b === "") return 0;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const edit = 1 - distance(a, b) / longer.length;
  const contained = longer.includes(shorter) ? Math.sqrt(shorter.length / longer.length) : 0;
  return Math.max(edit, contained);
}
