"use client";

import { lazy, Suspense, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, useOpenedOnce } from "@/components/ui/dialog";
import { Menu } from "@/components/ui/menu";
import { Switch } from "@/components/ui/switch";
import { useWorkspace } from "@/components/workspace-context";
import { allowedTransitions, isFinished } from "@/lib/keys/lifecycle";
import { canManageKey } from "@/lib/workspaces/permissions";
import { keyViewState, type KeyView } from "@/lib/keys/view";
import { revoke, setEnabled } from "../actions";
import type { Revealed } from "./reveal-key-dialog";
import { useKeyUpdater } from "./use-keys";

// The edit and rotate forms load when first opened: every row of the keys table has them.
const EditKeyDialog = lazy(() => import("./edit-key-dialog").then((m) => ({ default: m.EditKeyDialog })));
const RotateKeyDialog = lazy(() => import("./rotate-key-dialog").then((m) => ({ default: m.RotateKeyDialog })));

const menuItem =
  "flex cursor-pointer rounded px-3 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800";

/** Enable/disable, edit, rotate and revoke for one key. */
export function KeyActions({
  keyView: k,
  onRotated,
  onChanged,
}: {
  keyView: KeyView;
  onRotated: (r: Revealed) => void;
  /** After any change, e.g. to refresh a page that shows the key (the list updates itself). */
  onChanged?: () => void;
}) {
  const keysUpdater = useKeyUpdater();
  const updateKeys = (...changed: KeyView[]) => {
    keysUpdater(...changed);
    onChanged?.();
  };
  const [dialog, setDialog] = useState<"edit" | "rotate" | "revoke" | null>(null);
  const editLoaded = useOpenedOnce(dialog === "edit");
  const rotateLoaded = useOpenedOnce(dialog === "rotate");
  const workspace = useWorkspace();
  // The lifecycle says what the key's state allows; the role says whether this member may act.
  const mayChange = canManageKey(workspace.role, workspace.you, { createdById: k.createdBy.id });
  const allowed = allowedTransitions(keyViewState(k), "owner");
  const can = Object.fromEntries(Object.entries(allowed).map(([t, ok]) => [t, ok && mayChange])) as typeof allowed;
  const toggle = useAction(setEnabled, { onSuccess: (key) => updateKeys(key) });
  const revokeKey = useAction(revoke, {
    onSuccess: (key) => {
      updateKeys(key);
      setDialog(null);
    },
  });
  const error = toggle.error;

  const on = k.status === "active" || k.status === "rotating";
  const enabled = toggle.pending ? !on : on; // shows where the switch is going while it saves
  const adminLocked = k.disabledBy === "admin";
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center justify-end gap-1">
        {!isFinished(k.status) && (
          <Switch
            checked={enabled}
            disabled={!(can.enable || can.disable) || toggle.pending}
            onCheckedChange={(next) => void toggle.run({ workspaceId: workspace.id, keyId: k.id, enabled: next })}
            aria-label={`Key ${k.name} enabled`}
            aria-describedby={adminLocked ? `lock-${k.id}` : undefined}
            title={adminLocked ? "Disabled by an admin: only an admin can turn it back on" : undefined}
          />
        )}
        {(can.revoke || can.rotate) && (
          <Menu
            triggerClassName="rounded-md px-2 py-1 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            triggerLabel={`Actions for ${k.name}`}
            trigger={<span aria-hidden="true">⋯</span>}
            content={{
              align: "end",
              sideOffset: 4,
              className: "z-30 min-w-36 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900",
            }}
            itemClassName={menuItem}
            items={[
              ...(can.edit ? [{ kind: "item" as const, key: "edit", content: "Edit", onSelect: () => setDialog("edit") }] : []),
              ...(can.rotate ? [{ kind: "item" as const, key: "rotate", content: "Rotate", onSelect: () => setDialog("rotate") }] : []),
              ...((can.edit || can.rotate) && can.revoke ? [{ kind: "separator" as const, key: "sep" }] : []),
              ...(can.revoke
                ? [{ kind: "item" as const, key: "revoke", content: "Revoke", danger: true, onSelect: () => setDialog("revoke") }]
                : []),
            ]}
          />
        )}
      </div>
      {error && (
        <p role="alert" className="max-w-56 text-right text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}

      <Suspense fallback={null}>
        {editLoaded && (
          <EditKeyDialog keyView={k} open={dialog === "edit"} onOpenChange={(o) => setDialog(o ? "edit" : null)} onSaved={onChanged} />
        )}
        {rotateLoaded && (
          <RotateKeyDialog
            keyView={k}
            open={dialog === "rotate"}
            onOpenChange={(o) => setDialog(o ? "rotate" : null)}
            onRotated={(r) => {
              setDialog(null);
              updateKeys(r.key, r.replaced!);
              onRotated(r);
            }}
          />
        )}
      </Suspense>
      <Dialog open={dialog === "revoke"} onOpenChange={(o) => setDialog(o ? "revoke" : null)} title={`Revoke ${k.name}?`}>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Anything using <span className="font-mono">{k.masked}</span> stops working immediately. Revoking is permanent: the key cannot be
          turned back on. To pause it instead, switch it off.
        </p>
        {revokeKey.error && (
          <div className="mt-4">
            <Alert tone="error">{revokeKey.error}</Alert>
          </div>
        )}
        <DialogFooter>
          <Button variant="secondary" onClick={() => setDialog(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={revokeKey.pending}
            onClick={() => void revokeKey.run({ workspaceId: workspace.id, keyId: k.id })}
          >
            Revoke key
          </Button>
        </DialogFooter>
      </Dialog>
    </div>
  );
}
