import { adminUsage } from "@/lib/data/admin-overview";
import { TOP_KEYS_DAYS } from "@/lib/data/usage-summaries";
import { PlatformRequests } from "./platform-requests";
import { TopKeys } from "./top-keys";

/** Streamed after the counts: reading every key's usage is the slowest part of the overview. */
export async function PlatformUsage() {
  const { perDay, topKeys } = await adminUsage();
  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <div className="min-w-0 lg:col-span-3">
        <PlatformRequests series={perDay} />
      </div>
      <div className="min-w-0 lg:col-span-2">
        <TopKeys keys={topKeys} days={TOP_KEYS_DAYS} />
      </div>
    </div>
  );
}

/** The same boxes, empty, while the usage loads: nothing below moves when it arrives. */
export function PlatformUsageLoading() {
  const box = "rounded-lg border border-zinc-200 bg-white p-5 shadow-xs dark:border-zinc-800 dark:bg-zinc-900";
  return (
    <div className="grid gap-6 lg:grid-cols-5" role="status" aria-label="Loading API usage">
      <div className={`${box} lg:col-span-3`}>
        <div className="h-5 w-48 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="mt-4 h-56 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800/60" />
      </div>
      <div className={`${box} lg:col-span-2`}>
        <div className="h-5 w-40 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="mt-4 h-56 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800/60" />
      </div>
    </div>
  );
}
