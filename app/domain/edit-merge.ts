// Merging one person's edit with a colleague's save by field (issue 12: the conflict view's "yours"
// held every field of the form, so "save mine" silently reverted the colleague's change). Only the
// fields the person changed from the version they started from are theirs; the colleague's other
// changes stay; a field both changed to different values is a clash the person decides.

export type EditMerge<T> = {
  /** The colleague's version with the person's changes on top (the person's value wins a clash until they decide). */
  merged: T;
  /** Fields the person changed from where they started. */
  mine: (keyof T & string)[];
  /** Fields the colleague changed since then. */
  theirs: (keyof T & string)[];
  /** Fields both changed, to different values. */
  clashes: (keyof T & string)[];
};

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function mergeEdit<T extends Record<string, unknown>>(base: T, mine: T, theirs: T, fields: readonly (keyof T & string)[]): EditMerge<T> {
  const merged = { ...theirs };
  const changedByMe: (keyof T & string)[] = [];
  const changedByThem: (keyof T & string)[] = [];
  const clashes: (keyof T & string)[] = [];
  for (const field of fields) {
    const isMine = !same(base[field], mine[field]);
    const isTheirs = !same(base[field], theirs[field]);
    if (isMine) {
      changedByMe.push(field);
      merged[field] = mine[field];
    }
    if (isTheirs) changedByThem.push(field);
    if (isMine && isTheirs && !same(mine[field], theirs[field])) clashes.push(field);
  }
  return { merged, mine: changedByMe, theirs: changedByThem, clashes };
}
