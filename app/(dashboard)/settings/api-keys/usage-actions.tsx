"use server";

import type { ReactNode } from "react";
import { userAction } from "@/lib/actions/builder";
import { fail, type Result } from "@/lib/core/result";
import { ownKeyUsage, type KeyUsageView } from "@/lib/data/usage/counts";
import { keyUsageSchema } from "@/lib/validation/api-key";
import { UsageChart } from "./_components/usage-chart";
import { OUTCOME_ORDER, totals, usageSummary } from "./_components/usage-outcomes";

export type KeyUsageCard = { summary: string; chart: ReactNode | null; recent: KeyUsageView["recent"] };

const RANGE_LABEL = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" } as const;

/**
 * A key's usage over a range for its page, which polls it: the chart comes drawn (SVG made
 * here on the server), so the page ships no chart code; null when there is nothing to chart.
 */
export const keyUsage = userAction.input(keyUsageSchema, async ({ keyId, range }, { user }): Promise<Result<KeyUsageCard>> => {
  const usage = await ownKeyUsage(user.id, keyId, range);
  if (!usage) return fail("not_found", "This key's usage is not yours to see: it may have been deleted, or you left its workspace.");
  const sums = totals(usage.series);
  const empty = OUTCOME_ORDER.every((o) => sums[o] === 0);
  return {
    ok: true,
    data: {
      summary: usageSummary(usage.series, RANGE_LABEL[range]),
      chart: empty ? null : <UsageChart series={usage.series} range={range} />,
      recent: usage.recent,
    },
  };
});
