import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/domain/safe-redirect";
import { slugify } from "~/domain/slug";
import { parseEnv } from "~/env.server";

describe("safeRedirectPath", () => {
  it.each([
    ["/o/demo", "/o/demo"],
    ["/o/demo?x=1#y", "/o/demo?x=1#y"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/a\nSet-Cookie: x", "/"],
    [null, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});

describe("slugify", () => {
  it("makes URL slugs from names", () => {
    expect(slugify("Demo Agency")).toBe("demo-agency");
    expect(slugify("  L'Oréal  China ")).toBe("l-oreal-china");
    expect(slugify("桥")).toBe("org");
    expect(slugify("a".repeat(80)).length).toBe(48);
  });
});

describe("parseEnv", () => {
  it("defaults to the embedded database on port 3000", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, QIAO_DATA_DIR: "./data", QIAO_SEED_DEMO: "auto" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names the bad variable in one line", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/^Invalid environment: PORT: /);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with postgres:\/\//);
  });
});
