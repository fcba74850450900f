import { useCallback, useRef, useState, type ClipboardEvent, type FocusEvent, type KeyboardEvent, type MouseEvent, type RefObject } from "react";
import { flushSync } from "react-dom";
import { ErrorList } from "~/components/forms";

// The line table as a keyboard grid (the ARIA grid pattern): one cell takes Tab focus (roving
// tabindex), the arrow keys, Home and End move between cells, Enter or F2 edits the cell in place (or
// typing, which starts from the key typed), Enter saves and moves down, Tab saves and moves to the
// next cell that edits, Escape cancels. A cell edit saves through the line's versioned update, as
// the line form does.

/**
 * A grid row says its place (`data-row`, this page's lines in order); a cell's column is its index in the
 * row. Nothing per cell, so the page's markup does not grow by the grid.
 */
function placeOf(target: HTMLElement): { cell: HTMLTableCellElement; row: number; col: number } | null {
  const cell = target.closest<HTMLTableCellElement>("td");
  const row = cell?.parentElement?.dataset.row;
  return cell && row !== undefined ? { cell, row: Number(row), col: cell.cellIndex } : null;
}

function cellAt(table: HTMLElement | null, row: number, col: number): HTMLElement | undefined {
  return table?.querySelector<HTMLTableRowElement>(`tbody > tr[data-row="${row}"]`)?.cells[col];
}

/** Tab-separated rows, as spreadsheets put a block on the clipboard (a last empty line is the copy's end, not a row). */
export function parseBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line) => line.split("\t").map((cell) => cell.trim()));
}

/** The fields a cell edits, by column of the line table (the others are read or act through their buttons). */
export const EDITABLE_COLUMNS = { 0: "name", 3: "unitCost", 4: "budget", 5: "kpiTarget" } as const;
export type CellField = (typeof EDITABLE_COLUMNS)[keyof typeof EDITABLE_COLUMNS];

export type CellPosition = { row: number; col: number };
export type CellMove = "down" | "next" | "previous" | "blur" | null;
/** A cell being edited: where, what it starts from (a key typed, or the value), and the server's errors for a value sent back. */
export type CellEdit = CellPosition & { initial: string | null; errors?: string[] };

export type Grid = {
  active: CellPosition;
  editing: CellEdit | null;
  /** Props of a cell: the active one is the grid's place in the tab order (the others take focus when moved to). */
  cellProps: (row: number, col: number) => { tabIndex?: number };
  /** On the grid's body: the keys, and focus or a click on a cell making it the active one. */
  bodyProps: {
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
    onFocus: (event: FocusEvent<HTMLElement>) => void;
    onMouseDown: (event: MouseEvent<HTMLElement>) => void;
    onPaste: (event: ClipboardEvent<HTMLElement>) => void;
  };
  startEdit: (edit: CellEdit) => void;
  /** The edit is over (saved or cancelled): back to the cell, on to the next one, or (the person clicked elsewhere) nowhere. */
  endEdit: (move: CellMove) => void;
};

const COLUMN_FIELDS = EDITABLE_COLUMNS as Record<number, CellField | undefined>;

export function fieldOfColumn(col: number): CellField | undefined {
  return COLUMN_FIELDS[col];
}

/**
 * The grid's state over `rows` × `cols` cells. `canEdit(row, col)` says whether that cell edits (a
 * KPI target needs a KPI; nobody edits a locked plan).
 */
