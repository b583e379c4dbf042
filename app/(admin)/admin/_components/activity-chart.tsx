import type { ActivityDay } from "@/lib/data/admin/overview";
import { ACTIVITY_COLOURS, seriesVars } from "@/components/chart-palette";
import { ActivityPlot } from "./activity-plot";

const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const label = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));
const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** One sentence with the numbers that matter, shown under the title and read before the table. */
export function activitySummary(days: ActivityDay[]): string {
  const keys = days.reduce((n, d) => n + d.keysCreated, 0);
  const signIns = days.reduce((n, d) => n + d.signIns, 0);
  if (keys + signIns === 0) return `No keys were created and nobody signed in during the last ${days.length} days.`;
  const busiest = days.reduce((a, d) => (d.keysCreated + d.signIns > a.keysCreated + a.signIns ? d : a));
  return (
    `Last ${days.length} days: ${plural(keys, "key", "keys")} created and ${plural(signIns, "sign-in", "sign-ins")}. ` +
    `Busiest day: ${label(busiest.day)}, with ${plural(busiest.keysCreated, "key", "keys")} and ${plural(busiest.signIns, "sign-in", "sign-ins")}.`
  );
}

// The series' colours are one palette for both themes (components/chart-palette.ts); the
// sign-ins line is also dashed, so the two differ by more than colour. Grid and labels follow the theme.
const FRAME = "[--chart-grid:#e4e4e7] [--chart-text:#52525b] dark:[--chart-grid:#3f3f46] dark:[--chart-text:#a1a1aa]";
const SERIES = seriesVars("chart", ACTIVITY_COLOURS);

/**
 * Keys created and sign-ins per day, a server component: the drawing is SVG made on the server,
 * for sighted readers (hidden from assistive technology); the summary and a visually hidden
 * table carry the same numbers.
 */
export function ActivityChart({ days }: { days: ActivityDay[] }) {
  const summary = activitySummary(days);
  const empty = days.every((d) => d.keysCreated + d.signIns === 0);
  return (
    <figure
      aria-labelledby="activity-title"
      aria-describedby="activity-summary"
      className={`rounded-lg border border-zinc-200 bg-white p-5 shadow-xs dark:border-zinc-800 dark:bg-zinc-900 ${FRAME}`}
      style={SERIES}
    >
      <figcaption>
        <h2 id="activity-title" className="text-base font-semibold">
          Keys created and sign-ins per day
        </h2>
        <p id="activity-summary" className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {summary}
        </p>
      </figcaption>
      {empty ? (
        <div className="mt-4 flex h-48 items-center justify-center rounded-md border border-dashed border-zinc-300 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          Nothing to chart yet: new keys and sign-ins appear here day by day.
        </div>
      ) : (
        <ActivityPlot days={days} label={label} />
      )}
      {/* A table cannot be squeezed to 1px: the wrapper hides it, or its caption widens the page. */}
      <div className="sr-only">
        <table>
          <caption>Keys created and sign-ins per day (UTC), last {days.length} days</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Keys created</th>
              <th scope="col">Sign-ins</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{label(d.day)}</th>
                <td>{d.keysCreated}</td>
                <td>{d.signIns}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
