"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ActivityDay } from "@/lib/data/admin-overview";

/** The drawing of ActivityChart (loaded on its own, after the page): its colours come from the figure's CSS variables. */
export function ActivityLines({ days, label }: { days: ActivityDay[]; label: (day: string) => string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis
          dataKey="day"
          tickFormatter={label}
          tick={{ fill: "var(--chart-text)", fontSize: 12 }}
          stroke="var(--chart-grid)"
          minTickGap={24}
        />
        <YAxis allowDecimals={false} tick={{ fill: "var(--chart-text)", fontSize: 12 }} stroke="var(--chart-grid)" width={48} />
        <Tooltip
          labelFormatter={(day) => label(String(day))}
          contentStyle={{ background: "var(--chart-bg)", borderColor: "var(--chart-grid)", borderRadius: 6, fontSize: 12 }}
          labelStyle={{ color: "var(--chart-text)" }}
        />
        <Legend wrapperStyle={{ fontSize: 12, color: "var(--chart-text)" }} />
        <Line
          type="monotone"
          dataKey="keysCreated"
          name="Keys created"
          stroke="var(--chart-keys)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="signIns"
          name="Sign-ins"
          stroke="var(--chart-signins)"
          strokeWidth={2}
          strokeDasharray="6 3"
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
