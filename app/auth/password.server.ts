import { hash, verify } from "@node-rs/argon2";
import commonPasswords from "fxa-common-password-list";

// argon2id at the ASVS / OWASP minimum: 19 MiB memory, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown e-mail answers like a wrong password. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("qiao-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Mozilla's list of the most common passwords (Firefox Accounts). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.test(password) || commonPasswords.test(password.toLowerCase());
}

export type PasswordProblem = "too-short" | "too-long" | "common" | "same-as-email";

/** What is wrong with a new password, if anything (the form schemas and the services ask the same question). */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  if ([...password].length < 8) return "too-short";
  if ([...password].length > 128) return "too-long";
  if (isCommonPassword(password)) return "common";
  if (email && password.toLowerCase() === email.trim().toLowerCase()) return "same-as-email";
  return null;
}
