import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { getRandomValues } from "node:crypto";

/** 120 random bits, base32: used for public ids and secrets alike. */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(15);
  getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function secretsMatch(hashHex: string, secret: string): boolean {
  const expected = new TextEncoder().encode(hashHex);
  const actual = new TextEncoder().encode(hashSecret(secret));
  return expected.length === actual.length && constantTimeEqual(expected, actual);
}
