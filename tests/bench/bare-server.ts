// The bare baseline of `npm run bench` (issue 14): plain node:http + postgres.js doing the data work of
// three app pages — the plan, its measurement page and the catalog — in ONE transaction as qiao_app
// under RLS, and answering an HTML page with that data embedded. No Remix, no React, no drizzle.
//
// One transaction, three settings steps: sessions are visible only with app.auth = on, and the user id
// (what the membership and notification policies filter on) is known only after the session row is
// read, so the transaction starts in auth mode, then switches to the user, then to the tenant
// (set_config(..., true) is transaction-local, so each switch is one more statement, not a transaction).
// Run as a process: `node --import tsx tests/bench/bare-server.ts` with BARE_PORT and BARE_DATABASE_URL.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import postgres from "postgres";
import { DESTINATIONS, ECOSYSTEMS, KPIS, MEASUREMENT_METHODS, PLACEMENTS } from "~/domain/catalog";

// The app's own limits (app/auth/session.server.ts): 7-day sliding expiry, extended past half-way.
const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const CAMPAIGN_PATH = new RegExp(`^/o/([^/]+)/clients/(${UUID})/campaigns/(${UUID})(/measurement)?/?$`, "i");
const CATALOG_PATH = /^\/o\/([^/]+)\/catalog\/?$/;

type Row = Record<string, unknown>;
type Sql = postgres.Sql<Record<string, never>>;
type Answer = { status: number; html?: string; location?: string };

export function openBareDatabase(url: string, max = 10): Sql {
  return postgres(url, {
    max, // the app's pool size (db/client.ts)
    onnotice: () => {},
    // As drizzle maps them: bigint money as numbers, dates as ISO strings.
    types: {
      bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) },
      date: { to: 1082, from: [1082], serialize: (value: string) => value, parse: (value: string) => value },
    },
  }) as unknown as Sql;
}

function readCookie(header: string | undefined, names: string[]): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key && names.includes(key)) return rest.join("=") || null;
  }
  return null;
}

