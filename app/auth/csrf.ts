// CSRF: a state-changing request must come from this site. Sec-Fetch-Site when the browser sends
// it, else Origin compared with Host. Used by the server for every non-GET request.
export function isCrossSiteRequest(method: string, headers: { get(name: string): string | null | undefined }): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite === "cross-site") return true;
  const origin = headers.get("origin");
  if (origin === undefined || origin === null) return false;
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== headers.get("host");
  } catch {
    return true;
  }
}
