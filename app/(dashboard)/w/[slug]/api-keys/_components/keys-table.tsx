"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { AdminLockNote, StatusBadge } from "@/components/key-status-badge";
import { TableView, type Column } from "@/components/table-view";
import { TimeAgo } from "@/components/time-ago";
import { Spinner } from "@/components/ui/button";
import { isFinished } from "@/lib/keys/lifecycle";
import { NETWORK_LABEL } from "@/lib/networks/key";
import { type KeySparklines, type KeyView } from "@/lib/keys/view";
import { expiresSoon, rotatingOut } from "@/lib/keys/expiry";
import { useWorkspace } from "@/components/workspace-context";
import { keyPath } from "@/lib/workspaces/paths";
import { shortAddress } from "@/components/format";
import { KeyActions } from "./key-actions";
import { keyEnding } from "./key-ending";
import { ScopeChips } from "./scope-chips";
import { Sparkline } from "./sparkline";
import type { Revealed } from "./reveal-key-dialog";
import { ClientAddress } from "@/components/client-address";

const muted = "text-zinc-600 dark:text-zinc-400";

const ending = keyEnding;

/** "Replaced by …" on a key being rotated out, "Replaces …" on its successor: two rows with one name tell apart. */
function Lineage({ k, byId, replacing }: { k: KeyView; byId: Map<string, KeyView>; replacing: Map<string, KeyView> }) {
  const successor = k.replacedById ? byId.get(k.replacedById) : undefined;
  const predecessor = replacing.get(k.id);
  const tag = "mt-1 inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap";
  if (successor)
    return (
      <div className={`${tag} bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100`} data-testid="lineage">
        Old key · replaced by <span className="font-mono">{ending(successor)}</span>
      </div>
    );
  if (predecessor)
    return (
      <div className={`${tag} bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100`} data-testid="lineage">
        New key · replaces <span className="font-mono">{ending(predecessor)}</span>
      </div>
    );
  return null;
}

type Props = { keys: KeyView[]; usage: KeySparklines; busy: boolean; onRotated: (r: Revealed) => void };