function secretMatches(hashHex: string, secret: string): boolean {
  const expected = Buffer.from(hashHex);
  const actual = Buffer.from(createHash("sha256").update(secret).digest("hex"));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const escapeHtml = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(title: string, lang: string, body: string, data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Qiao 桥</title></head><body>${body}<script>window.__DATA=${json}</script></body></html>`;
}

function table(heads: string[], rows: unknown[][]): string {
  return `<table><thead><tr>${heads.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

/** Session, then the person's organizations (the membership by slug among them); null: sign in again. */
async function openUser(tx: postgres.TransactionSql<Record<string, never>>, token: string) {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  // Step 1, auth mode: the session row (sessions_auth_only) and its user.
  const [, sessions] = await Promise.all([
    tx`select set_config('role', 'qiao_app', true), set_config('app.auth', 'on', true), set_config('statement_timeout', '5000', true)`,
    tx`select s.id, s.secret_hash, s.expires_at, s.absolute_expires_at, u.id as user_id, u.email, u.name, u.locale, u.disabled_at
       from sessions s join users u on u.id = s.user_id where s.id = ${id}`,
  ]);
  const session = sessions[0];
  if (!session || !secretMatches(session.secret_hash as string, secret)) return null;
  const now = Date.now();
  const expiresAt = session.expires_at as Date;
  const absoluteExpiresAt = session.absolute_expires_at as Date;
  if (session.disabled_at || now >= expiresAt.getTime() || now >= absoluteExpiresAt.getTime()) {
    await tx`delete from sessions where id = ${id}`;
    return null;
  }
  if (expiresAt.getTime() - now < SESSION_IDLE_MS / 2) {
    await tx`update sessions set expires_at = ${new Date(Math.min(now + SESSION_IDLE_MS, absoluteExpiresAt.getTime()))} where id = ${id}`;
  }
  const user = { id: session.user_id as string, email: session.email as string, name: session.name as string, locale: session.locale as string | null };
  // Step 2, the user: every organization of theirs (the switcher), the one of the URL among them.
  const [, organizations] = await Promise.all([
    tx`select set_config('app.auth', '', true), set_config('app.user_id', ${user.id}, true)`,
    tx`select o.id, o.slug, o.name, o.kind, m.role from memberships m join organizations o on o.id = m.organization_id
       where m.user_id = ${user.id} order by o.name`,
  ]);
  return { user, organizations: organizations as Row[] };
}

const isOrgAdmin = (role: unknown) => role === "owner" || role === "admin";

/** Steps 1 and 2 (session, then the person's organizations) and the organization of the URL among them; null when not a member. */
async function openOrganization(tx: postgres.TransactionSql<Record<string, never>>, token: string, slug: string) {
  const opened = await openUser(tx, token);
  if (!opened) return "signed-out" as const;
  const organization = opened.organizations.find((o) => o.slug === slug);
  if (!organization) return null;
  return { ...opened, organization, orgId: organization.id as string };
}

async function loadCampaignPage(sql: Sql, token: string, slug: string, clientId: string, campaignId: string, kind: "plan" | "measurement") {
  return sql.begin(async (tx) => {
    const opened = await openOrganization(tx, token, slug);
    if (opened === "signed-out") return { signedOut: true as const };
    if (!opened) return null;
    const { user, organizations, organization, orgId } = opened;
    // Step 3, the tenant: everything else, pipelined on the transaction's connection.
    const [, clients, campaigns, lines, customs, benchmarks, levels, unread, comments, team, admins] = await Promise.all([
      tx`select set_config('app.organization_id', ${orgId}, true)`,
      tx`select ca.id, ca.name, ca.naming_template, cm.role from client_accounts ca
         left join client_members cm on cm.organization_id = ca.organization_id and cm.client_account_id = ca.id and cm.user_id = ${user.id}
         where ca.organization_id = ${orgId} and ca.id = ${clientId}`,
      tx`select * from campaigns where organization_id = ${orgId} and client_account_id = ${clientId} and id = ${campaignId}`,
      tx`select * from line_items where organization_id = ${orgId} and campaign_id = ${campaignId} order by position`,
      tx`select * from custom_placements where organization_id = ${orgId} and archived_at is null order by created_at`,
      tx`select * from benchmark_overrides where organization_id = ${orgId}`,
      tx`select * from level_overrides where organization_id = ${orgId} order by set_at`,
      tx`select count(*)::int as n from notifications where user_id = ${user.id} and read_at is null`,
      kind === "plan" ? tx`select * from comments where organization_id = ${orgId} and campaign_id = ${campaignId} order by created_at` : Promise.resolve([]),
      // Approvers only while the plan is written or reviewed (services/plan-page.server.ts).
      kind === "plan"
        ? tx`select u.id, u.name, u.email, cm.role from client_members cm join users u on u.id = cm.user_id
             where cm.organization_id = ${orgId} and cm.client_account_id = ${clientId}
               and exists (select 1 from campaigns c where c.organization_id = ${orgId} and c.id = ${campaignId} and c.status in ('draft', 'in_review'))
             order by u.name`
        : Promise.resolve([]),
      kind === "plan"
        ? tx`select u.id, u.name from memberships m join users u on u.id = m.user_id
             where m.organization_id = ${orgId} and m.role in ('owner', 'admin')
               and exists (select 1 from campaigns c where c.organization_id = ${orgId} and c.id = ${campaignId} and c.status in ('draft', 'in_review'))
             order by u.name`
        : Promise.resolve([]),
    ]);
    const client = clients[0];
    // Agency members see only the client accounts they are on (tenancy/access.server.ts).
    if (!client || (!client.role && !isOrgAdmin(organization.role))) return null;
    const campaign = campaigns[0];
    if (!campaign) return null;
    const status = campaign.status;
    const onTeam = new Set(team.map((m) => m.id));
    const approvers =
      kind === "plan" && (status === "draft" || status === "in_review")
        ? {
            agency: [...team.filter((m) => m.role === "lead_planner").map(({ id, name }) => ({ id, name })), ...admins.filter((a) => !onTeam.has(a.id))],
            client: team.filter((m) => m.role === "viewer").map(({ id, name }) => ({ id, name })),
          }
        : null;
    return {
      user,
      unread: (unread[0]?.n as number) ?? 0,
      organizations,
      organization,
      client,
      campaign,
      lines: lines as Row[],
      catalog: { customPlacements: customs, benchmarkOverrides: benchmarks, levelOverrides: levels },
      comments: comments as Row[],
      approvers,
    };
  });
}

async function loadCatalogPage(sql: Sql, token: string, slug: string) {
  return sql.begin(async (tx) => {
    const opened = await openOrganization(tx, token, slug);
    if (opened === "signed-out") return { signedOut: true as const };
    if (!opened) return null;
    const { user, organizations, organization, orgId } = opened;
    const [, customs, benchmarks, levels, unread] = await Promise.all([
      tx`select set_config('app.organization_id', ${orgId}, true)`,
      tx`select * from custom_placements where organization_id = ${orgId} and archived_at is null order by created_at`,
      tx`select * from benchmark_overrides where organization_id = ${orgId}`,
      tx`select * from level_overrides where organization_id = ${orgId} order by set_at`,
      tx`select count(*)::int as n from notifications where user_id = ${user.id} and read_at is null`,
    ]);
    return { user, unread: (unread[0]?.n as number) ?? 0, organizations, organization, catalog: { customPlacements: customs, benchmarkOverrides: benchmarks, levelOverrides: levels } };
  });
}

// The catalog as the pages show it: the plan page sends placement options, the catalog page every placement.
const PLACEMENT_OPTIONS = (locale: string) =>
  PLACEMENTS.map((p) => ({ id: p.id, name: locale === "zh" ? p.nameZh : p.nameEn, ecosystemId: p.ecosystemId, destinations: p.destinations, buyingModels: p.buyingModels, defaultBuyingModel: p.defaultBuyingModel }));

function header(data: { user: { name: string }; unread: number; organizations: Row[]; organization: Row }): string {
  return `<header><strong>${escapeHtml(data.organization.name)}</strong> · ${escapeHtml(data.user.name)} · <span>${data.unread}</span> unread · ${data.organizations
    .map((o) => `<a href="/o/${escapeHtml(o.slug)}">${escapeHtml(o.name)}</a>`)
    .join(" ")}</header>`;
}

export async function answer(sql: Sql, url: string, cookieHeader: string | undefined, acceptLanguage: string | undefined): Promise<Answer> {
  const { pathname } = new URL(url, "http://bare");
  if (pathname === "/healthz") return { status: 200, html: "ok" };
  const campaignMatch = CAMPAIGN_PATH.exec(pathname);
  const catalogMatch = campaignMatch ? null : CATALOG_PATH.exec(pathname);
  if (!campaignMatch && !catalogMatch) return { status: 404, html: "Not found" };
  const token = readCookie(cookieHeader, ["qiao_session", "__Host-qiao_session"]);
  const toLogin = { status: 302, location: `/login?redirectTo=${encodeURIComponent(pathname)}` };
  if (!token) return toLogin;
  const lang = readCookie(cookieHeader, ["qiao_lng"])?.includes("zh") || acceptLanguage?.toLowerCase().startsWith("zh") ? "zh" : "en";

  if (catalogMatch) {
    const data = await loadCatalogPage(sql, token, decodeURIComponent(catalogMatch[1]!));
    if (!data) return { status: 404, html: "Not found" };
    if ("signedOut" in data) return toLogin;
    const rows = [...PLACEMENTS.map((p) => [p.nameEn, p.nameZh, p.ecosystemId, p.funnelStage, p.reportingLevel, p.buyingModels.join(", "), p.destinations.join(", ")]),
      ...data.catalog.customPlacements.map((p) => [p.name_en, p.name_zh, p.ecosystem_id, p.funnel_stage, p.reporting_level, (p.buying_models as string[]).join(", "), (p.destinations as string[]).join(", ")])];
    const body = `${header(data)}<main><h1>Channel catalog</h1>${table(["Placement", "名称", "Ecosystem", "Stage", "Reporting", "Buying models", "Destinations"], rows)}</main>`;
    return { status: 200, html: page("Channel catalog", lang, body, { ...data, placements: PLACEMENTS, destinations: DESTINATIONS, ecosystems: ECOSYSTEMS }) };
  }

  const [, slug, clientId, campaignId, measurement] = campaignMatch!;
  const kind = measurement ? "measurement" : "plan";
  const data = await loadCampaignPage(sql, token, decodeURIComponent(slug!), clientId!.toLowerCase(), campaignId!.toLowerCase(), kind);
  if (!data) return { status: 404, html: "Not found" };
  if ("signedOut" in data) return toLogin;
  const name = String(data.campaign.name);
  if (kind === "measurement") {
    const rows = data.lines.map((l) => [l.name, `${l.placement_id} → ${l.destination_id}`, l.kpi_id, l.budget_fen, JSON.stringify(l.measurement)]);
    const body = `${header(data)}<main><h1>${escapeHtml(name)}</h1>${table(["Line", "Route", "KPI", "Budget (fen)", "Measurement"], rows)}</main>`;
    return { status: 200, html: page("Measurement plan", lang, body, { ...data, methods: MEASUREMENT_METHODS.map((m) => ({ id: m.id, name: lang === "zh" ? m.nameZh : m.nameEn })) }) };
  }
  const rows = data.lines.map((l) => [l.position, l.name, l.placement_id, l.destination_id, l.buying_model, l.budget_fen, l.start_date, l.end_date, l.kpi_id, l.flighting_mode]);
  const comments = data.comments.map((c) => `<li>${escapeHtml(c.author_name)}: ${escapeHtml(c.body)}</li>`).join("");
  const body = `${header(data)}<main><h1>${escapeHtml(name)}</h1>${table(["#", "Line", "Placement", "Destination", "Model", "Budget (fen)", "Start", "End", "KPI", "Flighting"], rows)}<ul>${comments}</ul></main>`;
  return { status: 200, html: page(name, lang, body, { ...data, options: { placements: PLACEMENT_OPTIONS(lang), kpis: KPIS } }) };
}

// The app's page carries more than the data (React markup, derived figures, strings): with this header the
// bench pads a 200 page with an HTML comment to the app's byte count, so both sides move the same bytes.
function padded(result: Answer, padTo: string | string[] | undefined): string {
  const html = result.html ?? "";
  const missing = Number(padTo ?? 0) - Buffer.byteLength(html) - "<!---->".length;
  return result.status === 200 && missing > 0 ? `${html}<!--${" ".repeat(missing)}-->` : html;
}

export function createBareServer(sql: Sql): http.Server {
  return http.createServer((request, response) => {
    answer(sql, request.url ?? "/", request.headers.cookie, request.headers["accept-language"]).then(
      (result) => {
        const headers: Record<string, string> = { "Content-Type": "text/html; charset=utf-8" };
        if (result.location) headers.Location = result.location;
        response.writeHead(result.status, headers);
        response.end(padded(result, request.headers["x-bench-pad-to"]));
      },
      (error: unknown) => {
        console.error(error);
        response.writeHead(500, { "Content-Type": "text/plain" });
        response.end("Internal error");
      },
    );
  });
}

export type BareServer = { baseUrl: string; child: ChildProcess; stop(): Promise<void> };

/** The bare server as its own process (like the app), so it never shares an event loop with the load generator. */
export async function startBareServer(options: { port: number; databaseUrl: string }): Promise<BareServer> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, NODE_ENV: "production", BARE_PORT: String(options.port), BARE_DATABASE_URL: options.databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += String(chunk);
      if (output.includes("bare server listening")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`Bare server exited with ${code}: ${output}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${options.port}`,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const url = process.env.BARE_DATABASE_URL;
  if (!url) throw new Error("BARE_DATABASE_URL is not set");
  const sql = openBareDatabase(url);
  const server = createBareServer(sql);
  server.keepAliveTimeout = 10_000;
  server.listen(Number(process.env.BARE_PORT ?? 3401), "127.0.0.1", () => console.log(`bare server listening on ${process.env.BARE_PORT ?? 3401}`));
  process.on("SIGTERM", () => {
    server.close(() => void sql.end({ timeout: 2 }).then(() => process.exit(0)));
    server.closeIdleConnections();
  });
}
