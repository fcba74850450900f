// Mentions in comments (issue 8, "Comments"): a teammate is mentioned as @name, @email or by their
// e-mail address written out. Only team members count: e-mail-like text of anyone else is plain
// text, so a mention can never notify someone outside the client account's team.
//
// Choices:
// - Case-insensitive; spaces inside a name may be any run of white space ("@li  na" is Li Na).
// - Chinese is written without spaces, so a name ending in a Han (or kana / hangul) character needs
//   no boundary after it: "@李娜请看" mentions 李娜. A name ending in a Latin letter or digit does:
//   "@Li Nana" is not Li Na. Longest name wins ("@李娜娜" is 李娜娜 when both are on the team).
// - "@" right after a letter, digit or e-mail character is the middle of an address, not a mention.
// - Both "@" and the full-width "＠" that Chinese input methods type are accepted.
// - Two teammates with the same name: "@name" mentions both (the e-mail picks one).

export type TeamMember = { id: string; name: string; email: string };

export type MentionSegment = { kind: "text"; text: string } | { kind: "mention"; text: string; userIds: string[] };

type Handle = { pattern: RegExp; userIds: string[]; endsInWordChar: boolean };

type Matcher = { atHandles: Handle[]; emails: { email: string; userIds: string[] }[] };

type Match = { start: number; end: number; userIds: string[] };

const AT_SIGNS = new Set(["@", "＠"]);
/** Scripts written without spaces between words. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const EMAIL_PUNCTUATION = new Set([".", "_", "%", "+", "-"]);

/** A letter or digit of a spaced script: a name or address ending before it would be cut in the middle of a word. */
function isWordChar(char: string | undefined): boolean {
  return char !== undefined && LETTER_OR_DIGIT.test(char) && !UNSPACED_SCRIPT.test(char);
}

/** Characters that continue an e-mail address (or a word) when they come right before an "@". */
function isAddressChar(char: string | undefined): boolean {
  return char !== undefined && (isWordChar(char) || EMAIL_PUNCTUATION.has(char) || char === "/");
}

function codePointBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text[index - 1];
}

function codePointAt(text: string, index: number): string | undefined {
  const point = text.codePointAt(index);
  return point === undefined ? undefined : String.fromCodePoint(point);
}

/** True when the text at `end` carries on the word or address the match ended in. */
function continuesAfter(text: string, end: number, endsInWordChar: boolean): boolean {
  const next = codePointAt(text, end);
  if (next === undefined) return false;
  if (AT_SIGNS.has(next)) return true;
  if (endsInWordChar && isWordChar(next)) return true;
  return EMAIL_PUNCTUATION.has(next) && isWordChar(codePointAt(text, end + 1));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function lastCodePoint(text: string): string | undefined {
  return codePointBefore(text, text.length);
}

function buildMatcher(team: readonly TeamMember[]): Matcher {
  const names = new Map<string, { source: string; userIds: string[] }>();
  const emails = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) => {
    const ids = map.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    map.set(key, ids);
  };
  for (const member of team) {
    const name = member.name.trim().replace(/\s+/g, " ");
    if (name !== "") {
      const key = name.toLowerCase();
      const entry = names.get(key) ?? { source: name, userIds: [] };
      if (!entry.userIds.includes(member.id)) entry.userIds.push(member.id);
      names.set(key, entry);
    }
    const email = member.email.trim().toLowerCase();
    if (email.includes("@")) add(emails, email, member.id);
  }
  // "@" followed by an address is tried like a name, so an address after "@" is one mention.
  const handles: { source: string; userIds: string[] }[] = [...names.values(), ...[...emails].map(([email, userIds]) => ({ source: email, userIds }))];
  return {
    atHandles: handles
      .sort((a, b) => b.source.length - a.source.length)
      .map(({ source, userIds }) => ({
        pattern: new RegExp(source.split(" ").map(escapeRegExp).join("\\s+"), "iuy"),
        userIds,
        endsInWordChar: isWordChar(lastCodePoint(source)),
      })),
    emails: [...emails].map(([email, userIds]) => ({ email, userIds })).sort((a, b) => b.email.length - a.email.length),
  };
}

function matchAt(text: string, index: number, matcher: Matcher): Match | null {
  const before = codePointBefore(text, index);
  if (isAddressChar(before)) return null;
  const char = text[index]!;
  if (AT_SIGNS.has(char)) {
    for (const handle of matcher.atHandles) {
      handle.pattern.lastIndex = index + 1;
      const found = handle.pattern.exec(text);
      if (!found) continue;
      const end = index + 1 + found[0].length;
      if (!continuesAfter(text, end, handle.endsInWordChar)) return { start: index, end, userIds: handle.userIds };
    }
    return null;
  }
  // A teammate's address written out, without a leading "@".
  if (!isWordChar(char)) return null;
  for (const { email, userIds } of matcher.emails) {
    const end = index + email.length;
    if (text.slice(index, end).toLowerCase() === email && !continuesAfter(text, end, true)) return { start: index, end, userIds };
  }
  return null;
}

