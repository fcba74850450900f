import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadReferencedStrings } from "~/i18n/i18n";

// The page's HTML names its routes' strings by reference (the server rendered with all of them): they
// are fetched, from the browser's cache after the first time, before React takes the page over.
void loadReferencedStrings().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
