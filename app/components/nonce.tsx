import { createContext, useContext } from "react";

// The CSP nonce of this response; browsers hide it from the DOM, so the client reads "".
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
