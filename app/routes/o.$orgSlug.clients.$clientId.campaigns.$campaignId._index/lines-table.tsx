import { useFetcher } from "@remix-run/react";
import { Fragment, useCallback, useEffect, useId, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ColumnHeads } from "~/components/column-heads";
import { DataLevelBadge } from "~/components/data-level-badge";
import { InlineConfirm } from "~/components/inline-confirm";
import { labelFor } from "~/components/post-button";
import type { Locale } from "~/i18n/config";
import { formatDate, formatMoney, formatNumber, formatPercent } from "~/i18n/format";
import { LineForm, lineToFormValues, type LineFormResult, type LineFormValues } from "./line-form";
import { CellEditor, fieldOfColumn, useGrid, type CellField, type CellMove, type Grid } from "./grid";
import { lineLabels, OptionsGate, type OptionsState, type PlanOptions } from "./plan-options";
import type { LineView, PlanPageData } from "./view.server";

type Conflict =
  | {
      kind: "line";
      lineId: string;
      theirs: LineView | null;
      /** Only the fields the person changed. */
      yours: Record<string, unknown>;
      /** Fields both changed to different values: the person decides these. */
      clashes?: string[];
      theirsForm?: Partial<LineFormValues>;
      mergedForm?: Partial<LineFormValues>;
    }
  | { kind: "delete"; lineId: string };

function EstimateCell({ line, locale }: { line: LineView; locale: Locale }) {
  const { t } = useTranslation();
  const e = line.estimate;
  if (!e) return <span>—</span>;
  // The figures the page shows, in order; the server sends only those with a value (view.server.ts).
  const figures = Object.keys(e.figures) as (keyof typeof e.figures)[];
  const belowCost = e.notes.includes("fixed-buy-budget-below-natural-cost") && e.naturalCostFen !== null && e.boughtDays !== null;
  return (
    <>
      <dl className="estimates">
        {figures.map((f) => (
          <Fragment key={f}>
            <dt>{t(`planner.${f}`)}</dt>
            <dd title={e.sources[f] ? t(`planner.source.${e.sources[f]}`) : undefined}>
              {formatNumber(e.figures[f]!, locale)}
            </dd>
          </Fragment>
        ))}
      </dl>
      {belowCost ? (
        <p className="mt-1 max-w-[14rem] text-xs text-amber-900" data-testid="fixed-cost-note">
          {t("planner.fixedBelowCost", { budget: formatMoney(line.budgetFen, locale), cost: formatMoney(e.naturalCostFen!, locale), boughtDays: e.boughtDays, count: line.days })}
        </p>
      ) : null}
      {e.notes.includes("fixed-buy-no-impressions-figure") ? <p className="mt-1 max-w-[14rem] text-xs text-slate-600">{t("planner.fixedNoImpressions")}</p> : null}
    </>
  );
}

/** The KPI and its target in the KPI's unit (money in CNY, a rate as a percentage). */
function kpiTargetText(line: LineView, kpiUnit: string | null, locale: Locale): string | null {
  if (line.kpiTarget === null) return null;
  if (kpiUnit === "fen") return formatMoney(line.kpiTarget, locale);
  if (kpiUnit === "ratio") return formatPercent(line.kpiTarget, locale, 1);
  return formatNumber(line.kpiTarget, locale);
}

/** An edit of one line, as the fields' values before and after (as the line form shows them). */
type LineChange = {
  lineId: string;
  before: Partial<Record<CellField, string>>;
  after: Partial<Record<CellField, string>>;
  /** Which side its last save wrote, until that save answers (then that side holds the values as stored: "345 000" became "345000.00"). */
  saving?: "before" | "after";
};
/** A row's part in pastes and undo: save several fields at once, and say what the line's fields hold now. */
type RowApplier = { lineId: string; apply: (changes: Partial<Record<CellField, string>>) => LineChange | null; current: () => Record<CellField, string> };
const HISTORY_LIMIT = 50;

