import "server-only";
import { scaleUtc } from "d3-scale";
import { curveMonotoneX, line } from "d3-shape";
import { countAxis } from "@/components/plot-axis";
import { H, pct, PlotColumn, PlotFrame, W } from "@/components/plot-frame";
import type { ActivityDay } from "@/lib/data/admin/overview";

// Drawn on the server (d3 does the scale, tick and curve maths here) in the frame every count
// chart shares: see components/plot-frame.tsx.
const at = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

type Series = { name: string; value: (d: ActivityDay) => number; colour: string; dash?: string };
const SERIES: Series[] = [
  { name: "Keys created", value: (d) => d.keysCreated, colour: "var(--chart-keys)" },
  // Dashed as well as coloured: the two lines differ by more than their colour.
  { name: "Sign-ins", value: (d) => d.signIns, colour: "var(--chart-signins)", dash: "6 3" },
];

function Swatch({ s }: { s: Series }) {
  return (
    <svg viewBox="0 0 20 2" className="h-0.5 w-5 shrink-0 overflow-visible">
      <line x1={0} x2={20} y1={1} y2={1} stroke={s.colour} strokeWidth={2} strokeDasharray={s.dash && "5 2"} />
    </svg>
  );
}

const legend = SERIES.map((s) => ({ name: s.name, swatch: <Swatch s={s} /> }));

/** The drawing of ActivityChart: hidden from assistive technology, whose readers get the summary and table. */
export function ActivityPlot({ days, label }: { days: ActivityDay[]; label: (day: string) => string }) {
  const x = scaleUtc()
    .domain([at(days[0]!.day), at(days.at(-1)!.day)])
    .range([0, W]);
  const { y, ticks } = countAxis(Math.max(...days.map((d) => Math.max(d.keysCreated, d.signIns))));
  const step = W / Math.max(1, days.length - 1);
  const path = (s: Series) =>
    line<ActivityDay>()
      .x((d) => x(at(d.day)))
      .y((d) => y(s.value(d)))
      .curve(curveMonotoneX)(days) ?? ""; // d3 rounds to 3 decimals: plain numbers, no 1e-15

  return (
    <div className="mt-4">
      <PlotFrame
        testId="activity-chart"
        yTicks={ticks}
        // Whole weeks over 30 days: a label every ~7 days, readable on a phone.
        xTicks={x.ticks(5).map((t) => ({ x: x(t), label: label(iso(t)) }))}
        legend={legend}
        marks={SERIES.map((s) => (
          <path
            key={s.name}
            d={path(s)}
            data-series={s.name}
            fill="none"
            stroke={s.colour}
            strokeWidth={2}
            strokeDasharray={s.dash}
            strokeLinejoin="round"
            vectorEffect="non-scaling-stroke"
          />
        ))}
        columns={days.map((d) => {
          // A column per day, centred on it: hovering (or tapping) it marks the day and shows its numbers.
          const cx = x(at(d.day));
          const left = Math.max(0, cx - step / 2);
          const width = Math.min(W, cx + step / 2) - left;
          const mark = { left: pct(cx - left, width) };
          return (
            <PlotColumn
              key={d.day}
              left={left}
              width={width}
              at={cx}
              data={{ "data-day": d.day }}
              detailsTestId="activity-day"
              title={label(d.day)}
              rows={SERIES.map((s) => ({ ...legend.find((e) => e.name === s.name)!, value: s.value(d) }))}
            >
              <div className="absolute inset-y-0 hidden w-px bg-(--chart-grid) group-hover:block" style={mark} />
              {SERIES.map((s) => (
                <span
                  key={s.name}
                  className="absolute hidden size-2 -translate-1/2 rounded-full ring-2 ring-white group-hover:block dark:ring-zinc-900"
                  style={{ ...mark, top: pct(y(s.value(d)), H), background: s.colour }}
                />
              ))}
            </PlotColumn>
          );
        })}
      />
    </div>
  );
}
