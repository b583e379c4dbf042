import Link from "next/link";
import { shortAddress } from "@/components/format";
import { TimeAgo } from "@/components/time-ago";
import type { PendingRequestView } from "@/lib/data/admin/overview";

const QUEUE = "/admin/users?mainnet=pending";

/** The overview's queue of Mainnet requests: how many wait, and the oldest few, each a link to its row. */
export function PendingRequests({ total, oldest }: { total: number; oldest: PendingRequestView[] }) {
  return (
    <section
      aria-labelledby="pending-title"
      className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="pending-title" className="text-base font-semibold">
          Mainnet requests
        </h2>
        <Link
          href={QUEUE}
          className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300"
          data-testid="pending-requests-link"
        >
          {total.toLocaleString("en")} pending
        </Link>
      </div>
      {oldest.length === 0 ? (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">No requests are waiting for a decision.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Oldest first.</p>
          <ul className="mt-3 divide-y divide-zinc-200 dark:divide-zinc-800">
            {oldest.map((r) => (
              <li key={r.id} className="py-3">
                <Link
                  href={`${QUEUE}&q=${encodeURIComponent(r.user.address)}`}
                  className="block rounded-md hover:bg-zinc-50 dark:hover:bg-zinc-800/60"
                >
                  <span className="flex items-baseline justify-between gap-2 text-sm">
                    <span className="font-medium">
                      {r.user.name ?? <span className="font-mono text-xs">{shortAddress(r.user.address)}</span>}
                    </span>
                    <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">
                      <TimeAgo iso={r.createdAt} />
                    </span>
                  </span>
                  <span className="mt-1 line-clamp-2 text-xs break-words text-zinc-600 dark:text-zinc-400">{r.justification}</span>
                </Link>
              </li>
            ))}
          </ul>
          {total > oldest.length && (
            <Link href={QUEUE} className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              See all {total.toLocaleString("en")}
            </Link>
          )}
        </>
      )}
    </section>
  );
}