/** The whole line as its form posts it (update-line), with the fields as typed or pasted: the same versioned, conflict-checked save. */
function cellForm(lineId: string, version: number, values: ReturnType<typeof lineToFormValues>, changes: Partial<Record<CellField, string>>): FormData {
  const form = new FormData();
  form.set("intent", "update-line");
  form.set("lineId", lineId);
  form.set("version", String(version));
  // What the person started from: a colleague's change to another field is merged, not overwritten.
  form.set("base", JSON.stringify(values));
  for (const [key, value] of Object.entries({ ...values, ...changes })) {
    if (key === "flight") for (const [week, amount] of Object.entries(value as Record<string, string>)) form.set(`flight.${week}`, amount);
    else if (typeof value === "string") form.set(key, value);
  }
  return form;
}

/** One row per line; "Edit" opens the line's form in place, saved through its own fetcher so nothing else resets. */
function LineRow({
  line,
  index,
  count,
  data,
  options,
  locale,
  canEdit,
  labelIds,
  row,
  grid,
  pasteInto,
  record,
  onSaved,
}: {
  line: LineView;
  index: number;
  /** The row's place in the grid (this page's lines). */
  row: number;
  grid: Grid;
  /** Where the row says how several of its fields are saved at once (a paste, an undo) and at which version the line is. */
  pasteInto: (row: number, applier: RowApplier) => void;
  /** Keeps an edit for undo. */
  record: (changes: LineChange[]) => void;
  /** The line's save answered: the line's fields as stored now, or null when it was refused. */
  onSaved: (lineId: string, stored: Record<CellField, string> | null) => void;
  count: number;
  data: PlanPageData;
  options: OptionsState;
  locale: Locale;
  canEdit: boolean;
  /** The prefix of the table's ids: its verbs' labels (`${labelIds}-edit` …) and each row's name (`${labelIds}-n3`). */
  labelIds: string;
}) {
  const { t } = useTranslation();
  // Each button's name is its verb and the line's name ("Edit Demo-Brand_…"), by reference to both.
  const nameId = `${labelIds}-n${index}`;
  const labelled = (verb: RowVerb) => `${labelIds}-${verb} ${nameId}`;
  const names = lineLabels(data.names, line);
  const targetText = kpiTargetText(line, names.kpiUnit, locale);
  const [editing, setEditing] = useState(false);
  // The version the person started editing from: a colleague's save (seen live) must not quietly
  // become the base of this edit, or their change would be overwritten without a conflict.
  const [editVersion, setEditVersion] = useState(line.version);
  // And the values it had then: what the person changed is measured from these (merge by field).
  const [base, setBase] = useState(() => lineToFormValues(line));
  const fetcher = useFetcher<LineFormResult & { conflict?: Conflict | null }>({ key: `line-${line.id}` });
  const conflict = fetcher.data?.conflict && (fetcher.data.conflict as Conflict).lineId === line.id ? (fetcher.data.conflict as Conflict) : null;
  const saved = fetcher.data?.saved?.lineId === line.id && fetcher.state === "idle";
  // A save that went through closes the form, once: opening it again afterwards (the fetcher still
  // holds that answer) starts a new edit. Deriving "open" from the answer kept it shut for good.
  const [closedFor, setClosedFor] = useState<unknown>(null);
  if (saved && !conflict && fetcher.data !== closedFor) {
    setClosedFor(fetcher.data);
    if (editing) setEditing(false);
  }
  const isEditing = editing;
  // A conflict: the form restarts from the colleague's version with this person's changes on top.
  const lineConflict = conflict?.kind === "line" && conflict.theirs ? conflict : null;
  const formBase = lineConflict?.theirsForm ?? base;
  const formDefaults = lineConflict?.mergedForm ?? base;
  const formVersion = lineConflict?.theirs ? lineConflict.theirs.version : editVersion;
  // The live notice refreshed the line while the form is open: say so, before the save finds out.
  const changedMeanwhile = isEditing && line.version !== formVersion && !lineConflict;
  const colSpan = canEdit ? 8 : 7;
  const move = (direction: "up" | "down") => fetcher.submit({ intent: "move-line", lineId: line.id, direction }, { method: "post" });

  // A cell edited in place: sent as the line form would send the whole line, with that one field changed.
  const pendingCell = useRef<{ col: number; field: CellField; value: string; previous: unknown; pasted?: boolean } | null>(null);
  const cellEdit = grid.editing?.row === row ? grid.editing : null;
  // The line as it was when the cell's edit began: a colleague's save seen live meanwhile is merged by
  // field (or shown as a conflict), never quietly overwritten, as with the line's form.
  const cellStart = useRef<{ col: number; version: number; values: ReturnType<typeof lineToFormValues> } | null>(null);
  if (!cellEdit) cellStart.current = null;
  else if (cellStart.current?.col !== cellEdit.col) cellStart.current = { col: cellEdit.col, version: line.version, values: lineToFormValues(line) };
  const commitCell = (col: number, typed: string | null, moveOn: CellMove) => {
    const field = fieldOfColumn(col)!;
    const start = cellStart.current ?? { version: line.version, values: lineToFormValues(line) };
    if (typed !== null && typed !== start.values[field]) {
      setEditVersion(start.version);
      setBase(start.values);
      pendingCell.current = { col, field, value: typed, previous: fetcher.data };
      fetcher.submit(cellForm(line.id, start.version, start.values, { [field]: typed }), { method: "post", preventScrollReset: true });
      record([{ lineId: line.id, before: { [field]: start.values[field] as string }, after: { [field]: typed }, saving: "after" }]);
    }
    grid.endEdit(moveOn);
  };
  // Several fields at once (a pasted block's part of this line, an undo): one save; a refusal opens the line's form with what was sent and why.
  const applyFields = (changes: Partial<Record<CellField, string>>): LineChange | null => {
    const values = lineToFormValues(line);
    const changed = Object.entries(changes).filter(([field, value]) => values[field as CellField] !== value) as [CellField, string][];
    if (changed.length === 0) return null;
    setEditVersion(line.version);
    setBase(values);
    const [field, value] = changed[0]!;
    // No cell shows the typed value meanwhile (col -1): several change at once.
    pendingCell.current = { col: -1, field, value, previous: fetcher.data, pasted: true };
    fetcher.submit(cellForm(line.id, line.version, values, Object.fromEntries(changed)), { method: "post", preventScrollReset: true });
    return { lineId: line.id, before: Object.fromEntries(changed.map(([f]) => [f, values[f] as string])), after: Object.fromEntries(changed), saving: "after" };
  };
  useEffect(() => pasteInto(row, { lineId: line.id, apply: applyFields, current: () => lineToFormValues(line) as Record<CellField, string> }));
  useEffect(() => {
    const pending = pendingCell.current;
    // Only this submission's answer (not what the fetcher held before it).
    if (!pending || fetcher.state !== "idle" || !fetcher.data || fetcher.data === pending.previous) return;
    pendingCell.current = null;
    // Saved: the line's fields as stored (from the save's answer, not the page's data, which another row's reload may hold back) are what an undo starts from.
    const stored = fetcher.data.saved?.lineId === line.id ? fetcher.data.saved.values : undefined;
    onSaved(line.id, stored ? (stored as Record<CellField, string>) : null);
    // A colleague saved this line meanwhile: the line's form opens with the conflict view.
    if (fetcher.data.conflict) return setEditing(true);
    // Refused: the cell opens again with what was typed and why.
    const errors = fetcher.data.result?.error;
    const messages = errors ? Object.values(errors).flatMap((list) => list ?? []) : [];
    if (messages.length > 0 && pending.pasted) setEditing(true);
    else if (messages.length > 0) grid.startEdit({ row, col: pending.col, initial: pending.value, errors: messages });
  }, [fetcher.state, fetcher.data, grid, row, line.id, onSaved]);
  /** What a cell shows: its editor while edited, what was typed while it saves, else its value. */
  const cell = (col: number, shown: ReactNode, label: string) => {
    if (cellEdit?.col === col) {
      const field = fieldOfColumn(col)!;
      return (
        <CellEditor
          label={labelFor(label, line.name)!}
          value={(cellStart.current?.values ?? lineToFormValues(line))[field] as string}
          initial={cellEdit.initial}
          errors={cellEdit.errors}
          inputMode={field === "name" ? "text" : "decimal"}
          onDone={(typed, moveOn) => commitCell(col, typed, moveOn)}
        />
      );
    }
    const saving = fetcher.state !== "idle" && pendingCell.current?.col === col ? pendingCell.current.value : null;
    return saving !== null ? <span className="cell-saving">{saving}</span> : shown;
  };
  return (
    <>
      {/* Cell looks are the .plan-lines rules in tailwind.css (one class per kind of cell, not a dozen utilities per cell). */}
      <tr data-row={row} aria-busy={fetcher.state !== "idle" || undefined} data-testid={`line-${index}`} style={{ "--c": names.color } as CSSProperties}>
        <td {...grid.cellProps(row, 0)}>
          {cell(
            0,
            <p className="name" id={nameId}>
              {line.name}
            </p>,
            t("planner.lineName"),
          )}
          <p className="meta">
            {names.ecosystem} · {names.placement}
          </p>
          <p className="meta">
            {formatDate(line.startDate, locale)} – {formatDate(line.endDate, locale)} · {t(`planner.flightingMode.${line.flightingMode}`)}
          </p>
        </td>
        <td {...grid.cellProps(row, 1)}>
          {names.destination}
          <p>
            <DataLevelBadge level={line.level} />
          </p>
          {/* Three lines, the whole sentence on hover; a screen reader reads it all. */}
          <p className="explanation" data-testid="line-explanation">
            {line.explanation}
          </p>
        </td>
        <td {...grid.cellProps(row, 2)}>{t(`model.${line.buyingModel}`)}</td>
        <td className="num" {...grid.cellProps(row, 3)}>
          {cell(3, line.unitCostFen === null ? "—" : formatMoney(line.unitCostFen, locale), t("planner.unitCost"))}
        </td>
        <td className="num font-medium" {...grid.cellProps(row, 4)}>
          {cell(4, formatMoney(line.budgetFen, locale), t("planner.lineBudget"))}
        </td>
        <td {...grid.cellProps(row, 5)}>
          {names.kpi ?? "—"}
          {cell(
            5,
            targetText !== null ? (
              <p className="meta tabular-nums" data-testid="kpi-target">
                {t("planner.targetShort", { target: targetText })}
              </p>
            ) : null,
            t("planner.kpiTarget"),
          )}
        </td>
        <td {...grid.cellProps(row, 6)}>
          <EstimateCell line={line} locale={locale} />
        </td>
        {canEdit ? (
          <td {...grid.cellProps(row, 7)}>
            <div className="actions">
              <button
                type="button"
                className="btn-secondary"
                onClick={() => {
                  if (!isEditing) {
                    setEditVersion(line.version);
                    setBase(lineToFormValues(line));
                  }
                  setEditing(!isEditing);
                }}
                aria-expanded={isEditing}
                aria-labelledby={labelled("edit")}
              >
                {t("planner.edit")}
              </button>
              {/* Like Edit and Delete, these act through the row's fetcher (no form per button in the page). */}
              <button type="button" className="btn-secondary" onClick={() => fetcher.submit({ intent: "duplicate-line", lineId: line.id }, { method: "post", preventScrollReset: true })} aria-labelledby={labelled("duplicate")}>
                {t("planner.duplicate")}
              </button>
              <div>
                <button type="button" className="btn-secondary" disabled={index === 0} onClick={() => move("up")} aria-labelledby={labelled("moveUp")}>
                  ↑
                </button>
                <button type="button" className="btn-secondary" disabled={index === count - 1} onClick={() => move("down")} aria-labelledby={labelled("moveDown")}>
                  ↓
                </button>
              </div>
              <InlineConfirm
                look="danger"
                testId="confirm-delete"
                values={{ intent: "delete-line", lineId: line.id, version: line.version }}
                labels={{ open: t("planner.delete"), question: t("planner.confirmDelete"), confirm: t("planner.confirmDeleteYes"), cancel: t("planner.cancel") }}
                subjectId={nameId}
                preventScrollReset
              />
            </div>
          </td>
        ) : null}
      </tr>
      {isEditing ? (
        <tr>
          <td colSpan={colSpan} className="bg-slate-50 p-3">
            <OptionsGate state={options}>
              {(choices) => (
                <>
            {conflict?.kind === "line" ? <ConflictPanel conflict={conflict} line={line} locale={locale} options={choices} onKeepTheirs={() => setEditing(false)} /> : null}
            <LineForm
              key={formVersion}
              id={`edit-${line.id}`}
              options={choices}
              defaults={formDefaults}
              base={formBase}
              notice={changedMeanwhile ? t("planner.changedMeanwhile") : null}
              intent="update-line"
              lineId={line.id}
              version={formVersion}
              campaign={data.campaign}
              fetcher={fetcher}
              onCancel={() => setEditing(false)}
              submitLabel={conflict?.kind === "line" ? t("planner.useMine") : t("planner.saveLine")}
            />
                </>
              )}
            </OptionsGate>
          </td>
        </tr>
      ) : null}
    </>
  );
}

