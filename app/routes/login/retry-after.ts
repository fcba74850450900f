import type { HeadersFunction } from "@remix-run/node";

// Keep Retry-After on a 429 (Remix keeps only what a headers export passes on): signing in and changing a password share the login limits.
export const keepRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : loaderHeaders;
};
