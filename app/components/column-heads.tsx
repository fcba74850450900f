import type { ReactNode } from "react";

export type ColumnHead = { label: ReactNode; className?: string };

/** A table's header row: one `<th scope="col">` a column (roles explicit, so a grid or a table restyled as cards keeps them); a column shown only to some is `false` for the others. */
export function ColumnHeads({ columns, className, cellClassName }: { columns: (ColumnHead | false)[]; className?: string; cellClassName?: string }) {
  return (
    <tr role="row" className={className}>
      {columns.map((column, index) =>
        column ? (
          <th key={index} scope="col" role="columnheader" className={column.className ?? cellClassName}>
            {column.label}
          </th>
        ) : null,
      )}
    </tr>
  );
}
