import { describe, expect, it } from "vitest";
import { extractMentions, highlightMentions, insertMention, mentionQueryAt, suggestMentions, type TeamMember } from "~/domain/mentions";

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

describe("the comment box's suggestions (issue 12)", () => {
  it("finds the mention being typed at the caret, and nothing elsewhere", () => {
    expect(mentionQueryAt("Thanks @Li", 10)).toEqual({ start: 7, query: "Li" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("请＠王", 3)).toEqual({ start: 1, query: "王" });
    expect(mentionQueryAt("@Li Na", 6)).toEqual({ start: 0, query: "Li Na" });
    expect(mentionQueryAt("mail li@agency", 14)).toBeNull();
    expect(mentionQueryAt("@ Li", 4)).toBeNull();
    expect(mentionQueryAt("@Li\nNa", 6)).toBeNull();
    expect(mentionQueryAt("no mention here", 15)).toBeNull();
    expect(mentionQueryAt("@Li Na and more", 3)).toEqual({ start: 0, query: "Li" });
  });

  it("suggests names that start with what was typed first, then e-mails, then words inside names", () => {
    expect(suggestMentions(TEAM, "li").map((m) => m.id)).toEqual(["u-li", "u-lina"]);
    expect(suggestMentions(TEAM, "LI N").map((m) => m.id)).toEqual(["u-lina"]);
    expect(suggestMentions(TEAM, "ff").map((m) => m.id)).toEqual(["u-wangfangfang"]);
    expect(suggestMentions(TEAM, "müller").map((m) => m.id)).toEqual(["u-anna"]);
    expect(suggestMentions(TEAM, "王芳").map((m) => m.id)).toEqual(["u-wangfang", "u-wangfangfang"]);
    expect(suggestMentions(TEAM, "")).toHaveLength(TEAM.length);
    expect(suggestMentions(TEAM, "nobody")).toEqual([]);
    // A finished mention (the name and a space) asks nothing more; a name still being typed does.
    expect(suggestMentions(TEAM, "Li Na ")).toEqual([]);
    expect(suggestMentions(TEAM, "Li ").map((m) => m.id)).toEqual([]);
    expect(suggestMentions(TEAM, "Li N").map((m) => m.id)).toEqual(["u-lina"]);
    expect(suggestMentions(TEAM, "芳").map((m) => m.id)).toEqual(["u-wangfang", "u-wangfangfang"]);
    // Not from the middle of a word: "li" is not in "Client viewer" as far as a mention goes.
    expect(suggestMentions([...TEAM, { id: "u-sophie", name: "Sophie Martin (client viewer)", email: "viewer@brand.com" }], "li").map((m) => m.id)).toEqual(["u-li", "u-lina"]);
  });

  it("inserts a mention the comment then really makes, with the caret after it", () => {
    const text = "Thanks @li please";
    const query = mentionQueryAt(text, 10)!;
    const lina = TEAM.find((m) => m.id === "u-lina")!;
    const inserted = insertMention(text, query, 10, lina, TEAM);
    expect(inserted).toEqual({ text: "Thanks @Li Na please", caret: 13 });
    expect(extractMentions(inserted.text, TEAM)).toEqual(["u-lina"]);
    const atEnd = insertMention("＠王", mentionQueryAt("＠王", 2)!, 2, TEAM[2]!, TEAM);
    expect(atEnd).toEqual({ text: "＠王芳 ", caret: 4 });
    expect(extractMentions(atEnd.text, TEAM)).toEqual(["u-wangfang"]);
  });

  it("writes the e-mail when two teammates share a name", () => {
    const twins: TeamMember[] = [
      { id: "a", name: "Li Na", email: "li.na@agency.cn" },
      { id: "b", name: "li na", email: "lina2@brand.com" },
    ];
    const inserted = insertMention("@li", { start: 0, query: "li" }, 3, twins[1]!, twins);
    expect(inserted.text).toBe("@lina2@brand.com ");
    expect(extractMentions(inserted.text, twins)).toEqual(["b"]);
  });
});
