// Seven points need no chart library: a tiny SVG polyline drawn on the server and the client
// alike, so the keys list ships no chart code and the row never changes size as it loads.
const W = 64;
const H = 20;
const PAD = 2;

/** The polyline's points for counts scaled to the box; all zeros lie on the baseline. */
export function sparklinePoints(counts: number[]): string {
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? (W - 2 * PAD) / (counts.length - 1) : 0;
  return counts.map((n, i) => `${(PAD + i * step).toFixed(1)},${(H - PAD - (n / max) * (H - 2 * PAD)).toFixed(1)}`).join(" ");
}

/** Requests per day over the last week; the label carries the total for screen readers. */
export function Sparkline({ counts, days }: { counts: number[] | undefined; days: number }) {
  const series = counts ?? Array.from({ length: days }, () => 0);
  const total = series.reduce((a, b) => a + b, 0);
  const label = `${total.toLocaleString("en")} ${total === 1 ? "request" : "requests"} in the last ${days} days`;
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap" data-testid="sparkline" data-total={total}>
      <svg
        role="img"
        aria-label={label}
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        className={total ? "text-indigo-600 dark:text-indigo-300" : "text-zinc-300 dark:text-zinc-600"}
      >
        <title>{label}</title>
        <polyline
          points={sparklinePoints(series)}
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      </svg>
      {/* The 7-day total beside the line; none when there were no requests (the flat muted line says it). */}
      {total > 0 && (
        <span aria-hidden="true" className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
          {total.toLocaleString("en")}
        </span>
      )}
    </span>
  );
}
