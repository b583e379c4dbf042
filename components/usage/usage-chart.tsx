import { OUTCOME_COLOURS, seriesVars } from "@/components/chart-palette";
import { PlotColumn, PlotFrame } from "@/components/plot-frame";
import type { Outcome } from "@/lib/data/usage/counts";
import type { UsageChartModel } from "./usage-chart-model";
import { OUTCOME_LABEL, OUTCOME_ORDER } from "./usage-outcomes";

// Draws a model made on the server (usage-chart-model.ts) in the frame every count chart shares:
// no d3 here, so the key page can redraw it from each poll's JSON.

// The outcomes' colours are one palette for both themes (components/chart-palette.ts); only the
// grid and the labels follow the theme.
const FRAME = "[--chart-grid:#e4e4e7] [--chart-text:#52525b] dark:[--chart-grid:#3f3f46] dark:[--chart-text:#a1a1aa]";
const SERIES = seriesVars("u", OUTCOME_COLOURS);

const swatch = (o: Outcome) => <span className="size-2.5 shrink-0 rounded-xs" style={{ background: `var(--u-${o})` }} />;
const legend = OUTCOME_ORDER.map((o) => ({ name: OUTCOME_LABEL[o], swatch: swatch(o) }));

/** Requests per bucket stacked by outcome. Hidden from assistive technology: the summary and table carry the numbers. */
export function UsageChart({ chart }: { chart: UsageChartModel }) {
  return (
    <div className={FRAME} style={SERIES}>
      <PlotFrame
        testId="usage-chart"
        yTicks={chart.yTicks}
        xTicks={chart.xTicks}
        legend={legend}
        marks={chart.buckets.map((b) =>
          b.stacks.map((s) => (
            <rect
              key={`${b.at}-${s.outcome}`}
              data-outcome={s.outcome}
              x={b.x}
              width={b.width}
              y={s.y}
              height={s.height}
              fill={`var(--u-${s.outcome})`}
            />
          )),
        )}
        columns={chart.buckets.map((b) => (
          <PlotColumn
            key={b.at}
            {...b.column}
            data={{ "data-at": b.at }}
            detailsTestId="usage-bucket"
            title={b.title}
            rows={b.counts.map((c) => ({ name: OUTCOME_LABEL[c.outcome], swatch: swatch(c.outcome), value: c.value }))}
          >
            <div className="absolute inset-0 hidden bg-zinc-500/10 group-hover:block" />
          </PlotColumn>
        ))}
      />
    </div>
  );
}
