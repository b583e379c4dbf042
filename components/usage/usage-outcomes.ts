import type { Outcome, UsagePoint } from "@/lib/data/usage/counts";

export const OUTCOME_ORDER: Outcome[] = ["success", "insufficient_scope", "rate_limited", "ip_not_allowed", "refused"];

export const OUTCOME_LABEL: Record<Outcome, string> = {
  success: "Succeeded",
  insufficient_scope: "Missing scope (403)",
  rate_limited: "Rate limited (429)",
  ip_not_allowed: "IP not allowed (403)",
  refused: "Refused: disabled, revoked or expired (401)",
};

/** Totals per outcome over the series. */
export function totals(series: UsagePoint[]): Record<Outcome, number> {
  const sum = { success: 0, insufficient_scope: 0, rate_limited: 0, ip_not_allowed: 0, refused: 0 };
  for (const point of series) for (const o of OUTCOME_ORDER) sum[o] += point[o];
  return sum;
}

/** A label inside a sentence: "missing scope (403)", but "IP not allowed (403)" keeps its acronym. */
function inSentence(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** One sentence a reader takes in before the chart: how many, and how many failed and why. */
export function usageSummary(series: UsagePoint[], rangeLabel: string): string {
  const t = totals(series);
  const all = OUTCOME_ORDER.reduce((n, o) => n + t[o], 0);
  if (all === 0) return `No requests in the last ${rangeLabel}.`;
  const failed = OUTCOME_ORDER.filter((o) => o !== "success" && t[o] > 0).map(
    (o) => `${t[o].toLocaleString("en")} ${inSentence(OUTCOME_LABEL[o])}`,
  );
  return `${all.toLocaleString("en")} requests in the last ${rangeLabel}: ${t.success.toLocaleString("en")} succeeded${failed.length ? `, ${failed.join(", ")}` : ""}.`;
}
