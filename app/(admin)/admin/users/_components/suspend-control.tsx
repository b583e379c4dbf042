"use client";

import { useState } from "react";
import { shortAddress } from "@/components/format";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import type { AdminUserView } from "@/lib/data/users/admin";
import { suspendUser } from "../../actions";
import { useAdminRefresh } from "../../_components/admin-fetch";
import { ConfirmDialog } from "../../_components/confirm-dialog";

/** Suspends a user (a reason is required: they see it at sign-in) or lifts it. */
export function SuspendControl({ user: u, self }: { user: AdminUserView; self: boolean }) {
  const refresh = useAdminRefresh();
  const [open, setOpen] = useState(false);
  const who = u.name ?? shortAddress(u.address);
  const change = async (suspended: boolean, reason?: string) => {
    const r = await suspendUser({ userId: u.id, suspended, reason });
    void refresh("admin-users");
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
            <p className="text-xs text-zinc-600 dark:text-zinc-400">{self ? "You" : "Admin by configuration"}</p>
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
