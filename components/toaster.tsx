"use client";

import { lazy, Suspense, useEffect, useSyncExternalStore } from "react";
import { loadToasts, onToastsWanted, toastsWanted } from "./toast";

const SonnerToaster = lazy(() => loadToasts().then((m) => ({ default: m.Toaster })));

/**
 * The toasts' live region. Toasts only follow something the user did, so sonner loads on the
 * first pointer or key press on the page (or the first toast, whichever comes first): the region
 * is in place before the toast it announces, and no page's first load carries sonner.
 */
export function Toaster() {
  const wanted = useSyncExternalStore(onToastsWanted, toastsWanted, () => false);
  useEffect(() => {
    if (wanted) return;
    const load = () => void loadToasts();
    const options = { once: true, capture: true, passive: true } as const;
    window.addEventListener("pointerdown", load, options);
    window.addEventListener("keydown", load, options);
    return () => {
      window.removeEventListener("pointerdown", load, options);
      window.removeEventListener("keydown", load, options);
    };
  }, [wanted]);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <SonnerToaster position="bottom-right" theme="system" richColors closeButton />
    </Suspense>
  );
}
