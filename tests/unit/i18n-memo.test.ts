import { describe, expect, it } from "vitest";
import { addStrings, getI18n } from "~/i18n/i18n";

describe("an instance's remembered look-ups", () => {
  it("give the new text once strings are added, and leave values to put in alone", () => {
    const i18n = getI18n("zh", {} as never);
    const t = i18n.getFixedT(null, "translation") as unknown as (key: string, options?: object) => string;
    expect(t("memoProbe.word")).toBe("memoProbe.word");
    addStrings("zh", { memoProbe: { word: "词", count: "{{n}} 行" } } as never);
    expect(t("memoProbe.word")).toBe("词");
    expect(t("memoProbe.count", { n: 2 })).toBe("2 行");
    expect(t("memoProbe.count", { n: 3 })).toBe("3 行");
  });
});
