import type { ReactNode } from "react";

export type ColumnHead = { label: ReactNode; className?: string };

/** A table's header row: one `<th scope="col">` a column; a column shown only to some is `false` for the others. */
export function ColumnHeads({ columns, className, cellClassName }: { columns: (ColumnHead | false)[]; className?: string; cellClassName?: string }) {
  return (
    <tr className={className}>
      {columns.map((column, index) =>
        column ? (
          <th key={index} scope="col" className={column.className ?? cellClassName}>
            {column.label}
          </th>
        ) : null,
      )}
    </tr>
  );
}