function findMentions(text: string, team: readonly TeamMember[]): Match[] {
  const matcher = buildMatcher(team);
  const matches: Match[] = [];
  if (matcher.atHandles.length === 0) return matches;
  let index = 0;
  while (index < text.length) {
    const match = matchAt(text, index, matcher);
    if (match) {
      matches.push(match);
      index = match.end;
    } else index += 1;
  }
  return matches;
}

/** The ids of the teammates a comment mentions, in order of first mention, each once. */
export function extractMentions(text: string, team: readonly TeamMember[]): string[] {
  const ids = new Set<string>();
  for (const match of findMentions(text, team)) for (const id of match.userIds) ids.add(id);
  return [...ids];
}

/** The comment cut into plain text and mentions, for rendering; the segments' text joins back to the input. */
export function highlightMentions(text: string, team: readonly TeamMember[]): MentionSegment[] {
  const segments: MentionSegment[] = [];
  let cursor = 0;
  for (const match of findMentions(text, team)) {
    if (match.start > cursor) segments.push({ kind: "text", text: text.slice(cursor, match.start) });
    segments.push({ kind: "mention", text: text.slice(match.start, match.end), userIds: [...match.userIds] });
    cursor = match.end;
  }
  if (cursor < text.length) segments.push({ kind: "text", text: text.slice(cursor) });
  return segments;
}

// Suggesting teammates while a comment is typed (issue 12: "@mentions autocomplete team members").

/** How far back from the caret an "@" may be and still be the mention being typed. */
const MAX_QUERY_LENGTH = 64;

export type MentionQuery = { start: number; query: string };

/**
 * The mention being typed at the caret: where its "@" is and what follows it so far. Null when the
 * caret is not in one: no "@" on this line, an "@" inside an address (li@…), or a space right after it.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const end = Math.max(0, Math.min(caret, text.length));
  for (let index = end - 1; index >= 0 && end - index <= MAX_QUERY_LENGTH + 1; index--) {
    const char = text[index]!;
    if (char === "\n" || char === "\r") return null;
    if (!AT_SIGNS.has(char)) continue;
    if (isAddressChar(codePointBefore(text, index))) return null;
    const query = text.slice(index + 1, end);
    if (/^\s/.test(query) || /\s{2,}/.test(query)) return null;
    return { start: index, query };
  }
  return null;
}

const normalizeForSearch = (text: string) => text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Teammates for what follows the "@", best first: a name that starts with it, then an e-mail that
 * does, then a name with a word that does, then (Chinese, Japanese, Korean) a name that contains it.
 * "@" alone lists everyone (alphabetically, as the team page does).
 */
export function suggestMentions<M extends TeamMember>(team: readonly M[], query: string, limit = 8): M[] {
  const wanted = normalizeForSearch(query);
  // "@Li Na " is a finished mention: nothing more to suggest until something else is typed.
  if (/\s$/u.test(query) && team.some((member) => normalizeForSearch(member.name) === wanted || member.email.trim().toLowerCase() === wanted)) return [];
  const ranked: { member: M; rank: number }[] = [];
  for (const member of team) {
    const name = normalizeForSearch(member.name);
    const email = member.email.trim().toLowerCase();
    let rank: number | null = null;
    if (wanted === "" || name.startsWith(wanted)) rank = 0;
    else if (email.startsWith(wanted)) rank = 1;
    else if (name.split(/[\s()（）·.-]+/).some((word) => word.startsWith(wanted))) rank = 2;
    // Inside a word only for scripts without spaces (芳 finds 王芳); "li" must not find "Client viewer".
    else if (UNSPACED_SCRIPT.test(wanted) && name.includes(wanted)) rank = 3;
    if (rank !== null) ranked.push({ member, rank });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.member.name.localeCompare(b.member.name))
    .slice(0, limit)
    .map(({ member }) => member);
}

/** How a teammate is written after "@": their name, or their e-mail when someone else on the team has the same name. */
export function mentionHandle(member: TeamMember, team: readonly TeamMember[]): string {
  const name = member.name.trim().replace(/\s+/g, " ");
  const isShared = team.some((other) => other.id !== member.id && other.name.trim().replace(/\s+/g, " ").toLowerCase() === name.toLowerCase());
  return name === "" || isShared ? member.email.trim() : name;
}

/** The text with the "@…" being typed replaced by the teammate's mention and a space; the caret goes after them. */
export function insertMention(text: string, query: MentionQuery, caret: number, member: TeamMember, team: readonly TeamMember[]): { text: string; caret: number } {
  const at = text[query.start] ?? "@";
  const rest = text.slice(caret);
  const inserted = `${at}${mentionHandle(member, team)}${/^\s/.test(rest) ? "" : " "}`;
  return { text: `${text.slice(0, query.start)}${inserted}${rest}`, caret: query.start + inserted.length };
}
