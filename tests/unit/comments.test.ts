// Issue 12: a comment over the limit is refused with its length and the limit — never cut.
import { describe, expect, it } from "vitest";
import { checkCommentBody, COMMENT_MAX_CHARACTERS } from "~/domain/comments";
import { countCharacters, excerpt } from "~/domain/text-length";
import { decodeMessage } from "~/i18n/message";

describe("checkCommentBody", () => {
  it("keeps a comment at the limit whole", () => {
    const body = "预".repeat(COMMENT_MAX_CHARACTERS);
    expect(checkCommentBody(`  ${body}\n`)).toEqual({ ok: true, body });
  });

  it("refuses one character more, naming the limit and the length", () => {
    const checked = checkCommentBody("x".repeat(COMMENT_MAX_CHARACTERS + 1));
    expect(checked.ok).toBe(false);
    expect(decodeMessage((checked as { error: string }).error)).toEqual({ key: "validation.tooLong", params: { max: 4000, length: 4001 } });
  });

  it("refuses a 10 MB comment the same way", () => {
    const checked = checkCommentBody("a".repeat(10 * 1024 * 1024));
    expect(decodeMessage((checked as { error: string }).error).params).toEqual({ max: 4000, length: 10_485_760 });
  });

  it("refuses an empty one", () => {
    expect(checkCommentBody(" \n\t")).toEqual({ ok: false, error: "collab.commentEmpty" });
  });

  it("counts an emoji or a Chinese character as one", () => {
    expect(countCharacters("👍🏽好")).toBe(3);
    expect(checkCommentBody("😀".repeat(COMMENT_MAX_CHARACTERS)).ok).toBe(true);
  });
});

describe("excerpt", () => {
  it("says when it left something out and never splits a character", () => {
    expect(excerpt("short", 200)).toBe("short");
    const cut = excerpt("😀".repeat(300), 200);
    expect(cut.endsWith("…")).toBe(true);
    expect(countCharacters(cut)).toBe(200);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
