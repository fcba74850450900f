import { describe, expect, it } from "vitest";
import { mergeEdit } from "~/domain/edit-merge";

const FIELDS = ["budgetFen", "name", "flight"] as const;
type Line = { budgetFen: number; name: string; flight: Record<string, number> | null };
const base: Line = { budgetFen: 100, name: "A", flight: null };

describe("mergeEdit", () => {
  it("keeps the colleague's change to a field the person never touched (the old view reverted it)", () => {
    const merge = mergeEdit(base, { ...base, budgetFen: 200 }, { ...base, name: "Renamed by Li Na" }, FIELDS);
    expect(merge.merged).toEqual({ budgetFen: 200, name: "Renamed by Li Na", flight: null });
    expect(merge).toMatchObject({ mine: ["budgetFen"], theirs: ["name"], clashes: [] });
  });

  it("calls a field both changed differently a clash, and the same new value none", () => {
    expect(mergeEdit(base, { ...base, budgetFen: 200 }, { ...base, budgetFen: 300 }, FIELDS).clashes).toEqual(["budgetFen"]);
    expect(mergeEdit(base, { ...base, budgetFen: 200 }, { ...base, budgetFen: 200 }, FIELDS).clashes).toEqual([]);
  });

  it("compares objects by value, whatever the key order", () => {
    const a = { ...base, flight: { "2027-W01": 50, "2027-W02": 50 } };
    const b = { ...base, flight: { "2027-W02": 50, "2027-W01": 50 } };
    expect(mergeEdit(a, b, a, FIELDS).mine).toEqual([]);
  });
});
