import { z } from "zod";

// Parsed once at boot; a bad value stops the server with one clear line.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  QIAO_DATA_DIR: z.string().min(1).default("./data"),
  /** Public base URL; when it is https, cookies get Secure and the __Host- prefix and HSTS is sent. */
  PUBLIC_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  /** auto: seed the demo workspace when the embedded database is empty. */
  QIAO_SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  /** Deadline for one request's database work, in milliseconds. */
  QIAO_DB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  QIAO_LOG_REQUESTS: z.enum(["on", "off"]).default("on"),
  /** Signs the toast cookie; unset: a random secret per process (a toast pending across a restart is lost). */
  QIAO_COOKIE_SECRET: z.string().min(32, "must be at least 32 characters").optional().or(z.literal("").transform(() => undefined)),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  throw new EnvError(`Invalid environment: ${problems}`);
}

export class EnvError extends Error {}

let current: Env | undefined;

export function getEnv(): Env {
  current ??= parseEnv();
  return current;
}

export function isHttps(env: Env = getEnv()): boolean {
  return env.PUBLIC_URL?.startsWith("https://") ?? false;
}
