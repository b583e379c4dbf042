"use client";

import { lazy } from "react";
import type { Result } from "@/lib/core/result";

// The show-once dialog loads with the forms that issue keys, not with the pages. A key must
// never be issued and then fail to appear, so those forms call the action through
// `afterRevealLoaded`: if the dialog's code cannot be fetched, nothing is issued.
const loadReveal = () => import("./reveal-key-dialog");

export const RevealKeyDialog = lazy(() => loadReveal().then((m) => ({ default: m.RevealKeyDialog })));

/** Runs `issue` once the show-once dialog's code is here; a refusal like a network error otherwise. */
export async function afterRevealLoaded<T>(issue: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    await loadReveal();
  } catch {
    return { ok: false, code: "network", message: "Keyport could not be reached, or refused the request. Try again." };
  }
  return issue();
}
