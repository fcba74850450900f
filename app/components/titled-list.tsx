import type { ReactNode } from "react";

/** A small heading over its list, left out when the list is empty: the parts of a version diff or an import preview. */
export function TitledList<T>({ title, items, className, testId, children }: { title: string; items: readonly T[]; className: string; testId?: string; children: (item: T) => ReactNode }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold">{title}</h3>
      <ul className={className} data-testid={testId}>
        {items.map((item) => children(item))}
      </ul>
    </div>
  );
}
