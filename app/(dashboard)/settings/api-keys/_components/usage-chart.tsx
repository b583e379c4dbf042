import "server-only";
import { scaleBand, scaleUtc } from "d3-scale";
import { countAxis, PlotColumn, PlotFrame, W } from "@/components/plot-frame";
import type { UsagePoint, UsageRange } from "@/lib/data/usage/counts";
import { OUTCOME_COLOURS, seriesVars } from "@/components/chart-palette";
import { OUTCOME_LABEL, OUTCOME_ORDER } from "./usage-outcomes";

// Drawn on the server (d3 does the scale and tick maths here) in the frame every count chart
// shares, see components/plot-frame.tsx: the key page and the admin overview ship no chart code.

// The outcomes' colours are one palette for both themes (components/chart-palette.ts); only the
// grid and the labels follow the theme.
const FRAME = "[--chart-grid:#e4e4e7] [--chart-text:#52525b] dark:[--chart-grid:#3f3f46] dark:[--chart-text:#a1a1aa]";
const SERIES = seriesVars("u", OUTCOME_COLOURS);

// h23, not hour12: false, which writes midnight as 24:00 in English.
const hour = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

export function tickLabel(range: UsageRange, iso: string) {
  return (range === "24h" ? hour : day).format(new Date(iso));
}

const legend = OUTCOME_ORDER.map((o) => ({
  name: OUTCOME_LABEL[o],
  swatch: <span className="size-2.5 shrink-0 rounded-xs" style={{ background: `var(--u-${o})` }} />,
}));

/** Requests per bucket stacked by outcome. Hidden from assistive technology: the summary and table carry the numbers. */
export function UsageChart({ series, range }: { series: UsagePoint[]; range: UsageRange }) {
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
  const stacks = series.map((p) => {
    let base = 0;
    return OUTCOME_ORDER.map((o) => ({ outcome: o, from: base, to: (base += p[o]) })).filter((s) => s.to > s.from);
  });

  return (
    <div className={FRAME} style={SERIES}>
      <PlotFrame
        testId="usage-chart"
        y={y}
        yTicks={ticks}
        xTicks={xTicks}
        legend={legend}
        marks={series.map((p, i) =>
          stacks[i]!.map((s) => (
            <rect
              key={`${p.at}-${s.outcome}`}
              data-outcome={s.outcome}
              x={x(time(p))}
              width={x.bandwidth()}
              y={y(s.to)}
              height={y(s.from) - y(s.to)}
              fill={`var(--u-${s.outcome})`}
            />
          )),
        )}
        columns={series.map((p, i) => {
          // A column per bucket, the bar and half the gaps either side: hovering (or tapping) it shades it and names its numbers.
          const step = x.step();
          const left = Math.max(0, x(time(p))! - (step - x.bandwidth()) / 2);
          const width = Math.min(W, left + step) - left;
          return (
            <PlotColumn
              key={p.at}
              left={left}
              width={width}
              at={x(time(p))! + x.bandwidth() / 2}
              reach={x.bandwidth() / 2}
              data={{ "data-at": p.at }}
              detailsTestId="usage-bucket"
              title={`${tickLabel(range, p.at)} UTC · ${totals[i]!.toLocaleString("en")} ${totals[i] === 1 ? "request" : "requests"}`}
              rows={OUTCOME_ORDER.flatMap((o, j) => (p[o] > 0 ? [{ ...legend[j]!, value: p[o] }] : []))}
            >
              <div className="absolute inset-0 hidden bg-zinc-500/10 group-hover:block" />
            </PlotColumn>
          );
        })}
      />
    </div>
  );
}
