// nginx from Debian's packages as the load balancer in front of several app instances: loopback only,
// round-robin, no sticky sessions, no upstream keep-alive (so draining an instance is just "stop accepting").
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type Balancer = { baseUrl: string; port: number; stop(): Promise<void>; accessLog: string };

export function findNginx(): string | null {
  for (const candidate of [process.env.QIAO_NGINX, "/usr/sbin/nginx", "/usr/local/sbin/nginx"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const which = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

export async function startBalancer(options: { port: number; upstreamPorts: number[] }): Promise<Balancer> {
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is not installed (apt-get install -y nginx-light).");
  const prefix = mkdtempSync(path.join(os.tmpdir(), "qiao-nginx-"));
  // Workers may run as another user: the temp folders must be theirs to write.
  chmodSync(prefix, 0o777);
  const accessLog = path.join(prefix, "access.log");
  const config = `
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log ${accessLog};
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  client_max_body_size 12m;
  upstream qiao {
${options.upstreamPorts.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join("\n")}
  }
  server {
    listen 127.0.0.1:${options.port};
    location / {
      proxy_pass http://qiao;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A refused connection (an instance draining or down) goes to the next instance; a request that
      # reached an instance is never sent twice (POSTs are not retried once sent).
      proxy_next_upstream error timeout;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
    }
  }
}
`;
  const configPath = path.join(prefix, "nginx.conf");
  writeFileSync(configPath, config);
  execFileSync(nginx, ["-t", "-q", "-p", prefix, "-c", configPath], { stdio: "pipe" });
  const child: ChildProcess = spawn(nginx, ["-p", prefix, "-c", configPath], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    try {
      await fetch(`${baseUrl}/healthz`);
      break;
    } catch {
      if (i > 100) throw new Error(`nginx did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    baseUrl,
    port: options.port,
    accessLog,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.on("exit", resolve));
        child.kill("SIGQUIT");
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
