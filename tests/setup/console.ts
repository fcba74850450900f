import { afterEach, beforeEach, expect, vi, type MockInstance } from "vitest";

// Any console.error during a test fails it (house rule); a test that expects one mocks it itself.
let spy: MockInstance<typeof console.error>;

beforeEach(() => {
  spy = vi.spyOn(console, "error");
});

afterEach(() => {
  const calls = spy.mock.calls.map((args) => args.map(String).join(" "));
  spy.mockRestore();
  expect(calls, "console.error was called").toEqual([]);
});
