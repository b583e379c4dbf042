import { UsageChart } from "@/components/usage/usage-chart";
import { usageChartModel } from "@/components/usage/usage-chart-model";
import { OUTCOME_LABEL, OUTCOME_ORDER, usageSummary } from "@/components/usage/usage-outcomes";
import type { UsagePoint } from "@/lib/data/usage/counts";

const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * Every key's requests per day, stacked by outcome: the key page's chart over the whole
 * platform, a server component (the chart is SVG drawn on the server). The drawing is hidden
 * from assistive technology; the summary and a visually hidden table carry the numbers.
 */
export function PlatformRequests({ series }: { series: UsagePoint[] }) {
  const empty = series.every((p) => OUTCOME_ORDER.every((o) => p[o] === 0));
  return (
    <figure
      aria-labelledby="requests-title"
      aria-describedby="requests-summary"
      className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      <figcaption>
        <h2 id="requests-title" className="text-base font-semibold">
          API requests per day
        </h2>
        <p id="requests-summary" className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="platform-requests-summary">
          {usageSummary(series, `${series.length} days`)}
        </p>
      </figcaption>
      <div className="mt-4">
        {empty ? (
          <div className="flex h-56 items-center justify-center rounded-md border border-dashed border-zinc-300 px-4 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
            No API requests yet: calls made with any key appear here within seconds.
          </div>
        ) : (
          <UsageChart chart={usageChartModel(series, "30d")} />
        )}
      </div>
      <div className="sr-only">
        <table>
          <caption>API requests per day (UTC) by outcome, last {series.length} days</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {OUTCOME_ORDER.map((o) => (
                <th key={o} scope="col">
                  {OUTCOME_LABEL[o]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((p) => (
              <tr key={p.at}>
                <th scope="row">{dayLabel.format(new Date(p.at))}</th>
                {OUTCOME_ORDER.map((o) => (
                  <td key={o}>{p[o]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
