/**
 * A modal on the native <dialog> element: focus is trapped and restored by the browser,
 * Escape closes it, and screen readers announce it as a dialog with its heading.
 */
import { type ReactNode, useEffect, useId, useRef } from "react";

export function Dialog({
  open,
  title,
  onClose,
  children,
  wide = false,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? "dialog dialog-wide" : "dialog"}
      aria-labelledby={headingId}
      onClose={onClose}
    >
      {open ? (
        <>
          <h2 id={headingId}>{title}</h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
