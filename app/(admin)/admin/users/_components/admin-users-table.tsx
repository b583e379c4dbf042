"use client";

import { withStepUp } from "@/components/step-up/with-step-up";
import { HydrationMarker } from "@/components/hydration-marker";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import type { Column } from "@/components/table-view";
import { PageNav } from "@/components/page-nav";
import { TimeAgo } from "@/components/time-ago";
import type { AdminUserView } from "@/lib/data/users/admin";
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
        // Who they are in one cell (name, address, email, when they joined, how many keys): nine
        // columns made the table 1,375 px wide, pushing Suspend off a laptop's screen.
        id: "user",
        header: "User",
        meta: { card: "title" },
        cell: ({ row: { original: u } }) => (
          <div className="min-w-0 space-y-0.5">
            <p className="font-medium break-words">{u.name ?? <span className="font-mono text-xs">{shortAddress(u.address)}</span>}</p>
            {u.name && (
              <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400" title={u.address}>
                {shortAddress(u.address)}
              </p>
            )}
            {u.email && <p className="text-xs break-all text-zinc-600 dark:text-zinc-400">{u.email}</p>}
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Joined <TimeAgo iso={u.createdAt} /> · {u.keyCount} {u.keyCount === 1 ? "key" : "keys"}
            </p>
          </div>
        ),
      },
      {
        id: "useCase",
        header: "Use case",
        cell: ({ row: { original: u } }) =>
          u.useCase ? (
            <p className="line-clamp-3 max-w-56 text-xs break-words" title={u.useCase}>
              {u.useCase}
            </p>
          ) : (
            <span className="text-zinc-600 dark:text-zinc-400">Not given</span>
          ),
      },
      {
        id: "mainnet",
        header: "Mainnet",
        cell: ({ row: { original: u } }) => (
          <div className="min-w-0 flex-1">
            <UserSwitch
              checked={u.mainnetApproved}
              disabled={u.id === myId}
              hint={u.id === myId ? "Your own account" : undefined}
              label={`Mainnet approved for ${u.name ?? shortAddress(u.address)}`}
              change={(approved) => withStepUp(approveMainnet)({ userId: u.id, approved })}
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
          </div>
        ),
      },
      {
        id: "admin",
        header: "Role",
        cell: ({ row: { original: u } }) =>
          u.configuredAdmin ? (
            <span className="block text-xs" title="Listed in ADMIN_ADDRESSES: change it in the server's configuration">
              Admin
              <span className="block text-zinc-600 dark:text-zinc-400">by configuration</span>
            </span>
          ) : (
            <UserSwitch
              checked={u.role === "admin"}
              disabled={u.id === myId}
              hint={u.id === myId ? "Your own account" : undefined}
              label={`Admin role for ${u.name ?? shortAddress(u.address)}`}
              change={(admin) => withStepUp(setRole)({ userId: u.id, admin })}
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
