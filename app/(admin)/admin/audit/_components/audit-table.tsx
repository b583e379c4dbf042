"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import type { ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import { DataTable } from "@/components/data-table";
import { TimeAgo } from "@/components/time-ago";
import type { AuditView } from "@/lib/data/audit-log";
import { shortAddress } from "@/components/format";
import { useDebounced } from "@/components/use-debounced";
import { useAdminPage } from "../../_components/admin-fetch";

const PAGE_SIZE = 50;
const control = "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

const columns: ColumnDef<AuditView, unknown>[] = [
  { id: "when", header: "When", cell: ({ row: { original: e } }) => <TimeAgo iso={e.createdAt} /> },
  {
    id: "actor",
    header: "Who",
    cell: ({ row: { original: e } }) => (
      <span className="font-mono text-xs" title={e.actorAddress}>
        {shortAddress(e.actorAddress)}
      </span>
    ),
  },
  { id: "action", header: "Action", cell: ({ row: { original: e } }) => <span className="font-mono text-xs">{e.action}</span> },
  {
    id: "target",
    header: "Target",
    cell: ({ row: { original: e } }) => (
      <span className="font-mono text-xs">
        {e.targetType} {e.targetId}
      </span>
    ),
  },
  { id: "ip", header: "IP", cell: ({ row: { original: e } }) => <span className="font-mono text-xs">{e.ip ?? "—"}</span> },
  {
    id: "details",
    header: "Details",
    cell: ({ row: { original: e } }) =>
      e.details ? (
        <code className="block max-w-80 truncate text-xs" title={JSON.stringify(e.details)}>
          {JSON.stringify(e.details)}
        </code>
      ) : null,
  },
];

export function AuditTable() {
  const [actor, setActor] = useState("");
  const [target, setTarget] = useState("");
  const [page, setPage] = useState(1);
  const params = { actor: useDebounced(actor.trim()), target: useDebounced(target.trim()), page, pageSize: PAGE_SIZE };
  const data = useAdminPage<AuditView>("admin-audit", "/api/admin/audit", params, 15_000);

  return (
    <section aria-labelledby="audit" className="space-y-4">
      <HydrationMarker />
      <div>
        <h2 id="audit" className="text-lg font-semibold">
          Audit log
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every change to keys and users, newest first. Entries cannot be edited or deleted.
        </p>
      </div>
      <div className="grid max-w-3xl gap-3 sm:grid-cols-2">
        <label>
          <span className="mb-1 block text-sm font-medium">Actor</span>
          <input
            type="search"
            value={actor}
            onChange={(e) => (setActor(e.target.value), setPage(1))}
            placeholder="Address (or its start)"
            className={control}
          />
        </label>
        <label>
          <span className="mb-1 block text-sm font-medium">Target</span>
          <input
            type="search"
            value={target}
            onChange={(e) => (setTarget(e.target.value), setPage(1))}
            placeholder="User address, key prefix or id"
            className={control}
          />
        </label>
      </div>
      <DataTable
        caption="Audit log"
        columns={columns}
        {...data}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        rowKey={(e) => e.id}
        empty="No events match."
      />
    </section>
  );
}
