"use client";

import { lazy, Suspense, useState, type ReactNode } from "react";
import type { DialogProps } from "./dialog-radix";

const DialogView = lazy(() => import("./dialog-radix").then((m) => ({ default: m.DialogView })));

/**
 * A modal dialog (see DialogView). Its code (Radix's dialog, ~13 kB compressed) loads the first
 * time it opens, not with the page: most pages hold several dialogs that a visit never opens.
 * Meanwhile focus stays where it was, so the dialog still returns it there when it closes.
 */
export function Dialog(props: DialogProps) {
  if (!useOpenedOnce(props.open)) return null;
  return (
    <Suspense fallback={null}>
      <DialogView {...props} />
    </Suspense>
  );
}

/**
 * True from the first time `open` is true: what mounts a lazily loaded dialog and keeps it
 * mounted, so it can close with focus handed back (Radix does that as it closes).
 */
export function useOpenedOnce(open: boolean) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened;
}

/** A dialog's buttons: they stay in view at the bottom while a tall body scrolls. */
export function DialogFooter({ children }: { children: ReactNode }) {
  return (
    <div className="sticky -bottom-6 z-10 -mx-6 mt-6 -mb-6 flex flex-wrap justify-end gap-3 border-t border-zinc-200 bg-white px-6 py-4 dark:border-zinc-800 dark:bg-zinc-900">
      {children}
    </div>
  );
}
