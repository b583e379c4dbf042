import "server-only";
import { scaleLinear, scaleUtc } from "d3-scale";
import { curveMonotoneX, line } from "d3-shape";
import type { ActivityDay } from "@/lib/data/admin-overview";

// Drawn on the server: d3 does the scale, tick and curve maths here and the page gets plain
// SVG and HTML, no chart code ("server-only" keeps it that way should a client component
// import this). The SVG is stretched to its box (preserveAspectRatio="none", strokes that do
// not scale), so it fills any width without widening the card; labels, dots and the day
// details are HTML laid over it in percentages, so they are never stretched with it.
const W = 600;
const H = 200;
const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(3)}%`;
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

/** The drawing of ActivityChart: hidden from assistive technology, whose readers get the summary and table. */
export function ActivityPlot({ days, label }: { days: ActivityDay[]; label: (day: string) => string }) {
  const x = scaleUtc()
    .domain([at(days[0]!.day), at(days.at(-1)!.day)])
    .range([0, W]);
  const top = Math.max(1, ...days.map((d) => Math.max(d.keysCreated, d.signIns)));
  const y = scaleLinear().domain([0, top]).nice(4).range([H, 0]);
  const yTicks = y.ticks(4).filter(Number.isInteger); // counts: no 0.5 of a sign-in
  const xTicks = x.ticks(5); // whole weeks over 30 days: a label every ~7 days, readable on a phone
  const step = W / Math.max(1, days.length - 1);
  const path = (s: Series) =>
    line<ActivityDay>()
      .x((d) => x(at(d.day)))
      .y((d) => y(s.value(d)))
      .curve(curveMonotoneX)(days) ?? ""; // d3 rounds to 3 decimals: plain numbers, no 1e-15

  return (
    <div className="mt-4 text-xs text-(--chart-text)" aria-hidden="true" data-testid="activity-chart">
      <div className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2">
        <div className="relative h-56 text-right tabular-nums">
          {/* Sizes the column to the widest label; the visible ones are placed at their ticks. */}
          <span className="invisible block">{yTicks.at(-1)!.toLocaleString("en")}</span>
          {yTicks.map((v) => (
            <span key={v} className="absolute right-0 -translate-y-1/2 leading-none" style={{ top: pct(y(v), H) }}>
              {v.toLocaleString("en")}
            </span>
          ))}
        </div>
        <div className="relative h-56">
          <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="absolute inset-0 h-full w-full overflow-visible">
            {yTicks.map((v) => (
              <line key={v} x1={0} x2={W} y1={y(v)} y2={y(v)} stroke="var(--chart-grid)" vectorEffect="non-scaling-stroke" />
            ))}
            {SERIES.map((s) => (
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
          </svg>
          {/* A column per day: hovering (or tapping) it marks the day and shows its numbers, CSS only. */}
          {days.map((d) => {
            const cx = x(at(d.day));
            const left = Math.max(0, cx - step / 2);
            const width = Math.min(W, cx + step / 2) - left;
            const mark = { left: pct(cx - left, width) };
            return (
              <div
                key={d.day}
                data-day={d.day}
                className="group absolute inset-y-0 hover:z-10"
                style={{ left: pct(left, W), width: pct(width, W) }}
              >
                <div className="absolute inset-y-0 hidden w-px bg-(--chart-grid) group-hover:block" style={mark} />
                {SERIES.map((s) => (
                  <span
                    key={s.name}
                    className="absolute hidden size-2 -translate-1/2 rounded-full ring-2 ring-white group-hover:block dark:ring-zinc-900"
                    style={{ ...mark, top: pct(y(s.value(d)), H), background: s.colour }}
                  />
                ))}
                {/* Beside the mark, on the side with room: it never leaves the chart. */}
                <div
                  className="pointer-events-none absolute top-0 mx-2 hidden rounded-md border border-(--chart-grid) bg-white px-2.5 py-1.5 whitespace-nowrap shadow-sm group-hover:block dark:bg-zinc-900"
                  style={cx > W / 2 ? { right: pct(left + width - cx, width) } : mark}
                  data-testid="activity-day"
                >
                  <p className="font-medium text-zinc-900 dark:text-zinc-100">{label(d.day)}</p>
                  {SERIES.map((s) => (
                    <p key={s.name} className="mt-1 flex items-center gap-1.5">
                      <Swatch s={s} />
                      {s.name}:{" "}
                      <span className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">{s.value(d).toLocaleString("en")}</span>
                    </p>
                  ))}
                </div>
              </div>
            );
          })}
        </div>
        <div className="relative col-start-2 mt-1.5 h-4">
          {xTicks.map((t) => (
            <span key={t.getTime()} className="absolute top-0 -translate-x-1/2 whitespace-nowrap" style={{ left: pct(x(t), W) }}>
              {label(iso(t))}
            </span>
          ))}
        </div>
      </div>
      <ul className="mt-3 flex flex-wrap justify-center gap-x-4 gap-y-1">
        {SERIES.map((s) => (
          <li key={s.name} className="flex items-center gap-1.5">
            <Swatch s={s} />
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
