import { Alert } from "@/components/ui/alert";
import { adminUsage } from "@/lib/data/admin/overview";
import { TOP_KEYS_DAYS } from "@/lib/data/usage/summaries";
import { PlatformRequests } from "./platform-requests";
import { TopKeys } from "./top-keys";

/** Streamed after the counts: reading every key's usage is the slowest part of the overview. */
export async function PlatformUsage() {
  // The rest of the overview stays usable when this part fails: it says so in its place.
  const usage = await adminUsage().catch((error: unknown) => {
    console.error(`[admin] overview usage could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  if (!usage) return <Alert tone="error">API usage could not be loaded just now. Reload the page to try again.</Alert>;
  const { perDay, topKeys } = usage;
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
