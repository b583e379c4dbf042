"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsagePoint, UsageRange } from "@/lib/data/usage";
import { OUTCOME_LABEL, OUTCOME_ORDER } from "./usage-outcomes";

// One colour per outcome and colour scheme, each at least 3:1 against the card.
const COLOURS =
  "[--u-success:#4f46e5] [--u-insufficient_scope:#b45309] [--u-rate_limited:#be123c] [--u-ip_not_allowed:#7c3aed] [--u-refused:#52525b] " +
  "[--u-grid:#e4e4e7] [--u-text:#52525b] [--u-bg:#ffffff] " +
  "dark:[--u-success:#a5b4fc] dark:[--u-insufficient_scope:#fbbf24] dark:[--u-rate_limited:#fda4af] dark:[--u-ip_not_allowed:#c4b5fd] " +
  "dark:[--u-refused:#d4d4d8] dark:[--u-grid:#3f3f46] dark:[--u-text:#a1a1aa] dark:[--u-bg:#18181b]";

const hour = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

export function tickLabel(range: UsageRange, iso: string) {
  return (range === "24h" ? hour : day).format(new Date(iso));
}

/** Requests per bucket stacked by outcome. Hidden from assistive technology: the summary and table carry the numbers. */
export function UsageChart({ series, range }: { series: UsagePoint[]; range: UsageRange }) {
  return (
    // The chart is drawn at a measured pixel width: out of the flow (absolute) and clipped, it can never hold its
    // card wider than the screen, whether the window shrinks or a phone turns, before it is measured again.
    <div className={`relative h-56 w-full overflow-hidden ${COLOURS}`} aria-hidden="true" data-testid="usage-chart">
      <div className="absolute inset-0">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--u-grid)" vertical={false} />
            <XAxis
              dataKey="at"
              tickFormatter={(iso: string) => tickLabel(range, iso)}
              tick={{ fill: "var(--u-text)", fontSize: 12 }}
              stroke="var(--u-grid)"
              minTickGap={16}
            />
            <YAxis allowDecimals={false} tick={{ fill: "var(--u-text)", fontSize: 12 }} stroke="var(--u-grid)" width={48} />
            <Tooltip
              labelFormatter={(iso) => `${tickLabel(range, String(iso))} UTC`}
              contentStyle={{ background: "var(--u-bg)", borderColor: "var(--u-grid)", borderRadius: 6, fontSize: 12 }}
              labelStyle={{ color: "var(--u-text)" }}
            />
            <Legend wrapperStyle={{ fontSize: 12, color: "var(--u-text)" }} />
            {OUTCOME_ORDER.map((outcome) => (
              <Bar
                key={outcome}
                dataKey={outcome}
                name={OUTCOME_LABEL[outcome]}
                stackId="requests"
                fill={`var(--u-${outcome})`}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
