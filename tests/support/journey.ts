// The collaboration journey over HTTP, as three people would drive it through a load balancer: a planner
// edits lines, a lead planner comments with a mention, a client viewer keeps the plan open (live poll);
// then an import is previewed and applied, and the plan is submitted and approved by agency and client.
// While it runs, the caller's `disrupt` breaks things (drains an instance, restarts PostgreSQL). Every
// answer is kept, so a test can assert and a benchmark can print the same run.
import postgres from "postgres";
import type { AppProcess } from "./app-process";
import { instancesThatServed } from "./fleet";
import { demoIds, pause, send, signIn, type Answer } from "./qiao-client";

export type JourneyReport = {
  answers: Answer[];
  editsAcknowledged: number;
  editsRetried: number;
  lostEdits: string[];
  commentsAcknowledged: number;
  commentsMissing: number;
  importPreviewStatus: number;
  importApplyStatus: number;
  /** Index of the instance that made the preview and of the one that applied it (null without instances). */
  previewInstance: number | null;
  applyInstance: number | null;
  finalStatus: string;
  workflowStatuses: number[];
};

type Line = { id: string; version: number; budget_fen: number; name: string; placement_id: string; destination_id: string; buying_model: string; unit_cost_fen: number | null; start_date: string; end_date: string; kpi_id: string | null; kpi_target: number | null; audience_notes: string; format_notes: string; flighting_mode: string };

const PLANNER = "planner@qiao-demo.example";
const LEAD = "lead@qiao-demo.example";
const VIEWER = "viewer@qiao-demo.example";

