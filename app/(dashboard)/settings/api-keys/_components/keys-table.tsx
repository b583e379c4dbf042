"use client";

import { useState } from "react";
import { Spinner } from "@/components/ui/button";
import { AdminLockNote, StatusBadge } from "@/components/key-status-badge";
import { TimeAgo } from "@/components/time-ago";
import { NETWORK_LABEL } from "@/lib/keys/networks";
import type { KeyView } from "@/lib/keys/view";
import { KeyActions } from "./key-actions";
import type { Revealed } from "./reveal-key-dialog";

export function KeysTable({ keys, busy, onRotated }: { keys: KeyView[]; busy: boolean; onRotated: (r: Revealed) => void }) {
  const [showInactive, setShowInactive] = useState(false);
  const inactive = keys.filter((k) => k.status === "revoked" || k.status === "expired").length;
  const shown = showInactive ? keys : keys.filter((k) => k.status !== "revoked" && k.status !== "expired");

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Your API keys {busy && <Spinner className="inline size-3" />}</caption>
          <thead className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase dark:border-zinc-800">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Network
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Scopes
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Created
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Last used
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Expires
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {shown.map((k) => (
              <tr key={k.id} data-key-id={k.id} className={k.status === "revoked" || k.status === "expired" ? "text-zinc-500" : ""}>
                <td className="px-4 py-3 align-top">
                  <div className="font-medium whitespace-nowrap">{k.name}</div>
                  <div className="font-mono text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400">{k.masked}</div>
                  {k.description && <div className="max-w-56 text-xs text-zinc-500">{k.description}</div>}
                </td>
                <td className="px-4 py-3 align-top">{NETWORK_LABEL[k.network]}</td>
                <td className="px-4 py-3 align-top">
                  <ul className="flex flex-wrap gap-1">
                    {k.scopes.map((s) => (
                      <li key={s} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">
                        {s}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="px-4 py-3 align-top whitespace-nowrap">
                  <TimeAgo iso={k.createdAt} />
                </td>
                <td className="px-4 py-3 align-top whitespace-nowrap" data-testid="last-used">
                  {k.lastUsedAt ? (
                    <>
                      <TimeAgo iso={k.lastUsedAt} />
                      {k.lastUsedIp && <div className="font-mono text-xs text-zinc-500">{k.lastUsedIp}</div>}
                    </>
                  ) : (
                    <span className="text-zinc-500">Never</span>
                  )}
                </td>
                <td className="px-4 py-3 align-top whitespace-nowrap">
                  {k.expiresAt ? <TimeAgo iso={k.expiresAt} /> : <span className="text-zinc-500">Never</span>}
                </td>
                <td className="px-4 py-3 align-top">
                  <StatusBadge keyView={k} />
                  <AdminLockNote keyView={k} audience="owner" />
                </td>
                <td className="px-4 py-3 align-top">
                  <KeyActions keyView={k} onRotated={onRotated} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {inactive > 0 && (
        <button type="button" className="text-sm text-indigo-700 underline dark:text-indigo-400" onClick={() => setShowInactive((v) => !v)}>
          {showInactive ? "Hide" : "Show"} {inactive} revoked or expired {inactive === 1 ? "key" : "keys"}
        </button>
      )}
    </div>
  );
}
