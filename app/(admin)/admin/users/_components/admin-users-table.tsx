"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import type { Column } from "@/components/table-view";
import { PageNav } from "@/components/page-nav";
import { TimeAgo } from "@/components/time-ago";
import type { AdminUserView } from "@/lib/data/admin-users";
import { shortAddress } from "@/components/format";
import { useDebounced } from "@/components/use-debounced";
import { approveMainnet, setRole } from "../../actions";
import { MainnetRequestControl } from "./mainnet-request-control";
import { SuspendControl } from "./suspend-control";
import { UserSwitch } from "./user-switch";
import { useAdminPage } from "../../_components/admin-fetch";

const PAGE_SIZE = 25;
const control = "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Opened from a link (the overview's queue): `initialMainnet` "pending" shows only pending Mainnet requests. */
export function AdminUsersTable({ myId, initialMainnet, initialQ }: { myId: string; initialMainnet: "" | "pending"; initialQ: string }) {
  const [q, setQ] = useState(initialQ);
  const [mainnet, setMainnet] = useState(initialMainnet);
  const [page, setPage] = useState(1);
  const search = useDebounced(q.trim());
  const params = { q: search, mainnet, page, pageSize: PAGE_SIZE };
  const data = useAdminPage<AdminUserView>("admin-users", "/api/admin/users", params);

  const columns = useMemo<Column<AdminUserView>[]>(
    () => [
      {
        id: "address",
        header: "Address",
        meta: { card: "title" },
        cell: ({ row: { original: u } }) => (
          <span className="font-mono text-xs" title={u.address}>
            {shortAddress(u.address)}
          </span>
        ),
      },
      {
        id: "name",
        header: "Name",
        cell: ({ row: { original: u } }) => u.name ?? <span className="text-zinc-600 dark:text-zinc-400">—</span>,
      },
      {
        id: "email",
        header: "Email",
        cell: ({ row: { original: u } }) => u.email ?? <span className="text-zinc-600 dark:text-zinc-400">—</span>,
      },
      {
        id: "useCase",
        header: "Use case",
        cell: ({ row: { original: u } }) =>
          u.useCase ? (
            <p className="line-clamp-2 max-w-64 text-xs" title={u.useCase}>
              {u.useCase}
            </p>
          ) : (
            <span className="text-zinc-600 dark:text-zinc-400">Not given</span>
          ),
      },
      { id: "createdAt", header: "Joined", cell: ({ row: { original: u } }) => <TimeAgo iso={u.createdAt} /> },
      { id: "keys", header: "Keys", cell: ({ row: { original: u } }) => u.keyCount },
      {
        id: "mainnet",
        header: "Mainnet",
        cell: ({ row: { original: u } }) => (
          <>
            <UserSwitch
              checked={u.mainnetApproved}
              disabled={u.id === myId}
              hint={u.id === myId ? "Your own account" : undefined}
              label={`Mainnet approved for ${u.name ?? shortAddress(u.address)}`}
              change={(approved) => approveMainnet({ userId: u.id, approved })}
              confirmOff={{
                title: `Withdraw Mainnet from ${u.name ?? shortAddress(u.address)}?`,
                action: "Withdraw approval",
                body: (
                  <p>
                    Every live Mainnet key they own is disabled now, as your action, and stays disabled if you approve them again. They can
                    still use Testnet keys.
                  </p>
                ),
              }}
            />
            {u.mainnetRequest && (
              <MainnetRequestControl request={u.mainnetRequest} who={u.name ?? shortAddress(u.address)} self={u.id === myId} />
            )}
          </>
        ),
      },
      {
        id: "admin",
        header: "Admin",
        cell: ({ row: { original: u } }) =>
          u.configuredAdmin ? (
            <span className="text-xs" title="Listed in ADMIN_ADDRESSES: change it in the server's configuration">
              Admin <span className="text-zinc-600 dark:text-zinc-400">(by configuration)</span>
            </span>
          ) : (
            <UserSwitch
              checked={u.role === "admin"}
              disabled={u.id === myId}
              hint={u.id === myId ? "Your own account" : undefined}
              label={`Admin role for ${u.name ?? shortAddress(u.address)}`}
              change={(admin) => setRole({ userId: u.id, admin })}
            />
          ),
      },
      { id: "status", header: "Status", cell: ({ row: { original: u } }) => <SuspendControl user={u} self={u.id === myId} /> },
    ],
    [myId],
  );

  return (
    <section aria-labelledby="users" className="space-y-4">
      <HydrationMarker />
      <h2 id="users" className="text-lg font-semibold">
        Users
      </h2>
      <div className="flex flex-wrap gap-3">
        <label className="max-w-md min-w-64 flex-1">
          <span className="sr-only">Search users</span>
          <input
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            placeholder="Search by address, name or email"
            className={`${control} w-full`}
          />
        </label>
        <select
          value={mainnet}
          onChange={(e) => {
            setMainnet(e.target.value === "pending" ? "pending" : "");
            setPage(1);
          }}
          className={control}
          aria-label="Mainnet requests"
        >
          <option value="">All users</option>
          <option value="pending">Pending Mainnet requests</option>
        </select>
      </div>
      <DataTable
        caption="Users"
        columns={columns}
        {...data}
        nav={<PageNav caption="Users" loading={data.loading} total={data.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} />}
        rowKey={(u) => u.id}
        empty={
          mainnet
            ? search
              ? "No pending Mainnet requests match."
              : "No Mainnet requests are waiting."
            : search
              ? "No users match."
              : "No users yet."
        }
      />
    </section>
  );
}