export async function runCollaborationJourney(options: {
  baseUrl: string;
  databaseUrl: string;
  /** How long the edit phase lasts; `disrupt` runs alongside it. */
  editPhaseMs: number;
  disrupt: () => Promise<void>;
  /** The instances behind the balancer: the import is then applied on another instance than the one that previewed it. */
  instances?: AppProcess[];
}): Promise<JourneyReport> {
  const { baseUrl } = options;
  const owner = postgres(options.databaseUrl, { max: 2, onnotice: () => {}, connect_timeout: 1, backoff: () => 0.1 });
  const answers: Answer[] = [];
  const keep = (answer: Answer & { setCookie?: string[]; location?: string | null }) => {
    const { setCookie: _s, location: _l, ...rest } = answer;
    answers.push({ ...rest, body: rest.body.slice(0, 300) });
    return answer;
  };
  // The test's own reads (what the page showed the person) retry while the database is away.
  const read = async <T>(query: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await query();
      } catch (error) {
        if (attempt > 300) throw error;
        await pause(100);
      }
    }
  };
  // A person retries an action that answered 503 (the page says "try again in a moment").
  const persist = async (attempt: () => Promise<Answer>): Promise<{ answer: Answer; tries: number }> => {
    for (let tries = 1; ; tries++) {
      const answer = await attempt();
      if (answer.status !== 503 || tries > 200) return { answer, tries };
      await pause(200);
    }
  };

  try {
    const ids = await read(() => demoIds(options.databaseUrl));
    const signInRetrying = async (email: string) => {
      for (let tries = 0; ; tries++) {
        try {
          return await signIn(baseUrl, email);
        } catch (error) {
          if (tries > 50) throw error;
          await pause(200);
        }
      }
    };
    const [planner, lead, viewer] = [await signInRetrying(PLANNER), await signInRetrying(LEAD), await signInRetrying(VIEWER)];
    const lines = await read(
      () => owner<Line[]>`select id, version, budget_fen, name, placement_id, destination_id, buying_model, unit_cost_fen, start_date::text, end_date::text, kpi_id, kpi_target, audience_notes, format_notes, flighting_mode
        from line_items where campaign_id = ${ids.campaignId} and flighting_mode <> 'custom' order by position limit 6`,
    );
    if (lines.length === 0) throw new Error("The demo campaign has no editable lines.");

    let running = true;
    // The client viewer keeps the plan open: the live poll every 500 ms.
    const viewerLoop = (async () => {
      while (running) {
        keep(await send(baseUrl, `${ids.campaignPath}/live`, { cookie: viewer }));
        await pause(500);
      }
    })();
    // The lead planner comments with a mention, every 700 ms; each acknowledged comment must exist at the end.
    const comments: string[] = [];
    const leadLoop = (async () => {
      for (let n = 0; running; n++) {
        const body = `@planner check line budgets, note ${n}-${Date.now()}`;
        const { answer } = await persist(() => send(baseUrl, `${ids.campaignPath}/comments`, { cookie: lead, form: { intent: "post", body } }).then(keep));
        if (answer.status === 200) comments.push(body);
        await pause(700);
      }
    })();

    // The planner edits budgets line after line; the last acknowledged value of each line must survive.
    const acknowledged = new Map<string, number>();
    let editsAcknowledged = 0;
    let editsRetried = 0;
    const editLoop = (async () => {
      for (let k = 0; running; k++) {
        const line = lines[k % lines.length]!;
        const budgetYuan = 10_000 + k;
        for (let tries = 0; ; tries++) {
          const [current] = await read(() => owner<{ version: number; budget_fen: number }[]>`select version, budget_fen from line_items where id = ${line.id}`);
          const answer = keep(
            await send(baseUrl, `${ids.campaignPath}?index`, {
              cookie: planner,
              form: {
                intent: "update-line",
                lineId: line.id,
                version: String(current!.version),
                name: line.name,
                placementId: line.placement_id,
                destinationId: line.destination_id,
                buyingModel: line.buying_model,
                unitCost: line.unit_cost_fen === null ? "" : (line.unit_cost_fen / 100).toFixed(2),
                budget: String(budgetYuan),
                startDate: line.start_date,
                endDate: line.end_date,
                kpiId: line.kpi_id ?? "",
                kpiTarget: line.kpi_target === null ? "" : String(line.kpi_target),
                audienceNotes: line.audience_notes,
                formatNotes: line.format_notes,
                flightingMode: line.flighting_mode,
              },
            }),
          );
          if (answer.status === 200) {
            acknowledged.set(line.id, budgetYuan * 100);
            editsAcknowledged++;
            break;
          }
          // 503: the database was away; 409: it may have committed just before the answer was lost.
          if (answer.status === 409) {
            const [after] = await read(() => owner<{ budget_fen: number }[]>`select budget_fen from line_items where id = ${line.id}`);
            if (Number(after!.budget_fen) === budgetYuan * 100) {
              acknowledged.set(line.id, budgetYuan * 100);
              editsAcknowledged++;
              break;
            }
          } else if (answer.status !== 503) {
            throw new Error(`Edit answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          }
          editsRetried++;
          if (tries > 200) throw new Error("An edit never got through.");
          await pause(200);
        }
      }
    })();

    const disrupted = options.disrupt();
    await pause(options.editPhaseMs);
    await disrupted;
    running = false;
    await Promise.all([viewerLoop, leadLoop, editLoop]);

    // Import: the exported CSV back in (previewed by one instance, applied by whichever answers next).
    const exported = await persist(() => send(baseUrl, `${ids.campaignPath}/export.csv`, { cookie: planner }).then(keep));
    const csv = exported.answer.body;
    const upload = () => {
      const form = new FormData();
      // A file name with ";" and "=" (a colleague's "v2; budget=final") must upload like any other.
      form.append("file", new Blob([csv], { type: "text/csv" }), "Plan v2; budget=final.csv");
      return form;
    };
    const preview = await persist(() => send(baseUrl, `${ids.campaignPath}/import`, { cookie: planner, multipart: upload() }).then(keep));
    const [job] = await read(() => owner<{ id: string }[]>`select id from import_jobs where campaign_id = ${ids.campaignId} order by created_at desc limit 1`);
    // The preview lives in PostgreSQL (import_jobs): apply it on an instance that did not make it.
    const instances = options.instances ?? [];
    const previewInstance = instancesThatServed(instances, "POST", `${ids.campaignPath}/import`, preview.answer.status)[0] ?? null;
    const applyInstance = previewInstance === null ? null : instances.findIndex((instance, index) => index !== previewInstance && instance.isAlive());
    const applyUrl = applyInstance === null || applyInstance < 0 ? baseUrl : instances[applyInstance]!.baseUrl;
    const apply = job
      ? await persist(() => send(applyUrl, `${ids.campaignPath}/import`, { cookie: planner, form: { jobId: job.id } }).then(keep))
      : { answer: { status: 0 } as Answer };

    // Submit, agency approval, client approval: each step on the plan version the person saw.
    const workflowStatuses: number[] = [];
    for (const [who, action] of [
      [planner, "submit"],
      [lead, "approve-agency"],
      [viewer, "approve-client"],
    ] as const) {
      const [campaign] = await read(() => owner<{ plan_version: number }[]>`select plan_version from campaigns where id = ${ids.campaignId}`);
      const step = await persist(() =>
        send(baseUrl, `${ids.campaignPath}/workflow`, { cookie: who, form: { intent: action, seenVersion: String(campaign!.plan_version) } }).then(keep),
      );
      workflowStatuses.push(step.answer.status);
    }

    const finalLines = await read(() => owner<{ id: string; budget_fen: number }[]>`select id, budget_fen from line_items where campaign_id = ${ids.campaignId}`);
    const byId = new Map(finalLines.map((l) => [l.id, Number(l.budget_fen)]));
    const lostEdits = [...acknowledged].filter(([id, fen]) => byId.get(id) !== fen).map(([id, fen]) => `${id}: acknowledged ${fen}, stored ${byId.get(id)}`);
    const stored = await read(() => owner<{ body: string }[]>`select body from comments where campaign_id = ${ids.campaignId}`);
    const storedBodies = new Set(stored.map((c) => c.body));
    const [campaign] = await read(() => owner<{ status: string }[]>`select status from campaigns where id = ${ids.campaignId}`);
    return {
      answers,
      editsAcknowledged,
      editsRetried,
      lostEdits,
      commentsAcknowledged: comments.length,
      commentsMissing: comments.filter((c) => !storedBodies.has(c)).length,
      importPreviewStatus: preview.answer.status,
      importApplyStatus: apply.answer.status,
      previewInstance,
      applyInstance: applyInstance !== null && applyInstance >= 0 ? applyInstance : null,
      finalStatus: campaign!.status,
      workflowStatuses,
    };
  } finally {
    await owner.end({ timeout: 1 });
  }
}
