"use client";

// sonner loads on demand, not with every signed-in page: the page's first load only carries this
// file. A toast raised while sonner is still loading is created once it arrives, and sonner's
// <Toaster> shows every active toast when it mounts, so none is lost (see components/toaster.tsx).

type Kind = "success" | "error" | "warning";

let sonner: Promise<typeof import("sonner")> | null = null;
const wanted = new Set<() => void>();

/** Starts loading sonner (once) and tells the mounted toasters to render. */
export function loadToasts() {
  if (!sonner) {
    sonner = import("sonner");
    for (const listener of wanted) listener();
  }
  return sonner;
}

/** For the toaster: whether toasts have been asked for, and a way to hear when they are. */
export const toastsWanted = () => sonner !== null;
export function onToastsWanted(listener: () => void) {
  wanted.add(listener);
  return () => void wanted.delete(listener);
}

const show = (kind: Kind) => (message: string) => void loadToasts().then(({ toast }) => toast[kind](message));

/** The one way to raise a toast: the same calls as sonner's `toast.success/error/warning`. */
export const toast = { success: show("success"), error: show("error"), warning: show("warning") };
