import type { ReactNode } from "react";

// The frame every chart of counts shares: plain SVG and HTML from numbers already worked out
// (components/plot-axis.ts and each chart's model do the maths with d3, on the server only), so
// a client component may draw it without shipping any chart code. The SVG is stretched to its box (preserveAspectRatio="none", strokes that do not
// scale), so it fills any width without widening its card; labels, marks and the details of
// each column are HTML laid over it in percentages, so they are never stretched with it.
export const W = 600;
export const H = 200;
export const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(3)}%`;

/** A label of the count axis: its value, and its height in 0..H. */
export type AxisTick = { value: number; y: number };

export type Entry = { name: string; swatch: ReactNode };

type FrameProps = {
  testId: string;
  yTicks: AxisTick[];
  /** Labels under the plot, at x in 0..W. */
  xTicks: { x: number; label: string }[];
  legend: Entry[];
  /** The series, drawn in the SVG's 0..W × 0..H box. */
  marks: ReactNode;
  /** The PlotColumns laid over the SVG. */
  columns: ReactNode;
};

/** Y labels, gridlines, the plot, x labels and a legend. Hidden from assistive technology: the chart's summary and table carry the numbers. */
export function PlotFrame({ testId, yTicks, xTicks, legend, marks, columns }: FrameProps) {
  return (
    <div className="text-xs text-(--chart-text)" aria-hidden="true" data-testid={testId}>
      <div className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2">
        <div className="relative h-56 text-right tabular-nums">
          {/* Sizes the column to the widest label; the visible ones are placed at their ticks. */}
          <span className="invisible block">{yTicks.at(-1)!.value.toLocaleString("en")}</span>
          {yTicks.map((t) => (
            <span key={t.value} data-axis="count" className="absolute right-0 -translate-y-1/2 leading-none" style={{ top: pct(t.y, H) }}>
              {t.value.toLocaleString("en")}
            </span>
          ))}
        </div>
        {/* A size container: the details of a column are at most half its width, so they never leave it. */}
        <div className="@container relative h-56">
          <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="absolute inset-0 h-full w-full overflow-visible">
            {yTicks.map((t) => (
              <line key={t.value} x1={0} x2={W} y1={t.y} y2={t.y} stroke="var(--chart-grid)" vectorEffect="non-scaling-stroke" />
            ))}
            {marks}
          </svg>
          {columns}
        </div>
        <div className="relative col-start-2 mt-1.5 h-4">
          {xTicks.map((t) => (
            <span key={t.x} data-axis="time" className="absolute top-0 -translate-x-1/2 whitespace-nowrap" style={{ left: pct(t.x, W) }}>
              {t.label}
            </span>
          ))}
        </div>
      </div>
      <ul className="mt-3 flex flex-wrap justify-center gap-x-4 gap-y-1">
        {legend.map((e) => (
          <li key={e.name} className="flex items-center gap-1.5">
            {e.swatch}
            {e.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

type ColumnProps = {
  /** The column's span in 0..W: hovering or tapping anywhere in it shows its details. */
  left: number;
  width: number;
  /** Where its data sits, in 0..W, and how far it reaches either side (a bar's half width). */
  at: number;
  reach?: number;
  data: Record<`data-${string}`, string>;
  detailsTestId: string;
  title: string;
  rows: (Entry & { value: number })[];
  /** Marks shown on hover, placed within the column. */
  children?: ReactNode;
};

/** A column of the plot that shows its numbers on hover or tap, CSS only, beside its data on the side with room. */
export function PlotColumn({ left, width, at, reach = 0, data, detailsTestId, title, rows, children }: ColumnProps) {
  const side = at > W / 2 ? { right: pct(left + width - (at - reach), width) } : { left: pct(at + reach - left, width) };
  return (
    <div {...data} className="group absolute inset-y-0 hover:z-10" style={{ left: pct(left, W), width: pct(width, W) }}>
      {children}
      <div
        className="pointer-events-none absolute top-0 mx-2 hidden w-max max-w-[calc(50cqw-1rem)] rounded-md border border-(--chart-grid) bg-white px-2.5 py-1.5 shadow-sm group-hover:block dark:bg-zinc-900"
        style={side}
        data-testid={detailsTestId}
      >
        <p className="font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
        {rows.map((r) => (
          <p key={r.name} className="mt-1 flex items-center gap-1.5">
            {r.swatch}
            <span>
              {r.name}: <span className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">{r.value.toLocaleString("en")}</span>
            </span>
          </p>
        ))}
      </div>
    </div>
  );
}
