// How long a text is, as the person who wrote it counts (issue 12: limits are said in characters,
// and a limit refuses, it never cuts what was typed).

/** Characters as a reader counts them: a Chinese character or an emoji is one (code points, not UTF-16 units). */
export function countCharacters(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}

/** The start of a text for a summary (the activity feed): whole characters, and "…" when something was left out. */
export function excerpt(text: string, maxCharacters: number): string {
  if (countCharacters(text) <= maxCharacters) return text;
  return `${Array.from(text.slice(0, maxCharacters * 2)).slice(0, maxCharacters - 1).join("").trimEnd()}…`;
}
