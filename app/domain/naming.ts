// Line-name templates per client account (issue 5, "Naming convention"): tokens in braces, values
// slugged so a generated name is safe as a file name, an Excel cell and a sheet filter value.

export const NAMING_TOKENS = [
  "client",
  "campaign",
  "ecosystem",
  "placement",
  "destination",
  "objective",
  "model",
  "stage",
  "kpi",
  "yyyy",
  "mm",
  "yyyymm",
] as const;
export type NamingToken = (typeof NAMING_TOKENS)[number];
export type NamingValues = Partial<Record<NamingToken, string>>;

export const DEFAULT_LINE_NAME_TEMPLATE = "{client}_{ecosystem}_{placement}_{objective}_{yyyymm}";

export type TemplateCheck = { ok: boolean; unknownTokens: string[]; hasUnbalancedBraces: boolean; isEmpty: boolean };

const TOKEN = /\{([^{}]*)\}/g;
// Characters that break Windows file names or Excel sheet names / filters: the first set reads as a separator.
const SEPARATOR_LIKE = /[\s/\\:|_]+/g;
const UNSAFE = /[*?"<>[\]#%{}\u0000-\u001f\u007f]/g;
// A name must not start like a formula when it lands in a spreadsheet or CSV.
const LEADING_JUNK = /^[\s=+\-@._]+/;
const TRAILING_JUNK = /[\s\-._]+$/;

/** Checks a template: every {token} known (case-insensitive), braces balanced, something in it. */
export function validateTemplate(template: string): TemplateCheck {
  const unknownTokens = listTemplateTokens(template).filter((token) => !isNamingToken(token.toLowerCase()));
  const hasUnbalancedBraces = /[{}]/.test(template.replace(TOKEN, ""));
  const isEmpty = template.trim() === "";
  return { ok: unknownTokens.length === 0 && !hasUnbalancedBraces && !isEmpty, unknownTokens: [...new Set(unknownTokens)], hasUnbalancedBraces, isEmpty };
}

/** The tokens a template uses, in order, as written. */
export function listTemplateTokens(template: string): string[] {
  return [...template.matchAll(TOKEN)].map((match) => (match[1] ?? "").trim());
}

/**
 * Renders a line name. Values are slugged (see slugNameValue); a token without a value renders
 * empty and the separators around it collapse; an unknown token stays as written, so the mistake shows.
 */
export function renderLineName(template: string, values: NamingValues): string {
  const rendered = template.replace(TOKEN, (whole, inner: string) => {
    const token = inner.trim().toLowerCase();
    return isNamingToken(token) ? slugNameValue(values[token] ?? "") : whole;
  });
  return rendered.replace(/([_\-.])\1+/g, "$1").replace(/_-|-_/g, "_").replace(LEADING_JUNK, "").replace(TRAILING_JUNK, "");
}

/**
 * One value made safe for a name: NFKC-folded, spaces, slashes, colons, pipes and underscores → "-"
 * (underscore is the usual field separator, so a value never adds a field), unsafe characters
 * removed; case, accents and Chinese characters kept.
 */
export function slugNameValue(value: string): string {
  return value
    .normalize("NFKC")
    .replace(UNSAFE, "")
    .trim()
    .replace(SEPARATOR_LIKE, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The date tokens for a line's start date: "2026-03-04" → { yyyy: "2026", mm: "03", yyyymm: "202603" }. */
export function dateNamingValues(isoDate: string): Pick<NamingValues, "yyyy" | "mm" | "yyyymm"> {
  const [yyyy = "", mm = ""] = isoDate.split("-");
  return { yyyy, mm, yyyymm: `${yyyy}${mm}` };
}

export function isNamingToken(value: string): value is NamingToken {
  return (NAMING_TOKENS as readonly string[]).includes(value);
}