type Options = PlanOptions;

const money = (v: unknown, l: Locale) => (typeof v === "number" ? formatMoney(v, l) : "—");
const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : "—");

/** The fields a conflict can be about, each shown as the page shows it (names, money, dates), never as stored ids. */
const COMPARED: { key: string; label: string; format: (v: unknown, locale: Locale, options: Options, t: (key: string) => string) => string }[] = [
  { key: "budgetFen", label: "planner.lineBudget", format: (v, l) => money(v, l) },
  { key: "unitCostFen", label: "planner.unitCost", format: (v, l) => money(v, l) },
  { key: "placementId", label: "planner.placement", format: (v, _l, o) => o.placements.find((p) => p.id === v)?.name ?? text(v) },
  { key: "destinationId", label: "planner.destination", format: (v, _l, o) => (typeof v === "string" ? (o.destinations[v]?.name ?? v) : "—") },
  { key: "buyingModel", label: "planner.buyingModel", format: (v, _l, _o, t) => (typeof v === "string" ? t(`model.${v}`) : "—") },
  { key: "startDate", label: "planner.startDate", format: (v, l) => (typeof v === "string" ? formatDate(v, l) : "—") },
  { key: "endDate", label: "planner.endDate", format: (v, l) => (typeof v === "string" ? formatDate(v, l) : "—") },
  { key: "kpiId", label: "planner.kpi", format: (v, _l, o) => o.kpis.find((k) => k.id === v)?.name ?? text(v) },
  { key: "kpiTarget", label: "planner.kpiTarget", format: (v, l) => (typeof v === "number" ? formatNumber(v, l) : "—") },
  { key: "flightingMode", label: "planner.flighting", format: (v, _l, _o, t) => (typeof v === "string" ? t(`planner.flightingMode.${v}`) : "—") },
  { key: "customFlightingFen", label: "planner.customWeeks", format: (v, l) => (v && typeof v === "object" ? Object.entries(v as Record<string, number>).map(([w, fen]) => `${w}: ${formatMoney(fen, l)}`).join("; ") : "—") },
  { key: "name", label: "planner.lineName", format: text },
  { key: "audienceNotes", label: "planner.audienceNotes", format: text },
  { key: "formatNotes", label: "planner.formatNotes", format: text },
];

