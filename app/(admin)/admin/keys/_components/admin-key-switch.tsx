"use client";

import type { Result } from "@/lib/core/result";
import { useAction } from "@/components/use-action";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import type { AdminKeyView } from "@/lib/data/keys/admin";
import { allowedTransitions, isFinished } from "@/lib/keys/lifecycle";
import { keyViewState } from "@/lib/keys/view";
import { revokeAnyKey, toggleKey } from "../../actions";
import { useAdminRefresh } from "../../_components/admin-fetch";
import { ConfirmDialog } from "../../_components/confirm-dialog";

/**
 * An admin's switch and revoke button for any user's key. Disabling asks for an optional
 * reason, shown to the owner; the owner cannot turn the key back on.
 */
export function AdminKeySwitch({ keyView: k, onChanged }: { keyView: AdminKeyView; onChanged?: (k: AdminKeyView) => void }) {
  const refresh = useAdminRefresh();
  const [dialog, setDialog] = useState<"disable" | "revoke" | null>(null);
  const done = (r: Result<AdminKeyView>) => {
    if (r.ok) {
      onChanged?.(r.data);
      void refresh("admin-keys", r.data);
    }
    return r;
  };
  const enable = useAction(toggleKey, {
    onSuccess: (key) => {
      onChanged?.(key);
      void refresh("admin-keys", key);
    },
  });
  const error = enable.error;
  // The admin's switch is the hold: on means "not held by an admin". The owner's own
  // switch is theirs; a key its owner paused stays off when the hold is lifted.
  const can = allowedTransitions(keyViewState(k), "admin");
  const on = enable.pending || (!isFinished(k.status) && k.status !== "leaked" && k.disabledBy !== "admin");
  // A revoked or expired key has nothing to switch: no switch, and no word about its owner's.
  const finished = isFinished(k.status);
  const ownerOff = !finished && k.disabledBy === "owner";

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {!finished && (
        <Switch
          checked={on}
          disabled={!(can.enable || can.disable) || enable.pending}
          onCheckedChange={(v) => (v ? void enable.run({ keyId: k.id, enabled: true }) : setDialog("disable"))}
          aria-label={`Key ${k.name} enabled`}
        />
      )}
      {ownerOff && <span className="text-xs text-zinc-600 dark:text-zinc-400">Paused by its owner</span>}
      {can.revoke && (
        <Button variant="danger-ghost" size="sm" onClick={() => setDialog("revoke")} aria-label={`Revoke ${k.name}`}>
          Revoke
        </Button>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      <ConfirmDialog
        open={dialog === "disable"}
        onOpenChange={(o) => setDialog(o ? "disable" : null)}
        title={`Disable ${k.name}?`}
        confirmLabel="Disable key"
        reason="optional"
        onConfirm={(reason) => toggleKey({ keyId: k.id, enabled: false, reason }).then(done)}
      >
        <p>
          Requests with <span className="font-mono">{k.masked}</span> are refused within seconds. Its owner sees that an admin disabled it,
          and cannot turn it back on, edit or rotate it; only an admin can re-enable it.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "revoke"}
        onOpenChange={(o) => setDialog(o ? "revoke" : null)}
        title={`Revoke ${k.name}?`}
        confirmLabel="Revoke key"
        danger
        reason="optional"
        onConfirm={(reason) => revokeAnyKey({ keyId: k.id, reason }).then(done)}
      >
        <p>
          Revoking is permanent: <span className="font-mono">{k.masked}</span> never works again, for its owner or anyone. To pause it
          instead, disable it.
        </p>
      </ConfirmDialog>
    </span>
  );
}
