// The colours of every chart's series, one palette for light and dark alike: a colour means the
// same thing in both themes, and each is picked to stay at least 3:1 against both card surfaces.
// components/chart-palette.test.ts measures every pair, so two series never look alike again.
import type { CSSProperties } from "react";
import type { Outcome } from "@/lib/data/usage/counts";

/** The cards charts sit on: white, and zinc-900 in dark mode. */
export const CHART_SURFACES = { light: "#ffffff", dark: "#18181b" } as const;

/**
 * A key's requests by outcome: success green, the refusals in distinct warm hues (amber, rose,
 * fuchsia) and the final refusals a neutral grey, so "succeeded" never reads as a refusal.
 */
export const OUTCOME_COLOURS: Record<Outcome, string> = {
  success: "#16a34a",
  insufficient_scope: "#b45309",
  rate_limited: "#e11d48",
  ip_not_allowed: "#c026d3",
  refused: "#71717a",
};

/** The admin overview's activity: keys created and sign-ins (the sign-ins line is dashed too). */
export const ACTIVITY_COLOURS = { keys: "#6366f1", signins: "#0d9488" } as const;

/** The palette as CSS custom properties (`--u-success`, …) for a chart's wrapper. */
export function seriesVars(prefix: string, colours: Record<string, string>): CSSProperties {
  return Object.fromEntries(Object.entries(colours).map(([name, colour]) => [`--${prefix}-${name}`, colour])) as CSSProperties;
}
