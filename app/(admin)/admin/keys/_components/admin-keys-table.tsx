"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import { useState } from "react";
import { DataTable } from "@/components/data-table";
import type { Column } from "@/components/table-view";
import { TimeAgo } from "@/components/time-ago";
import type { AdminKeyPage, AdminKeyView } from "@/lib/data/keys/admin";
import { CursorNav } from "@/components/page-nav";
import { shortAddress } from "@/components/format";
import { NETWORK_LABEL } from "@/lib/networks/key";
import { useDebounced } from "@/components/use-debounced";
import { AdminLockNote, StatusBadge } from "@/components/key-status-badge";
import { useAdminPage } from "../../_components/admin-fetch";
import { AdminKeySwitch } from "./admin-key-switch";
import { RateLimitControl } from "./rate-limit-control";

const PAGE_SIZE = 25;
const control = "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

const columns: Column<AdminKeyView>[] = [
  {
    id: "owner",
    header: "Owner",
    cell: ({ row: { original: k } }) => (
      <div>
        <div className="font-mono text-xs" title={k.owner.address}>
          {shortAddress(k.owner.address)}
        </div>
        {k.owner.name && <div className="text-xs text-zinc-600 dark:text-zinc-400">{k.owner.name}</div>}
      </div>
    ),
  },
  {
    id: "workspace",
    header: "Workspace",
    cell: ({ row: { original: k } }) => (
      <div
        className="text-xs"
        data-testid="key-workspace"
        title={k.workspace.personal ? "The creator's personal workspace" : k.workspace.slug}
      >
        {k.workspace.personal ? "Personal" : k.workspace.name}
      </div>
    ),
  },
  {
    id: "name",
    header: "Key",
    meta: { card: "title" },
    cell: ({ row: { original: k } }) => (
      <div>
        <div className="max-w-52 font-medium break-words">{k.name}</div>
        <div className="font-mono text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400">{k.masked}</div>
        <div className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{k.scopes.join(", ")}</div>
      </div>
    ),
  },
  {
    // The limit shares the network's column: a column of its own pushed the row's switch out of a 1280 px view.
    id: "network",
    header: "Network, limit",
    cell: ({ row: { original: k } }) => (
      <div>
        {NETWORK_LABEL[k.network]}
        <RateLimitControl keyView={k} />
      </div>
    ),
  },
  { id: "createdAt", header: "Created", cell: ({ row: { original: k } }) => <TimeAgo iso={k.createdAt} /> },
  {
    id: "lastUsedAt",
    header: "Last used",
    cell: ({ row: { original: k } }) =>
      k.lastUsedAt ? <TimeAgo iso={k.lastUsedAt} /> : <span className="text-zinc-600 dark:text-zinc-400">Never</span>,
  },
  {
    id: "status",
    header: "Status",
    cell: ({ row: { original: k } }) => (
      <>
        <StatusBadge keyView={k} />
        {k.owner.suspended && <div className="mt-1 text-xs text-red-700 dark:text-red-400">Owner suspended: refused</div>}
        <AdminLockNote keyView={k} audience="admin" />
      </>
    ),
  },
  { id: "enabled", header: "Enabled", cell: ({ row: { original: k } }) => <AdminKeySwitch keyView={k} /> },
];

/** Opened from a link (the overview's top keys): `initialQ` searches, e.g. by a key's prefix. */
export function AdminKeysTable({ initialStatus, initialQ = "" }: { initialStatus: string; initialQ?: string }) {
  const [q, setQ] = useState(initialQ);
  const [network, setNetwork] = useState("");
  const [status, setStatus] = useState(initialStatus);
  const [sort, setSort] = useState<{ column: string; dir: "asc" | "desc" }>({ column: "createdAt", dir: "desc" });
  // Where this tab is: a cursor from the last response and its own count of steps from page 1.
  const [at, setAt] = useState<{ after?: string; before?: string; page: number }>({ page: 1 });
  const search = useDebounced(q.trim());

  const params = { q: search, network, status, sort: sort.column, dir: sort.dir, after: at.after, before: at.before, pageSize: PAGE_SIZE };
  const data = useAdminPage<AdminKeyView, AdminKeyPage>("admin-keys", "/api/admin/keys", params, 15_000);
  const latest = data.latest;
  // The server answers the first page when a "previous" cursor has nothing before it any more.
  const page = latest && !latest.prev ? 1 : at.page;
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setAt({ page: 1 });
    };

  return (
    <section aria-labelledby="all-keys" className="space-y-4">
      <HydrationMarker />
      <h2 id="all-keys" className="text-lg font-semibold">
        All keys
      </h2>
      <div className="flex flex-wrap gap-3">
        <label className="min-w-64 flex-1">
          <span className="sr-only">Search keys</span>
          <input
            type="search"
            value={q}
            onChange={(e) => reset(setQ)(e.target.value)}
            placeholder="Search by owner address, name or key prefix"
            className={`${control} w-full`}
          />
        </label>
        <label>
          <span className="sr-only">Network</span>
          <select value={network} onChange={(e) => reset(setNetwork)(e.target.value)} className={control} aria-label="Network">
            <option value="">All networks</option>
            <option value="testnet">Testnet</option>
            <option value="mainnet">Mainnet</option>
          </select>
        </label>
        <label>
          <span className="sr-only">Status</span>
          <select value={status} onChange={(e) => reset(setStatus)(e.target.value)} className={control} aria-label="Status">
            <option value="">All statuses</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
            <option value="revoked">Revoked</option>
            <option value="expired">Expired</option>
          </select>
        </label>
      </div>
      <DataTable
        caption="All keys"
        columns={columns}
        {...data}
        nav={
          <CursorNav
            caption="All keys"
            noun="keys"
            loading={data.loading}
            shown={data.rows.length}
            total={data.total}
            totalCapped={latest?.totalCapped ?? false}
            page={page}
            pageSize={PAGE_SIZE}
            onPrev={latest?.prev ? () => setAt({ before: latest.prev!, page: Math.max(1, page - 1) }) : null}
            onNext={latest?.next ? () => setAt({ after: latest.next!, page: page + 1 }) : null}
          />
        }
        rowKey={(k) => k.id}
        empty={search || network || status ? "No keys match these filters." : "No keys have been issued yet."}
        sortable={["createdAt", "lastUsedAt"]}
        sortState={sort}
        onSort={(column) => {
          setSort((s) => ({ column, dir: s.column === column && s.dir === "desc" ? "asc" : "desc" }));
          setAt({ page: 1 });
        }}
      />
    </section>
  );
}
