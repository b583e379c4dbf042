import Link from "next/link";
import type { TopKeyView } from "@/lib/data/usage/summaries";

const muted = "text-zinc-600 dark:text-zinc-400";
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

/** The busiest keys of the last week, each a link to its row in the admin keys table (searched by its prefix). */
export function TopKeys({ keys, days }: { keys: TopKeyView[]; days: number }) {
  return (
    <section
      aria-labelledby="top-keys-title"
      className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id="top-keys-title" className="text-base font-semibold">
        Top keys by requests
      </h2>
      <p className={`mt-1 text-sm ${muted}`}>Last {days} days, most requests first. Errors: every request that did not succeed.</p>
      {keys.length === 0 ? (
        <p className={`mt-4 text-sm ${muted}`}>No key has made a request in the last {days} days.</p>
      ) : (
        <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Top keys table">
          <table className="w-full text-left text-sm" data-testid="top-keys">
            <thead className={`text-xs ${muted}`}>
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Key
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Workspace
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Requests
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Errors
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {keys.map((k) => (
                <tr key={k.id}>
                  <td className="py-2 pr-3">
                    <Link
                      href={`/admin/keys?q=${encodeURIComponent(k.start)}`}
                      className="font-medium break-words text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {k.name}
                    </Link>
                    <div className={`font-mono text-xs ${muted}`}>{k.start}…</div>
                  </td>
                  <td className="py-2 pr-3 text-xs">{k.workspace.personal ? "Personal" : k.workspace.name}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{k.requests.toLocaleString("en")}</td>
                  <td className={`py-2 text-right tabular-nums ${k.errorShare > 0.1 ? "text-red-700 dark:text-red-400" : ""}`}>
                    {percent.format(k.errorShare)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
