"use client";

import { useEffect } from "react";

/** Marks <html data-hydrated> once React is interactive; e2e tests wait for it before typing. */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