export function useGrid({
  rows,
  cols,
  tableRef,
  canEdit,
  onPasteBlock,
  onHistory,
}: {
  rows: number;
  cols: number;
  tableRef: RefObject<HTMLElement>;
  canEdit: (row: number, col: number) => boolean;
  /** A block pasted at the active cell, as the fields it sets per row (cells that do not edit are left out), and how many cells it skipped. */
  onPasteBlock: (changes: Map<number, Partial<Record<CellField, string>>>, skipped: number) => void;
  /** Ctrl+Z / Ctrl+Y (⌘Z / ⇧⌘Z) on the grid, not in a cell's editor (which has its own). */
  onHistory: (step: "undo" | "redo") => void;
}): Grid {
  const [active, setActive] = useState<CellPosition>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<CellEdit | null>(null);
  const current = useRef(active);
  current.current = active;

  const focusCell = useCallback(
    (row: number, col: number) => {
      const next = { row: Math.min(Math.max(0, row), rows - 1), col: Math.min(Math.max(0, col), cols - 1) };
      // Rendered at once, so the cell has its tabindex and takes focus before the next key arrives
      // (a focus moved later sent a fast Home + F2 to the cell it left).
      flushSync(() => setActive(next));
      cellAt(tableRef.current, next.row, next.col)?.focus();
    },
    [rows, cols, tableRef],
  );

  const nextEditable = useCallback(
    (row: number, col: number, step: 1 | -1): CellPosition | null => {
      for (let r = row, c = col + step; r >= 0 && r < rows; c += step) {
        if (c >= cols) [r, c] = [r + 1, -1];
        else if (c < 0) [r, c] = [r - 1, cols];
        else if (canEdit(r, c)) return { row: r, col: c };
      }
      return null;
    },
    [rows, cols, canEdit],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const place = placeOf(target);
    if (!place) return;
    const { cell, row, col } = place;
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (key === "z" || key === "y") && !editing) {
      event.preventDefault();
      onHistory(key === "y" || event.shiftKey ? "redo" : "undo");
      return;
    }
    // A button inside a cell keeps its keys; Escape goes back to the cell.
    if (cell !== target) {
      if (event.key === "Escape" && !editing) {
        event.preventDefault();
        focusCell(row, col);
      }
      return;
    }
    const moves: Record<string, CellPosition> = {
      ArrowUp: { row: row - 1, col },
      ArrowDown: { row: row + 1, col },
      ArrowLeft: { row, col: col - 1 },
      ArrowRight: { row, col: col + 1 },
      Home: event.ctrlKey ? { row: 0, col: 0 } : { row, col: 0 },
      End: event.ctrlKey ? { row: rows - 1, col: cols - 1 } : { row, col: cols - 1 },
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focusCell(move.row, move.col);
      return;
    }
    if (!canEdit(row, col)) return;
    if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      setEditing({ row, col, initial: null });
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing over a cell starts its edit from that key, as in a spreadsheet.
      event.preventDefault();
      setEditing({ row, col, initial: event.key });
    }
  };

  return {
    active,
    editing,
    cellProps: (row, col) => (active.row === row && active.col === col ? { tabIndex: 0 } : {}),
    bodyProps: {
      onKeyDown,
      onFocus: (event) => {
        const place = placeOf(event.target as HTMLElement);
        if (place && (current.current.row !== place.row || current.current.col !== place.col)) setActive({ row: place.row, col: place.col });
      },
      // A click on a cell (not on its buttons or editor) makes it the active cell, focused.
      onMouseDown: (event) => {
        const target = event.target as HTMLElement;
        const place = placeOf(target);
        if (place && !target.closest("button, input, select, textarea, a")) focusCell(place.row, place.col);
      },
      // A block copied from Excel or Sheets (tab-separated rows) lands from the active cell rightwards and down.
      onPaste: (event) => {
        const place = placeOf(event.target as HTMLElement);
        if (!place || place.cell !== event.target || editing) return;
        const block = parseBlock(event.clipboardData.getData("text/plain"));
        if (block.length === 0) return;
        event.preventDefault();
        const changes = new Map<number, Partial<Record<CellField, string>>>();
        let skipped = 0;
        block.forEach((values, i) =>
          values.forEach((value, j) => {
            const row = place.row + i;
            const col = place.col + j;
            const field = fieldOfColumn(col);
            if (row >= rows || !field || !canEdit(row, col)) return void skipped++;
            changes.set(row, { ...changes.get(row), [field]: value });
          }),
        );
        onPasteBlock(changes, skipped);
      },
    },
    startEdit: (edit) => {
      setActive({ row: edit.row, col: edit.col });
      setEditing(edit);
    },
    endEdit: (move) => {
      const from = editing ?? current.current;
      setEditing(null);
      if (move === "down") focusCell(from.row + 1 < rows ? from.row + 1 : from.row, from.col);
      else if (move === "next" || move === "previous") {
        const next = nextEditable(from.row, from.col, move === "next" ? 1 : -1);
        if (next) {
          setActive(next);
          setEditing({ ...next, initial: null });
        } else focusCell(from.row, from.col);
      } else if (move !== "blur") focusCell(from.row, from.col);
    },
  };
}

/**
 * The input of a cell being edited. Enter saves and moves down, Tab (Shift+Tab) saves and moves on,
 * Escape cancels; leaving the cell otherwise saves what was typed.
 */
export function CellEditor({
  label,
  value,
  initial,
  errors,
  inputMode,
  onDone,
}: {
  label: string;
  /** The value as the line form shows it. */
  value: string;
  initial: string | null;
  errors?: string[];
  inputMode?: "decimal" | "text";
  /** `typed` is null when the edit was cancelled. */
  onDone: (typed: string | null, move: CellMove) => void;
}) {
  const finished = useRef(false);
  const finish = (typed: string | null, move: CellMove) => {
    if (finished.current) return;
    finished.current = true;
    onDone(typed, move);
  };
  return (
    <div className="cell-editor">
      <input
        aria-label={label}
        defaultValue={initial ?? value}
        inputMode={inputMode}
        aria-invalid={errors?.length ? true : undefined}
        autoFocus
        onFocus={(event) => {
          // A typed key starts the value; Enter or F2 puts the caret after the value.
          const input = event.currentTarget;
          input.setSelectionRange(input.value.length, input.value.length);
        }}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === "Enter") {
            event.preventDefault();
            finish(event.currentTarget.value, "down");
          } else if (event.key === "Tab") {
            event.preventDefault();
            finish(event.currentTarget.value, event.shiftKey ? "previous" : "next");
          } else if (event.key === "Escape") {
            event.preventDefault();
            finish(null, null);
          }
        }}
        onBlur={(event) => finish(event.currentTarget.value, "blur")}
      />
      <ErrorList errors={errors} />
    </div>
  );
}
