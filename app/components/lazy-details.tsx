import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A <details> whose body is made only once it is opened: a closed disclosure sends its summary and no
 * more (the plan page sent 11 KiB of closed forms). Once opened it stays rendered, so what a person
 * typed survives closing it. `open` opens it from the server too (a form sent back with errors).
 */
export function LazyDetails({
  summary,
  open,
  className,
  summaryClassName,
  onOpen,
  children,
}: {
  summary: ReactNode;
  open?: boolean;
  className?: string;
  summaryClassName?: string;
  onOpen?: () => void;
  children: () => ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  // Open from the start stays so until the person closes it (React would close it when `open` turns false).
  const [openAtFirst] = useState(Boolean(open));
  // Opened before the page was interactive: the toggle event was missed, so look once.
  useEffect(() => {
    if (ref.current?.open) setOpened(true);
  }, []);
  return (
    <details
      ref={ref}
      className={className}
      open={open || openAtFirst ? true : undefined}
      onToggle={(event) => {
        if (!event.currentTarget.open) return;
        setOpened(true);
        onOpen?.();
      }}
    >
      <summary className={summaryClassName}>{summary}</summary>
      {opened || open || openAtFirst ? children() : null}
    </details>
  );
}
