"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { dateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import type { KeyUsageCard } from "@/components/usage/usage-card";
import { UsageChart } from "@/components/usage/usage-chart";
import type { UsageRange } from "@/lib/data/usage/counts";
import { ClientAddress } from "@/components/client-address";

const RANGES: { id: UsageRange; label: string }[] = [
  { id: "24h", label: "24 hours" },
  { id: "7d", label: "7 days" },
  { id: "30d", label: "30 days" },
];

const RETRY = "Usage could not be loaded just now: it is tried again every 10 seconds.";

/** The GET route's answer, or an error with a message for people (its Problem Details say why). */
async function loadUsage(keyId: string, range: UsageRange): Promise<KeyUsageCard> {
  const res = await fetch(`/api/keys/${encodeURIComponent(keyId)}/usage?range=${range}`, { cache: "no-store" }).catch(() => {
    throw new Error(RETRY);
  });
  if (res.ok) return res.json();
  const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
  throw new Error(res.status === 401 ? "Your session ended: sign in again." : (problem?.detail ?? RETRY));
}

// A GET (React Query's fetch), not a server action: actions run one at a time per client, so
// a switch or a revoke clicked during a poll would wait for it.
const usageQuery = (keyId: string, range: UsageRange) => ({
  queryKey: ["key-usage", keyId, range],
  queryFn: () => loadUsage(keyId, range),
});

const muted = "text-zinc-600 dark:text-zinc-400";
// On a phone the IP and latency move under the time and status, so the table fits without scrolling sideways.
const cell = "px-2 py-1.5 sm:px-3";
const wide = "hidden sm:table-cell";
const placeholder = `flex h-56 items-center justify-center rounded-md border border-dashed border-zinc-300 text-sm dark:border-zinc-700 ${muted}`;

/**
 * Requests over 24 h / 7 d / 30 d by outcome, and the latest 100 requests: the first range as the
 * page was drawn on the server, then refreshed every 10 s.
 */
export function KeyUsage({
  keyId,
  initial,
  onLatest,
}: {
  keyId: string;
  initial: KeyUsageCard | null;
  /** The newest request the poll has seen, so the page's "Last used" keeps up with it. */
  onLatest?: (latest: { at: string; ip: string | null }) => void;
}) {
  const [range, setRange] = useState<UsageRange>(initial?.range ?? "24h");
  const client = useQueryClient();
  const first = initial && range === initial.range ? { initialData: initial } : {};
  const usage = useQuery({ ...usageQuery(keyId, range), ...first, refetchInterval: 10_000 });
  const loaded = usage.isSuccess;
  // Once the first range is in, the others are fetched too: switching shows them at once.
  useEffect(() => {
    if (loaded) for (const r of RANGES) void client.prefetchQuery(usageQuery(keyId, r.id));
  }, [loaded, client, keyId]);
  const data = usage.data;
  const newest = data?.recent[0];
  useEffect(() => {
    if (newest) onLatest?.({ at: newest.at, ip: newest.ip });
  }, [newest, onLatest]);

  return (
    <Card title="Usage" description="Requests made with this key, by outcome. Counts arrive within a few seconds.">
      <div role="radiogroup" aria-label="Period" className="mb-4 inline-flex rounded-md border border-zinc-200 p-0.5 dark:border-zinc-700">
        {RANGES.map((r) => (
          <button
            key={r.id}
            type="button"
            role="radio"
            aria-checked={range === r.id}
            onClick={() => setRange(r.id)}
            className="rounded px-3 py-1 text-sm aria-checked:bg-indigo-600 aria-checked:text-white"
          >
            {r.label}
          </button>
        ))}
      </div>
      {usage.isError ? (
        <Alert tone="error">{usage.error.message}</Alert>
      ) : !data ? (
        <div className={placeholder} role="status">
          Loading usage…
        </div>
      ) : (
        <>
          <p className="mb-3 text-sm" data-testid="usage-summary">
            {data.summary}
          </p>
          {data.chart ? (
            <UsageChart chart={data.chart} />
          ) : (
            <div className={placeholder}>No requests yet in this period. Call the API with this key and they appear here.</div>
          )}
          <RecentRequests recent={data.recent} />
        </>
      )}
    </Card>
  );
}

/** Rows shown before "Show all": the page's own scroll shows every row, not a box within it that hides most. */
const FIRST_ROWS = 10;

function RecentRequests({ recent: all }: { recent: KeyUsageCard["recent"] }) {
  const [showAll, setShowAll] = useState(false);
  const recent = showAll ? all : all.slice(0, FIRST_ROWS);
  return (
    <div className="mt-6">
      <h3 className="text-sm font-semibold">Latest requests</h3>
      {recent.length === 0 ? (
        <p className={`mt-2 text-sm ${muted}`}>None yet.</p>
      ) : (
        <div className="mt-2 rounded-md border border-zinc-200 dark:border-zinc-800" role="region" aria-label="Latest requests">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">The latest {recent.length} requests made with this key, newest first</caption>
            <thead className={`bg-zinc-50 text-xs dark:bg-zinc-900 ${muted}`}>
              <tr>
                <th scope="col" className={`${cell} font-medium`}>
                  Time
                </th>
                <th scope="col" className={`${cell} ${wide} font-medium`}>
                  IP
                </th>
                <th scope="col" className={`${cell} font-medium`}>
                  Request
                </th>
                <th scope="col" className={`${cell} font-medium`}>
                  Status
                </th>
                <th scope="col" className={`${cell} ${wide} text-right font-medium`}>
                  Latency
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {recent.map((r) => (
                <tr key={r.id} className="align-top">
                  <td className={`${cell} sm:whitespace-nowrap`}>
                    {dateTime(r.at)}
                    <div className={`font-mono text-xs sm:hidden ${muted}`}>{r.ip ? <ClientAddress ip={r.ip} /> : "—"}</div>
                  </td>
                  <td className={`${cell} ${wide} font-mono text-xs`}>{r.ip ? <ClientAddress ip={r.ip} /> : "—"}</td>
                  <td className={`${cell} font-mono text-xs break-words`}>
                    <span className="block sm:inline">{r.method}</span> {r.path}
                  </td>
                  <td className={`${cell} font-mono ${r.status >= 400 ? "text-red-700 dark:text-red-400" : ""}`}>
                    {r.status}
                    <div className={`font-sans text-xs whitespace-nowrap sm:hidden ${muted}`}>{r.latencyMs} ms</div>
                  </td>
                  <td className={`${cell} ${wide} text-right whitespace-nowrap`}>{r.latencyMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {all.length > FIRST_ROWS && (
        <button
          type="button"
          className="mt-2 text-sm text-indigo-700 underline dark:text-indigo-400"
          onClick={() => setShowAll((v) => !v)}
          aria-expanded={showAll}
        >
          {showAll ? `Show the latest ${FIRST_ROWS} only` : `Show all ${all.length} latest requests`}
        </button>
      )}
    </div>
  );
}
