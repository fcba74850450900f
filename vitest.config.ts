import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "~": path.resolve(import.meta.dirname, "app"),
  "@db": path.resolve(import.meta.dirname, "db"),
};

const integration = (name: string, driver: "pglite" | "postgres", extra: object = {}) => ({
  extends: true as const,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    setupFiles: ["tests/setup/console.ts", "tests/integration/setup.ts"],
    env: { QIAO_TEST_DRIVER: driver },
    // One database per project, shared by its files (PGlite takes seconds to start); tables are
    // truncated before each test.
    pool: "forks" as const,
    isolate: false,
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    ...extra,
  },
});

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/setup/console.ts"],
          // Property-based tests run thousands of cases; a busy 2-core CI machine needs headroom.
          testTimeout: 30_000,
        },
      },
      integration("integration-pglite", "pglite"),
      ...(process.env.TEST_DATABASE_URL
        ? [
            integration("integration-pg", "postgres", { globalSetup: ["tests/integration/pg-global-setup.ts"] }),
            {
              extends: true as const,
              test: {
                // The app as real processes on PostgreSQL clusters of their own, broken on purpose: after
                // the other projects, one file at a time (each starts servers and a database).
                name: "faults",
                include: ["tests/faults/**/*.test.ts"],
                setupFiles: ["tests/setup/console.ts"],
                pool: "forks" as const,
                fileParallelism: false,
                testTimeout: 120_000,
                hookTimeout: 120_000,
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
    ],
  },
});
