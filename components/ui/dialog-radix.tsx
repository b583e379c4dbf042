"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { useRef, type ReactNode } from "react";

export type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** While true, Escape, clicks outside and the close button do nothing. */
  locked?: boolean;
  wide?: boolean;
};

/** The element to return focus to: a menu item opens many dialogs, and it is gone by then, so its menu's trigger. */
function focusOrigin(): HTMLElement | null {
  const active = document.activeElement as HTMLElement | null;
  const menu = active?.closest<HTMLElement>("[role=menu]");
  const trigger = menu?.getAttribute("aria-labelledby");
  return trigger ? document.getElementById(trigger) : active && active !== document.body ? active : null;
}

/**
 * The dialog itself, loaded by components/ui/dialog.tsx the first time it opens.
 * A modal dialog (role="dialog", focus trapped, labelled by its title). It opens on its
 * first useful control (one marked data-autofocus, else the first field or button of the
 * body, never the close button) and gives focus back to what opened it.
 */
export function DialogView({ open, onOpenChange, title, description, children, locked = false, wide = false }: DialogProps) {
  const origin = useRef<HTMLElement | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const block = (e: Event) => {
    if (locked) e.preventDefault();
  };
  const openFocus = (e: Event) => {
    origin.current = focusOrigin();
    // The marked control first: one selector list would pick whichever match comes first on the page.
    const first =
      body.current?.querySelector<HTMLElement>("[data-autofocus]") ??
      body.current?.querySelector<HTMLElement>("input:not([type=hidden]):not(:disabled), select, textarea, button:not(:disabled)");
    if (first) {
      e.preventDefault();
      first.focus();
    }
  };
  const closeFocus = (e: Event) => {
    if (origin.current?.isConnected) {
      e.preventDefault();
      origin.current.focus();
    }
  };
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => (locked && !next ? undefined : onOpenChange(next))}>
      <RadixDialog.Portal>
        {/* On the dialog's own level: a dialog opened over another (a wallet approval over an edit) dims the one beneath. */}
        <RadixDialog.Overlay className="fixed inset-0 z-50 bg-zinc-950/50 backdrop-blur-[2px]" />
        <RadixDialog.Content
          onOpenAutoFocus={openFocus}
          onCloseAutoFocus={closeFocus}
          onEscapeKeyDown={block}
          onPointerDownOutside={block}
          onInteractOutside={block}
          className={`fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-6 shadow-xl dark:border-zinc-800 dark:bg-zinc-900 ${wide ? "max-w-2xl" : "max-w-lg"}`}
        >
          <div className="flex items-start justify-between gap-4">
            <RadixDialog.Title className="text-lg font-semibold">{title}</RadixDialog.Title>
            <RadixDialog.Close
              aria-label="Close"
              aria-disabled={locked || undefined}
              onClick={(e) => locked && e.preventDefault()}
              className="-m-1 rounded p-1 text-zinc-600 dark:text-zinc-400 hover:bg-zinc-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-40 dark:hover:bg-zinc-800"
            >
              <svg viewBox="0 0 20 20" className="size-5" aria-hidden="true">
                <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
              </svg>
            </RadixDialog.Close>
          </div>
          {description ? (
            <RadixDialog.Description className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          <div ref={body} className="mt-5">
            {children}
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
