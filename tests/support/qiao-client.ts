// A person's HTTP client for process-level tests and benchmarks: signs in like the browser (form post
// with the site's Origin), keeps the session cookie, and records every answer with its latency.
import postgres from "postgres";
import { Agent, request } from "undici";

export type Answer = {
  method: string;
  path: string;
  status: number;
  ms: number;
  retryAfter: string | null;
  contentType: string;
  body: string;
  error?: string;
  /** The form a load step posted, so a benchmark can check what was acknowledged. */
  form?: Record<string, string>;
};

const agent = new Agent({ connections: 64, keepAliveTimeout: 2_000 });

/** One request; a transport error or no answer within the timeout is status 0 (a hang the tests count). */
export async function send(
  baseUrl: string,
  path: string,
  options: {
    method?: "GET" | "POST";
    cookie?: string;
    form?: Record<string, string>;
    multipart?: FormData;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Answer & { setCookie: string[]; location: string | null }> {
  const method = options.method ?? (options.form || options.multipart ? "POST" : "GET");
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | FormData | undefined;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  }
  if (options.multipart) body = options.multipart;
  if (body !== undefined) headers.origin = baseUrl;
  const started = performance.now();
  try {
    const response = await request(baseUrl + path, {
      method,
      headers,
      body: body as string | undefined,
      dispatcher: agent,
      headersTimeout: options.timeoutMs ?? 15_000,
      bodyTimeout: options.timeoutMs ?? 15_000,
    });
    const text = await response.body.text();
    const header = (name: string) => {
      const value = response.headers[name];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    };
    const setCookie = response.headers["set-cookie"];
    return {
      method,
      path,
      status: response.statusCode,
      ms: performance.now() - started,
      retryAfter: header("retry-after"),
      contentType: header("content-type") ?? "",
      body: text,
      setCookie: Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [],
      location: header("location"),
    };
  } catch (error) {
    return { method, path, status: 0, ms: performance.now() - started, retryAfter: null, contentType: "", body: "", error: (error as Error).message, setCookie: [], location: null };
  }
}

export async function signIn(baseUrl: string, email: string, password = "qiao-demo-2026"): Promise<string> {
  const answer = await send(baseUrl, "/login", { form: { email, password, redirectTo: "" } });
  if (answer.status !== 302) throw new Error(`Sign-in of ${email} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  return answer.setCookie.map((c) => c.split(";")[0]!).join("; ");
}

export type DemoIds = { orgSlug: string; clientId: string; campaignId: string; campaignPath: string };

/** The seeded demo campaign, read with the cluster's owner login. */
export async function demoIds(databaseUrl: string): Promise<DemoIds> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ slug: string; client_id: string; campaign_id: string }[]>`
      select o.slug, c.client_account_id as client_id, c.id as campaign_id
      from campaigns c join organizations o on o.id = c.organization_id
      order by c.created_at limit 1`;
    if (!row) throw new Error("No demo campaign: was the demo seeded?");
    return {
      orgSlug: row.slug,
      clientId: row.client_id,
      campaignId: row.campaign_id,
      campaignPath: `/o/${row.slug}/clients/${row.client_id}/campaigns/${row.campaign_id}`,
    };
  } finally {
    await sql.end();
  }
}

/** One step of a load: a GET of a path, or a form POST to it. */
export type LoadStep = string | { path: string; form: () => Record<string, string> };

/** N closed-loop workers cycling through the steps until stopped; every answer is kept. */
export function startLoad(baseUrl: string, steps: LoadStep[], options: { workers: number; cookie?: string; timeoutMs?: number }) {
  const answers: Answer[] = [];
  let running = true;
  const worker = async (offset: number) => {
    for (let i = offset; running; i++) {
      const step = steps[i % steps.length]!;
      const request = typeof step === "string" ? { path: step } : { path: step.path, form: step.form() };
      const { setCookie: _c, location: _l, ...answer } = await send(baseUrl, request.path, { cookie: options.cookie, timeoutMs: options.timeoutMs, form: "form" in request ? request.form : undefined });
      answers.push({ ...answer, body: answer.body.slice(0, 300), ...("form" in request ? { form: request.form } : {}) });
    }
  };
  const done = Promise.all(Array.from({ length: options.workers }, (_, i) => worker(i)));
  return {
    answers,
    async stop(): Promise<Answer[]> {
      running = false;
      await done;
      return answers;
    },
  };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
