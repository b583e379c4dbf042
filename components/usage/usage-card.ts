import "server-only";
import type { KeyUsageView, UsageRange } from "@/lib/data/usage/counts";
import { usageChartModel, type UsageChartModel } from "./usage-chart-model";
import { OUTCOME_ORDER, totals, usageSummary } from "./usage-outcomes";

/** A key's usage over a range as its page shows it: plain JSON, the chart as numbers (null: nothing to chart). */
export type KeyUsageCard = { range: UsageRange; summary: string; chart: UsageChartModel | null; recent: KeyUsageView["recent"] };

const RANGE_LABEL = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" } as const;

/** The key page's first render and its polled GET route (app/api/keys/[keyId]/usage) both answer with this. */
export function usageCard({ range, series, recent }: KeyUsageView): KeyUsageCard {
  const sums = totals(series);
  const empty = OUTCOME_ORDER.every((o) => sums[o] === 0);
  return { range, summary: usageSummary(series, RANGE_LABEL[range]), chart: empty ? null : usageChartModel(series, range), recent };
}