/** Theirs and yours side by side: nothing was overwritten; the person chooses. */
function ConflictPanel({ conflict, line, locale, options, onKeepTheirs }: { conflict: Extract<Conflict, { kind: "line" }>; line: LineView; locale: Locale; options: Options; onKeepTheirs: () => void }) {
  const { t } = useTranslation();
  const theirs = (conflict.theirs ?? {}) as Record<string, unknown>;
  const yours = conflict.yours;
  // The person's other changes are already in the form, on top of the colleague's version.
  const kept = COMPARED.filter((c) => c.key in yours && !(conflict.clashes ?? []).includes(c.key)).map((c) => t(c.label));
  return (
    <div role="alert" className="mb-3 rounded-md border border-amber-400 bg-amber-50 p-3" data-testid="conflict">
      <h3 className="font-semibold text-amber-950">{t("planner.conflictTitle")}</h3>
      <p className="text-sm text-amber-950">{conflict.theirs ? t("planner.conflictBody", { who: t("planner.someone") }) : t("planner.goneLine")}</p>
      {conflict.theirs ? (
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <ColumnHeads columns={[{ label: t("planner.field") }, { label: t("planner.theirs") }, { label: t("planner.yours") }]} />
          </thead>
          <tbody>
            {COMPARED.filter((c) => (conflict.clashes ? conflict.clashes.includes(c.key) : JSON.stringify(theirs[c.key] ?? null) !== JSON.stringify(yours[c.key] ?? null))).map((c) => (
              <tr key={c.key} className="border-t border-amber-200">
                <th scope="row" className="font-normal">
                  {t(c.label)}
                </th>
                <td data-testid={`theirs-${c.key}`}>{c.format(theirs[c.key], locale, options, t)}</td>
                <td data-testid={`yours-${c.key}`}>{c.format(yours[c.key], locale, options, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {kept.length > 0 ? (
        <p className="mt-2 text-sm text-amber-950" data-testid="conflict-kept">
          {t("planner.conflictKept", { fields: kept.join(", ") })}
        </p>
      ) : null}
      <button type="button" className="btn-secondary mt-2" onClick={onKeepTheirs} aria-label={`${t("planner.keepTheirs")} — ${line.name}`}>
        {t("planner.keepTheirs")}
      </button>
    </div>
  );
}

/** The names of columns 2 to 7 as CSS strings (--l2 …), which label a line's cells where they stack at phone width. */
function columnNames(names: string[]): CSSProperties {
  return Object.fromEntries(names.map((name, i) => [`--l${i + 2}`, JSON.stringify(name)])) as CSSProperties;
}

const MONEY_HEAD = "py-2 pr-2 text-right font-medium";

/** The verbs of a row's buttons, each written once in the table (hidden) and referred to by every row. */
const ROW_VERBS = ["edit", "duplicate", "moveUp", "moveDown"] as const;
type RowVerb = (typeof ROW_VERBS)[number];

export function LinesTable({ data, options, locale, canEdit }: { data: PlanPageData; options: OptionsState; locale: Locale; canEdit: boolean }) {
  const { t } = useTranslation();
  const labelIds = useId();
  const tableRef = useRef<HTMLTableElement>(null);
  // Each row's way to save several of its fields at once (registered by the rows as they render).
  const pasters = useRef(new Map<number, RowApplier>());
  const [gridStatus, setGridStatus] = useState<string | null>(null);
  // The last edits (a cell, a paste), each undone or redone as a whole: a save of the values before (after).
  const history = useRef<{ undo: LineChange[][]; redo: LineChange[][] }>({ undo: [], redo: [] });
  const record = useCallback((changes: LineChange[]) => {
    if (changes.length === 0) return;
    history.current.undo = [...history.current.undo.slice(-(HISTORY_LIMIT - 1)), changes];
    history.current.redo = [];
  }, []);
  // A save answered: the side it wrote now holds the values as stored; a refused one is no edit to undo.
  const onSaved = useCallback((lineId: string, stored: Record<CellField, string> | null) => {
    for (const stack of [history.current.undo, history.current.redo]) {
      for (const group of stack) {
        // Every change of that line still waiting: the fetcher sends one save at a time, so this answer settles them all.
        for (const change of group.filter((c) => c.lineId === lineId && c.saving !== undefined)) {
          if (stored === null) {
            group.splice(group.indexOf(change), 1);
            continue;
          }
          const side = change.saving!;
          change[side] = Object.fromEntries(Object.keys(change[side]).map((field) => [field, stored[field as CellField]]));
          change.saving = undefined;
        }
      }
    }
    history.current.undo = history.current.undo.filter((group) => group.length > 0);
    history.current.redo = history.current.redo.filter((group) => group.length > 0);
  }, []);
  const grid = useGrid({
    rows: data.lines.length,
    cols: canEdit ? 8 : 7,
    tableRef,
    // A KPI target needs a KPI to be a target of.
    canEdit: (row, col) => canEdit && fieldOfColumn(col) !== undefined && (col !== 5 || Boolean(data.lines[row]?.kpiId)),
    onPasteBlock: (changes, skipped) => {
      const done: LineChange[] = [];
      for (const [row, fields] of changes) {
        const change = pasters.current.get(row)?.apply(fields);
        if (change) done.push(change);
      }
      record(done);
      setGridStatus([t("planner.pasted", { count: done.length }), skipped > 0 ? t("planner.pastedSkipped", { skipped }) : ""].join(" ").trim());
    },
    onHistory: (step) => {
      const stack = step === "undo" ? history.current.undo : history.current.redo;
      const group = stack.pop();
      if (!group) return setGridStatus(t(step === "undo" ? "planner.nothingToUndo" : "planner.nothingToRedo"));
      // Still saving: the edit stays where it was, to be undone once its save has answered.
      if (group.some((change) => change.saving !== undefined)) {
        stack.push(group);
        return setGridStatus(t("planner.stillSaving"));
      }
      const appliers = [...pasters.current.values()];
      const done: LineChange[] = [];
      let changedSince = 0;
      for (const change of group) {
        const applier = appliers.find((a) => a.lineId === change.lineId);
        const [from, to] = step === "undo" ? ([change.after, "before"] as const) : ([change.before, "after"] as const);
        // Someone changed one of these fields since (or the line is gone, or on another page): left as it is.
        const current = applier?.current();
        if (!applier || !current || Object.entries(from).some(([field, value]) => current[field as CellField] !== value)) {
          changedSince++;
          continue;
        }
        if (applier.apply(change[to])) done.push({ ...change, saving: to });
      }
      if (done.length > 0) (step === "undo" ? history.current.redo : history.current.undo).push(done);
      setGridStatus([t(step === "undo" ? "planner.undone" : "planner.redone", { count: done.length }), changedSince > 0 ? t("planner.changedSince", { count: changedSince }) : ""].join(" ").trim());
    },
  });
  const pasteInto = useCallback((row: number, applier: RowApplier) => void pasters.current.set(row, applier), []);
  if (data.lines.length === 0) return <p className="card text-sm text-slate-600">{t("planner.noLines")}</p>;
  return (
    <div className="card overflow-x-auto p-0 max-md:overflow-visible max-md:border-0 max-md:bg-transparent max-md:shadow-none">
      {canEdit ? (
        <div hidden>
          {ROW_VERBS.map((verb) => (
            <span key={verb} id={`${labelIds}-${verb}`}>
              {t(`planner.${verb}`)}
            </span>
          ))}
        </div>
      ) : null}
      {/* At phone width each line is a card: cells stack, each with its column's name. */}
      <table ref={tableRef} role="grid" aria-labelledby="lines-title" className="plan-lines" data-testid="lines" style={columnNames([t("planner.destination"), t("planner.buyingModel"), t("planner.unitCost"), t("planner.lineBudget"), t("planner.kpi"), t("planner.estimates")])}>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <ColumnHeads
            cellClassName="py-2 pr-2 font-medium"
            columns={[
              { label: t("planner.lineName"), className: "py-2 pl-3 pr-2 font-medium" },
              { label: <>{t("planner.destination")} / {t("planner.level")}</> },
              { label: t("planner.buyingModel") },
              { label: t("planner.unitCost"), className: MONEY_HEAD },
              { label: t("planner.lineBudget"), className: MONEY_HEAD },
              { label: t("planner.kpi") },
              { label: t("planner.estimates") },
              canEdit && { label: t("planner.actions") },
            ]}
          />
        </thead>
        <tbody {...grid.bodyProps}>
          {data.lines.map((line, index) => (
            <LineRow key={line.id} line={line} index={data.lineOffset + index} count={data.totalLines} data={data} options={options} locale={locale} canEdit={canEdit} labelIds={labelIds} row={index} grid={grid} pasteInto={pasteInto} record={record} onSaved={onSaved} />
          ))}
        </tbody>
      </table>
      {/* What a paste or an undo did, said once (a screen reader hears it; sighted people see the cells change). */}
      <p role="status" className="px-3 py-1 text-sm text-slate-700 empty:hidden" data-testid="grid-status">
        {gridStatus}
      </p>
    </div>
  );
}
