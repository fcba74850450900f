// How a typed name finds its option again (import): by id or by label in either language, ignoring
// case, spaces and punctuation; failing that, the closest option as a "did you mean".
import { normaliseName, similarity } from "./name-similarity";
import { listOptions, placementOptions, type EnumCatalog, type EnumOption, type ListId } from "./spreadsheet-lists";

export type EnumMatch =
  | { ok: true; id: string }
  | { ok: false; suggestion: EnumOption | null };

/** A suggestion must be more than half alike: at 0.5, "Lead generation" would suggest "Consideration". */
const MIN_SUGGESTION_SIMILARITY = 0.55;

/** Resolves typed text to an option: by id or label in either language, ignoring case, spaces and punctuation. */
export class EnumResolver {
  private readonly exact = new Map<string, string>();
  private readonly options: EnumOption[];

  constructor(list: ListId, catalog: EnumCatalog) {
    this.options = listOptions(list, catalog);
    const plain = list === "placement" ? placementOptions(catalog) : this.options;
    // Ids first, then labels: an id always means itself; a name shared by two options means neither.
    const seen = new Map<string, string | null>();
    for (const option of [...this.options, ...plain]) {
      for (const text of [option.en, option.zh]) {
        const key = normaliseName(text);
        if (key === "") continue;
        const previous = seen.get(key);
        seen.set(key, previous === undefined || previous === option.id ? option.id : null);
      }
    }
    for (const [key, id] of seen) if (id !== null) this.exact.set(key, id);
    for (const option of this.options) this.exact.set(normaliseName(option.id), option.id);
  }

  resolve(text: string): EnumMatch {
    const key = normaliseName(text);
    const id = this.exact.get(key);
    if (id !== undefined) return { ok: true, id };
    return { ok: false, suggestion: this.suggest(text) };
  }

  /** The closest option by its id or its name in either language. */
  suggest(text: string): EnumOption | null {
    const wanted = normaliseName(text);
    if (wanted.length < 2) return null;
    let best: { option: EnumOption; score: number } | null = null;
    for (const option of this.options) {
      const score = Math.max(...[option.en, option.zh, option.id].map((name) => similarity(wanted, normaliseName(name))));
      if (!best || score > best.score) best = { option, score };
    }
    return best && best.score >= MIN_SUGGESTION_SIMILARITY ? best.option : null;
  }
}
