import "server-only";
import { scaleBand, scaleUtc } from "d3-scale";
import { countAxis } from "@/components/plot-axis";
import { W, type AxisTick } from "@/components/plot-frame";
import type { Outcome, UsagePoint, UsageRange } from "@/lib/data/usage/counts";
import { OUTCOME_ORDER } from "./usage-outcomes";

// The chart's geometry, worked out here with d3 on the server and sent as plain numbers: the
// key page polls it as JSON (GET /api/keys/<id>/usage) and draws it with UsageChart, so the
// browser never loads d3.

export type UsageBucket = {
  at: string;
  /** The bar, in 0..W, and its outcomes stacked from the baseline, in 0..H. */
  x: number;
  width: number;
  stacks: { outcome: Outcome; y: number; height: number }[];
  /** The column hovering (or tapping) shades: the bar and half the gaps either side. */
  column: { left: number; width: number; at: number; reach: number };
  title: string;
  counts: { outcome: Outcome; value: number }[];
};
export type UsageChartModel = { yTicks: AxisTick[]; xTicks: { x: number; label: string }[]; buckets: UsageBucket[] };

// h23, not hour12: false, which writes midnight as 24:00 in English.
const hour = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

export function tickLabel(range: UsageRange, iso: string) {
  return (range === "24h" ? hour : day).format(new Date(iso));
}

/** Requests per bucket stacked by outcome, as numbers UsageChart draws. */
export function usageChartModel(series: UsagePoint[], range: UsageRange): UsageChartModel {
  const time = (p: UsagePoint) => new Date(p.at).getTime();
  const x = scaleBand<number>().domain(series.map(time)).range([0, W]).paddingInner(0.25).paddingOuter(0.125);
  const totals = series.map((p) => OUTCOME_ORDER.reduce((n, o) => n + p[o], 0));
  const { y, ticks } = countAxis(Math.max(...totals));
  // Round hours and days from d3's time ticks (every 6 h, 2 days, a week): a phone's width holds them.
  const t = scaleUtc().domain([new Date(series[0]!.at), new Date(series.at(-1)!.at)]);
  const xTicks = t
    .ticks(range === "7d" ? 4 : 5)
    .filter((d) => x(d.getTime()) !== undefined)
    .map((d) => ({ x: x(d.getTime())! + x.bandwidth() / 2, label: tickLabel(range, d.toISOString()) }));
  const step = x.step();
  const buckets = series.map((p, i): UsageBucket => {
    const bar = x(time(p))!;
    let base = 0;
    const stacks = OUTCOME_ORDER.map((o) => ({ outcome: o, from: base, to: (base += p[o]) }))
      .filter((s) => s.to > s.from)
      .map((s) => ({ outcome: s.outcome, y: y(s.to), height: y(s.from) - y(s.to) }));
    const left = Math.max(0, bar - (step - x.bandwidth()) / 2);
    return {
      at: p.at,
      x: bar,
      width: x.bandwidth(),
      stacks,
      column: { left, width: Math.min(W, left + step) - left, at: bar + x.bandwidth() / 2, reach: x.bandwidth() / 2 },
      title: `${tickLabel(range, p.at)} UTC · ${totals[i]!.toLocaleString("en")} ${totals[i] === 1 ? "request" : "requests"}`,
      counts: OUTCOME_ORDER.flatMap((o) => (p[o] > 0 ? [{ outcome: o, value: p[o] }] : [])),
    };
  });
  return { yTicks: ticks, xTicks, buckets };
}
