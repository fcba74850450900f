// What the fault tests share: the real server's admin URL, a cluster of their own, the app as a process.
import { findPgBin } from "../support/pg-cluster";

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: the fault tests run on the real server.");
  return url;
}

/** Server binaries to start a cluster of the test's own (Debian's postgresql package). */
export const hasPgServerBinaries = findPgBin() !== null;
