import { describe, expect, it } from "vitest";
import { extractMentions, highlightMentions, type TeamMember } from "~/domain/mentions";

const TEAM: TeamMember[] = [
  { id: "u-lina", name: "Li Na", email: "li.na@agency.cn" },
  { id: "u-li", name: "Li", email: "li@agency.cn" },
  { id: "u-wangfang", name: "王芳", email: "wang.fang@brand.com" },
  { id: "u-wangfangfang", name: "王芳芳", email: "ff@brand.com" },
  { id: "u-anna", name: "Anna Müller", email: "Anna.Mueller@brand.de" },
];

describe("extractMentions", () => {
  it.each([
    ["a name", "@Li Na please check the Tmall lines", ["u-lina"]],
    ["case-insensitively", "@li na and @ANNA MÜLLER", ["u-lina", "u-anna"]],
    ["with any white space inside the name", "@Li   Na, @Li\u00a0Na", ["u-lina"]],
    ["an @email", "cc @wang.fang@brand.com", ["u-wangfang"]],
    ["an @email in another case", "cc @anna.mueller@BRAND.de", ["u-anna"]],
    ["a teammate's address written out", "send it to li.na@agency.cn today", ["u-lina"]],
    ["a Chinese name followed by Chinese text", "@王芳请看一下预算", ["u-wangfang"]],
    ["the longest name when one is a prefix of another", "@王芳芳看看", ["u-wangfangfang"]],
    ["the full-width ＠ of Chinese input methods", "请＠王芳确认", ["u-wangfang"]],
    ["a Latin name right before Chinese text", "@Li Na请确认", ["u-lina"]],
    ["a mention after Chinese text", "预算调整了@Li Na", ["u-lina"]],
    ["the shorter name when the longer does not follow", "@Li Nb?", ["u-li"]],
    ["a name before punctuation", "Thanks @Li Na.", ["u-lina"]],
    ["in order of first mention, each once", "@王芳 @Li Na @王芳 @li na li.na@agency.cn", ["u-wangfang", "u-lina"]],
  ])("finds %s", (_, text, ids) => {
    expect(extractMentions(text, TEAM)).toEqual(ids);
  });

  it.each([
    ["an address of someone outside the team", "ask someone@example.com"],
    ["an @address of someone outside the team", "@stranger@example.com"],
    ["a teammate's name inside an outsider's address", "mail li@example.com"],
    ["an @ inside a word", "foo@Li Na"],
    ["a longer word that starts like a name", "@Lina and @Lisa"],
    ["a teammate's address inside a longer one", "li.na@agency.cn.evil.com and xli.na@agency.cn"],
    ["an @name inside a URL", "https://weibo.com/@Li"],
    ["a name without an @", "Li Na said so"],
    ["nothing", ""],
  ])("ignores %s", (_, text) => {
    expect(extractMentions(text, TEAM)).toEqual([]);
  });

  it("mentions every teammate who shares a name; the address picks one", () => {
    const team: TeamMember[] = [
      { id: "a", name: "张伟", email: "zhang.wei@agency.cn" },
      { id: "b", name: "张伟", email: "zhang.wei2@brand.com" },
    ];
    expect(extractMentions("@张伟", team)).toEqual(["a", "b"]);
    expect(extractMentions("@zhang.wei2@brand.com", team)).toEqual(["b"]);
  });

  it("finds nothing with an empty team, and skips members without a name", () => {
    expect(extractMentions("@Li Na", [])).toEqual([]);
    expect(extractMentions("@ hi", [{ id: "x", name: "  ", email: "" }])).toEqual([]);
  });
});

describe("highlightMentions", () => {
  it("cuts the text into plain parts and mentions, as written", () => {
    expect(highlightMentions("请@王芳和＠li na确认 @nobody", TEAM)).toEqual([
      { kind: "text", text: "请" },
      { kind: "mention", text: "@王芳", userIds: ["u-wangfang"] },
      { kind: "text", text: "和" },
      { kind: "mention", text: "＠li na", userIds: ["u-lina"] },
      { kind: "text", text: "确认 @nobody" },
    ]);
  });

  it("gives one text segment when nothing is mentioned, none for empty text", () => {
    expect(highlightMentions("no mentions here", TEAM)).toEqual([{ kind: "text", text: "no mentions here" }]);
    expect(highlightMentions("", TEAM)).toEqual([]);
  });

  it.each(["@Li Na", "x @王芳芳 y @li.na@agency.cn z", "😀@王芳😀 𠀀@Li Na", "@@Li Na@@"])("joins back to the input: %s", (text) => {
    expect(
      highlightMentions(text, TEAM)
        .map((segment) => segment.text)
        .join(""),
    ).toBe(text);
  });
});
