// The Node server: static files, security headers, /healthz, request log, graceful shutdown.
// Run with `npm start` (after `remix build`). Database and app state live in the Remix build.
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import onHeaders from "on-headers";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isCrossSiteRequest } from "../auth/csrf";
import { EnvError, isHttps, parseEnv, type Env } from "../env.server";
import { answerCutOffUploads } from "./client-errors.server";

type AppModule = typeof import("../entry.server");

let env: Env;
try {
  env = parseEnv();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : String(error));
  process.exit(1);
}

const root = process.cwd();
const buildPath = path.join(root, "build", "index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
const appModule = build.entry.module as unknown as AppModule;
const https = isHttps(env);

let ready = false;
let stopping = false;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", "loopback");

// One log line per request.
if (env.QIAO_LOG_REQUESTS === "on") {
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  });
}

// Server-Sent Events must reach the browser as they are written, not when a compressor's buffer fills.
app.use(compression({ filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res) }));

app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
});

app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": env.NODE_ENV === "development" ? ["'self'", "ws:"] : ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 63_072_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  }),
);

// CSRF: a state-changing request must come from this site.
app.use((req, res, next) => {
  if (!isCrossSiteRequest(req.method, { get: (name) => req.get(name) })) return next();
  res.status(403).type("text/plain").send("Cross-site request refused.");
});

// Every 503 (database away, starting, draining) tells the client when to come back.
app.use((_req, res, next) => {
  onHeaders(res, () => {
    if (res.statusCode === 503 && !res.getHeader("Retry-After")) res.setHeader("Retry-After", String(appModule.RETRY_AFTER_SECONDS));
  });
  next();
});

app.get("/healthz", async (_req, res) => {
  const health = stopping
    ? { ok: false, reason: "shutting down" }
    : ready
      ? await appModule.checkHealth(1_500)
      : { ok: false, reason: `starting: ${appModule.getStartupProblem() ?? "opening the database"}` };
  res.set("Cache-Control", "no-store");
  res
    .status(health.ok ? 200 : 503)
    .json({ status: health.ok ? "ok" : "unavailable", database: health.ok ? "up" : "down", ...(health.reason ? { reason: health.reason } : {}) });
});

// Fingerprinted build assets are immutable; everything else in public/ gets a short cache.
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y", index: false }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));

// Each request gets one database deadline, shared by every transaction its loaders and action open.
// While starting, requests still render (a 503 page in the person's language, JSON for data) but touch
// no database; while draining, they are served and the client is told to reconnect (elsewhere).
app.use((_req, res, next) => {
  if (stopping) res.set("Connection", "close");
  appModule.runWithDatabaseDeadline(env.QIAO_DB_TIMEOUT_MS, next, ready ? null : "starting");
});

app.all(
  "*",
  createRequestHandler({
    build: appModule.withErrorMap(build),
    mode: env.NODE_ENV,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? "unknown",
      documentRequest: !req.path.endsWith(".data"),
    }),
  }),
);

app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
  console.error(error);
  if (!res.headersSent) res.status(500).type("text/plain").send("Unexpected error.");
});

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Qiao listening on http://localhost:${env.PORT}`);
});
// An upload cut off mid-body gets a message in the person's language, not Node's bare 400.
answerCutOffUploads(server);

try {
  const boot = await appModule.startApp(env, (line) => console.log(line));
  ready = true;
  console.log(`Database: ${boot.driver} at ${boot.location}`);
  if (boot.demoSeeded) {
    console.log(`Seeded the demo workspace. Sign in with password "${boot.demoPassword}" as:`);
    for (const login of boot.demoLogins) console.log(`  ${login.email.padEnd(28)} ${login.role}`);
  }
  console.log(`Qiao is ready: http://localhost:${env.PORT}${boot.demoPath ?? "/"}`);
  if (env.NODE_ENV === "development") await broadcastDevReady(build);
  // Start-up (migrations, the demo seed) leaves ~30 MB of garbage that an idle server may never collect:
  // collected once here when the process was started with --expose-gc (npm start is).
  (globalThis as { gc?: () => void }).gc?.();
} catch (error) {
  console.error(`Qiao could not start: ${(error as Error).message}`);
  server.close();
  process.exit(1);
}

async function shutdown(signal: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received: closing`);
  const force = setTimeout(() => process.exit(1), 4_500);
  force.unref();
  // Drain: stop accepting (the balancer sends new requests elsewhere), let in-flight requests finish
  // with the database still open (1.5 s at most; idle keep-alive sockets are closed now), then close it.
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  // Open live streams would hold the drain: end them (browsers reconnect through the balancer).
  appModule.closeLiveStreams();
  server.closeIdleConnections();
  const grace = setTimeout(() => server.closeAllConnections(), 1_500);
  await drained;
  clearTimeout(grace);
  try {
    await appModule.stopApp();
  } catch (error) {
    console.error(`Error while closing the database: ${(error as Error).message}`);
  }
  process.exit(exitCode);
}

// The last wall only: an error no code caught is logged, and the process closes and exits (a supervisor
// restarts it) rather than serving on in an unknown state. Database failures never get here.
function fatal(kind: string, error: unknown) {
  console.error(`Fatal ${kind}:`, error);
  process.exitCode = 1;
  void shutdown(kind, 1);
}
process.on("uncaughtException", (error) => fatal("uncaughtException", error));
process.on("unhandledRejection", (error) => fatal("unhandledRejection", error));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
