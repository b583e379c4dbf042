"use client";

import { useEffect } from "react";

/**
 * Marks <html data-hydrated> once the component that renders it is interactive. It sits
 * in each page's own client component, not the root layout: pages stream inside Suspense
 * boundaries (loading.tsx) that hydrate after the root, and e2e tests wait for it before typing.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
