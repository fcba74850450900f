// A PostgreSQL cluster of a test's own (initdb in a temporary folder, a free port on loopback), so a
// test may stop, kill and restart its database without touching the server other tests use.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type PgCluster = {
  url: string;
  port: number;
  dataDir: string;
  /** fast: disconnect clients and shut down; immediate: like a crash (no checkpoint). */
  stop(mode?: "fast" | "immediate"): void;
  start(): void;
  /** pid of the postmaster, or null when it is down. */
  pid(): number | null;
  destroy(): void;
};

/** The folder with initdb and pg_ctl, or null when this machine has no PostgreSQL server binaries. */
export function findPgBin(): string | null {
  const fromEnv = process.env.QIAO_PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(path.join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debian, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  return which.status === 0 && which.stdout.trim() ? path.dirname(which.stdout.trim()) : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// initdb refuses to run as root: run the server binaries as the postgres account then.
const isRoot = process.getuid?.() === 0;

function runPg(bin: string, args: string[]): void {
  const command = isRoot ? "runuser" : bin;
  const argv = isRoot ? ["-u", "postgres", "--", bin, ...args] : args;
  execFileSync(command, argv, { stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
}

/**
 * settings: extra server settings, each passed as `-c name=value` after the fixed ones (e.g.
 * `{ shared_preload_libraries: "pg_stat_statements" }` for a benchmark); the defaults stay as they are.
 */
export async function startCluster(options: { port?: number; settings?: Record<string, string> } = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error("No PostgreSQL server binaries (initdb) on this machine.");
  const root = mkdtempSync(path.join(os.tmpdir(), "qiao-pg-"));
  if (isRoot) chownSync(root, uidOf("postgres"), gidOf("postgres"));
  const dataDir = path.join(root, "data");
  const port = options.port ?? (await freePort());
  runPg(path.join(bin, "initdb"), ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const pgCtl = path.join(bin, "pg_ctl");
  const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${Object.entries(options.settings ?? {})
    .map(([name, value]) => ` -c ${name}=${value}`)
    .join("")}`;
  const cluster: PgCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    start() {
      runPg(pgCtl, ["-D", dataDir, "-o", serverOptions, "-l", path.join(root, "server.log"), "-w", "-t", "30", "start"]);
    },
    stop(mode = "fast") {
      runPg(pgCtl, ["-D", dataDir, "-m", mode, "-w", "-t", "30", "stop"]);
    },
    pid() {
      const status = spawnSync(isRoot ? "runuser" : pgCtl, isRoot ? ["-u", "postgres", "--", pgCtl, "-D", dataDir, "status"] : ["-D", dataDir, "status"], {
        encoding: "utf8",
      });
      const match = /PID: (\d+)/.exec(status.stdout);
      return status.status === 0 && match ? Number(match[1]) : null;
    },
    destroy() {
      if (cluster.pid() !== null) cluster.stop("immediate");
      rmSync(root, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}

function uidOf(user: string): number {
  return Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
}

function gidOf(user: string): number {
  return Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
}
