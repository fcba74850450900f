// The reviewed postgres.js patch (patches/postgres+3.4.9.patch) holds: connections broken in the middle of
// work settle every query with an error and never take the process down. Without the patch the first
// scenario crashes the process and the second writes a row outside its failed transaction.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { adminUrl } from "./harness";

function scenario(name: string): Record<string, string> {
  let output: string;
  try {
    output = execFileSync(process.execPath, ["--import", "tsx", "tests/faults/driver-scenarios.ts", adminUrl(), name], { encoding: "utf8", timeout: 60_000 });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? "");
  }
  const last = output.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last) as Record<string, string>;
}

describe("postgres.js with the connection guard", () => {
  it("a reserved connection terminated by the server fails its next query instead of crashing the process", () => {
    const outcome = scenario("reserved");
    expect(outcome.crashed).toBeUndefined();
    expect(outcome.reservedAfterTerminate).toBe("error CONNECTION_CLOSED");
    expect(outcome.poolAfterRelease).toBe("ok");
  });

  it("a query issued after its transaction's connection died fails, and nothing is written outside the transaction", () => {
    const outcome = scenario("transaction");
    expect(outcome.crashed).toBeUndefined();
    expect(outcome.transaction).toBe("error CONNECTION_CLOSED");
    expect(outcome.lateInsert).toBe("error CONNECTION_CLOSED");
    expect(outcome.rowsWritten).toBe("0");
  });

  it("400 pipelined queries across ten rounds of terminated backends all settle, and the pool serves again", () => {
    const outcome = scenario("pipelined");
    expect(outcome.crashed).toBeUndefined();
    expect(outcome.pipelinedHung).toBe("0");
    expect(outcome.pipelinedSettled).toBe("400");
    expect(outcome.poolAfterTerminations).toBe("ok");
  });
});
