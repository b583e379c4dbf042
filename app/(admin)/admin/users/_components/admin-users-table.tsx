"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import { TimeAgo } from "@/components/time-ago";
import { Switch } from "@/components/ui/switch";
import type { AdminUserView } from "@/lib/data/admin";
import { shortAddress } from "@/lib/format";
import { useDebounced } from "@/lib/use-debounced";
import { approveMainnet, setRole, type AdminResult } from "../../actions";
import { useAdminPage } from "../../_components/admin-fetch";

const PAGE_SIZE = 25;

function UserSwitch({ checked, label, disabled, change }: { checked: boolean; label: string; disabled?: boolean; change: (v: boolean) => Promise<AdminResult<null>> }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: change,
    onSuccess: (r) => {
      setError(r.ok ? null : r.message);
      void client.invalidateQueries({ queryKey: ["admin-users"] });
    },
  });
  return (
    <span className="inline-flex items-center gap-2">
      <Switch checked={m.isPending ? m.variables : checked} disabled={disabled || m.isPending} onCheckedChange={(v) => m.mutate(v)} aria-label={label} />
      {error && <span role="alert" className="text-xs text-red-700 dark:text-red-400">{error}</span>}
    </span>
  );
}

export function AdminUsersTable({ myId }: { myId: string }) {
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const search = useDebounced(q.trim());
  const params = { q: search, page, pageSize: PAGE_SIZE };
  const data = useAdminPage<AdminUserView>("admin-users", "/api/admin/users", params);

  const columns = useMemo<ColumnDef<AdminUserView, unknown>[]>(
    () => [
      { id: "address", header: "Address", cell: ({ row: { original: u } }) => <span className="font-mono text-xs" title={u.address}>{shortAddress(u.address)}</span> },
      { id: "name", header: "Name", cell: ({ row: { original: u } }) => u.name ?? <span className="text-zinc-500">—</span> },
      { id: "email", header: "Email", cell: ({ row: { original: u } }) => u.email ?? <span className="text-zinc-500">—</span> },
      {
        id: "useCase",
        header: "Use case",
        cell: ({ row: { original: u } }) => (u.useCase ? <p className="line-clamp-2 max-w-64 text-xs" title={u.useCase}>{u.useCase}</p> : <span className="text-zinc-500">Not given</span>),
      },
      { id: "createdAt", header: "Joined", cell: ({ row: { original: u } }) => <TimeAgo iso={u.createdAt} /> },
      { id: "keys", header: "Keys", cell: ({ row: { original: u } }) => u.keyCount },
      {
        id: "mainnet",
        header: "Mainnet",
        cell: ({ row: { original: u } }) => (
          <UserSwitch checked={u.mainnetApproved} label={`Mainnet approved for ${u.name ?? shortAddress(u.address)}`} change={(approved) => approveMainnet({ userId: u.id, approved })} />
        ),
      },
      {
        id: "admin",
        header: "Admin",
        cell: ({ row: { original: u } }) => (
          <UserSwitch
            checked={u.role === "admin"}
            disabled={u.id === myId}
            label={`Admin role for ${u.name ?? shortAddress(u.address)}`}
            change={(admin) => setRole({ userId: u.id, admin })}
          />
        ),
      },
    ],
    [myId],
  );

  return (
    <section aria-labelledby="users" className="space-y-4">
      <HydrationMarker />
      <h2 id="users" className="text-lg font-semibold">Users</h2>
      <label className="block max-w-md">
        <span className="sr-only">Search users</span>
        <input
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          placeholder="Search by address, name or email"
          className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <DataTable
        caption="Users"
        columns={columns}
        {...data}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        rowKey={(u) => u.id}
        empty={search ? "No users match." : "No users yet."}
      />
    </section>
  );
}