export function KeysTable({ keys, usage, busy, onRotated }: Props) {
  const [showInactive, setShowInactive] = useState(false);
  const [filter, setFilter] = useState("");
  const workspace = useWorkspace();
  const inactive = keys.filter((k) => isFinished(k.status)).length;
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return keys.filter(
      (k) =>
        (showInactive || !isFinished(k.status)) &&
        (!q || [k.name, k.masked, k.id, k.description ?? "", ...k.scopes].some((v) => v.toLowerCase().includes(q))),
    );
  }, [keys, showInactive, filter]);

  const columns = useMemo<Column<KeyView>[]>(() => {
    const byId = new Map(keys.map((k) => [k.id, k]));
    const replacing = new Map(keys.filter((k) => k.replacedById).map((k) => [k.replacedById!, k]));
    return [
      {
        id: "name",
        header: "Name",
        meta: { card: "title" },
        cell: ({ row: { original: k } }) => (
          <div className="min-w-0">
            <Link href={keyPath(workspace, k.id)} className="font-medium break-words text-zinc-900 hover:underline dark:text-zinc-100">
              {k.name}
            </Link>
            <div className={`flex flex-wrap items-center gap-x-1 font-mono text-xs ${muted}`}>
              <span className="whitespace-nowrap">{k.masked}</span>
              <CopyButton
                value={k.id}
                label="Copy ID"
                copiedLabel="ID copied"
                aria-label={`Copy ID of ${k.name} (${ending(k)})`}
                variant="ghost"
                className="h-6 px-1.5 font-sans text-xs"
              />
            </div>
            <div className={`text-xs ${muted}`}>{NETWORK_LABEL[k.network]}</div>
            <Lineage k={k} byId={byId} replacing={replacing} />
            {k.description && <div className={`max-w-56 text-xs ${muted}`}>{k.description}</div>}
          </div>
        ),
      },
      {
        id: "scopes",
        header: "Scopes",
        cell: ({ row: { original: k } }) => <ScopeChips scopes={k.scopes} />,
      },
      {
        id: "created",
        header: "Created",
        cell: ({ row: { original: k } }) => (
          <div>
            <span className="whitespace-nowrap">
              <TimeAgo iso={k.createdAt} />
            </span>
            <div className={`text-xs ${muted}`} data-testid="created-by" title={k.createdBy.address}>
              by {k.createdBy.id === workspace.you ? "you" : (k.createdBy.name ?? shortAddress(k.createdBy.address))}
            </div>
          </div>
        ),
      },
      {
        // The sparkline sits under "last used": a column of its own pushed the row's actions out of a laptop's view.
        id: "lastUsed",
        header: "Last used",
        cell: ({ row: { original: k } }) => (
          <div className="space-y-1">
            {k.lastUsedAt ? (
              <div data-testid="last-used">
                <span className="whitespace-nowrap">
                  <TimeAgo iso={k.lastUsedAt} />
                </span>
                {k.lastUsedIp && <ClientAddress ip={k.lastUsedIp} className={`block font-mono text-xs ${muted}`} />}
              </div>
            ) : (
              <div data-testid="last-used" className={muted}>
                Never
              </div>
            )}
            {/* A flat line under "Never" says nothing: the sparkline shows only for a key with requests this week. */}
            {usage.counts[k.id]?.some((n) => n > 0) && <Sparkline counts={usage.counts[k.id]} days={usage.days.length} />}
          </div>
        ),
      },
      {
        id: "expires",
        header: "Expires",
        cell: ({ row: { original: k } }) => {
          if (!k.expiresAt)
            return (
              <span className={muted} data-testid="expires">
                Never
              </span>
            );
          if (rotatingOut(k))
            return (
              <span className="whitespace-nowrap" data-testid="expires">
                Stops <TimeAgo iso={k.expiresAt} />
              </span>
            );
          const soon = expiresSoon(k);
          return soon === null ? (
            <span className="whitespace-nowrap" data-testid="expires">
              <TimeAgo iso={k.expiresAt} />
            </span>
          ) : (
            <span
              className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-amber-900 dark:bg-amber-900/50 dark:text-amber-100"
              data-testid="expires"
            >
              <TimeAgo iso={k.expiresAt} />
            </span>
          );
        },
      },
      {
        id: "status",
        header: "Status",
        cell: ({ row: { original: k } }) => (
          <div>
            <StatusBadge keyView={k} />
            <AdminLockNote keyView={k} audience="owner" />
          </div>
        ),
      },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        meta: { card: "actions", label: "Actions" },
        cell: ({ row: { original: k } }) => <KeyActions keyView={k} onRotated={onRotated} />,
      },
    ];
  }, [keys, usage, onRotated, workspace]);

  return (
    <div className="space-y-3">
      {keys.length > 3 && (
        <label className="block max-w-sm">
          <span className="sr-only">Filter keys</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Filter by name, ID or prefix"
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
      )}
      <TableView
        columns={columns}
        rows={shown}
        rowKey={(k) => k.id}
        label={workspace.personal ? "Your API keys" : `API keys of ${workspace.name}`}
        caption={
          <>
            {workspace.personal ? "Your API keys" : `API keys of ${workspace.name}`} {busy && <Spinner className="inline size-3" />}
          </>
        }
        busy={busy}
        placeholder={
          <p className={`px-6 py-10 text-center text-sm ${muted}`}>
            {filter.trim() ? `No key matches “${filter.trim()}”.` : "No working keys: every key here is revoked or expired."}
          </p>
        }
        rowClassName={(k) => (isFinished(k.status) ? muted : "")}
        rowAttributes={(k) => ({ "data-key-id": k.id })}
      />
      {inactive > 0 && (
        <button type="button" className="text-sm text-indigo-700 underline dark:text-indigo-400" onClick={() => setShowInactive((v) => !v)}>
          {showInactive ? "Hide" : "Show"} {inactive} revoked or expired {inactive === 1 ? "key" : "keys"}
        </button>
      )}
    </div>
  );
}
