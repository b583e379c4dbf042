"use client";

import type { ActionResult } from "@/lib/actions/result";
import { HydrationMarker } from "@/components/hydration-marker";
import { useQueryClient } from "@tanstack/react-query";
import { useAction } from "@/components/use-action";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/data-table";
import { TimeAgo } from "@/components/time-ago";
import { Switch } from "@/components/ui/switch";
import type { AdminUserView } from "@/lib/data/admin-users";
import { shortAddress } from "@/components/format";
import { useDebounced } from "@/components/use-debounced";
import { approveMainnet, setRole, suspendUser } from "../../actions";
import { ConfirmDialog } from "../../_components/confirm-dialog";
import { useAdminPage } from "../../_components/admin-fetch";

const PAGE_SIZE = 25;

type Change = (v: boolean) => Promise<ActionResult<object>>;

/**
 * A switch for one user setting. When turning it off needs a second thought (withdrawing
 * Mainnet disables keys), `confirmOff` asks first.
 */
function UserSwitch({
  checked,
  label,
  disabled,
  hint,
  change,
  confirmOff,
}: {
  checked: boolean;
  label: string;
  disabled?: boolean;
  hint?: string;
  change: Change;
  confirmOff?: { title: string; body: ReactNode; action: string };
}) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const changeAndRefresh = async (v: boolean) => {
    const r = await change(v);
    void client.invalidateQueries({ queryKey: ["admin-users"] });
    void client.invalidateQueries({ queryKey: ["admin-keys"] });
    return r;
  };
  const m = useAction(changeAndRefresh);
  const error = m.error;
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Switch
        checked={m.pending ? !checked : checked}
        disabled={disabled || m.pending}
        onCheckedChange={(v) => (!v && confirmOff ? setConfirming(true) : void m.run(v))}
        aria-label={label}
        title={hint}
      />
      {hint && disabled && <span className="text-xs text-zinc-500">{hint}</span>}
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      {confirmOff && (
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title={confirmOff.title}
          confirmLabel={confirmOff.action}
          danger
          onConfirm={() => changeAndRefresh(false)}
        >
          {confirmOff.body}
        </ConfirmDialog>
      )}
    </span>
  );
}

/** Suspends a user (a reason is required: they see it at sign-in) or lifts it. */
function SuspendControl({ user: u, self }: { user: AdminUserView; self: boolean }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const who = u.name ?? shortAddress(u.address);
  const change = async (suspended: boolean, reason?: string) => {
    const r = await suspendUser({ userId: u.id, suspended, reason });
    void client.invalidateQueries({ queryKey: ["admin-users"] });
    return r;
  };
  const lift = useAction(() => change(false));
  return (
    <div className="space-y-1">
      {u.suspendedAt ? (
        <>
          <span className="inline-block rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-300">
            Suspended
          </span>
          {u.suspendedReason && <p className="max-w-48 text-xs text-zinc-600 dark:text-zinc-400">“{u.suspendedReason}”</p>}
          <Button
            size="sm"
            variant="secondary"
            pending={lift.pending}
            onClick={() => void lift.run(undefined)}
            aria-label={`Lift suspension of ${who}`}
          >
            Lift suspension
          </Button>
          {lift.error && (
            <p role="alert" className="text-xs text-red-700 dark:text-red-400">
              {lift.error}
            </p>
          )}
        </>
      ) : (
        <>
          <span className="inline-block rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
            Active
          </span>
          {self || u.configuredAdmin ? (
            <p className="text-xs text-zinc-500">{self ? "You" : "Admin by configuration"}</p>
          ) : (
            <Button size="sm" variant="danger-ghost" className="-ml-3" onClick={() => setOpen(true)} aria-label={`Suspend ${who}`}>
              Suspend…
            </Button>
          )}
        </>
      )}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Suspend ${who}?`}
        confirmLabel="Suspend user"
        danger
        reason="required"
        onConfirm={(reason) => change(true, reason)}
      >
        <p>
          They are signed out everywhere at once and cannot sign in; every API key they own is refused within seconds. Lifting the
          suspension restores sign-in and each key as it was.
        </p>
      </ConfirmDialog>
    </div>
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
      {
        id: "address",
        header: "Address",
        cell: ({ row: { original: u } }) => (
          <span className="font-mono text-xs" title={u.address}>
            {shortAddress(u.address)}
          </span>
        ),
      },
      { id: "name", header: "Name", cell: ({ row: { original: u } }) => u.name ?? <span className="text-zinc-500">—</span> },
      { id: "email", header: "Email", cell: ({ row: { original: u } }) => u.email ?? <span className="text-zinc-500">—</span> },
      {
        id: "useCase",
        header: "Use case",
        cell: ({ row: { original: u } }) =>
          u.useCase ? (
            <p className="line-clamp-2 max-w-64 text-xs" title={u.useCase}>
              {u.useCase}
            </p>
          ) : (
            <span className="text-zinc-500">Not given</span>
          ),
      },
      { id: "createdAt", header: "Joined", cell: ({ row: { original: u } }) => <TimeAgo iso={u.createdAt} /> },
      { id: "keys", header: "Keys", cell: ({ row: { original: u } }) => u.keyCount },
      {
        id: "mainnet",
        header: "Mainnet",
        cell: ({ row: { original: u } }) => (
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
        ),
      },
      {
        id: "admin",
        header: "Admin",
        cell: ({ row: { original: u } }) =>
          u.configuredAdmin ? (
            <span className="text-xs" title="Listed in ADMIN_ADDRESSES: change it in the server's configuration">
              Admin <span className="text-zinc-500">(by configuration)</span>
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
