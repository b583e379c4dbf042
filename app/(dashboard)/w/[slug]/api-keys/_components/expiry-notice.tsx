"use client";

import Link from "next/link";
import { useState } from "react";
import { dateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useWorkspace } from "@/components/workspace-context";
import { allowedTransitions } from "@/lib/keys/lifecycle";
import { TimeAgo } from "@/components/time-ago";
import type { KeyLink } from "@/lib/data/keys/detail";
import { keyViewState, type KeyView } from "@/lib/keys/view";
import { expiresSoon, rotatingOut } from "@/lib/keys/expiry";
import { keyPath, keysPath } from "@/lib/workspaces/paths";
import { canManageKey } from "@/lib/workspaces/permissions";
import type { Revealed } from "./reveal-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { useKeyUpdater } from "./use-keys";

/**
 * On a key's page: it is being replaced (move to its successor), it stops working soon (rotate it), or it has expired (it never works again:
 * rotate it into a successor with the same settings, or request a new one).
 */
export function ExpiryNotice({
  keyView: k,
  successor,
  onRotated,
}: {
  keyView: KeyView;
  successor: KeyLink | null;
  onRotated: (r: Revealed) => void;
}) {
  const workspace = useWorkspace();
  const updateKeys = useKeyUpdater();
  const [rotating, setRotating] = useState(false);
  const days = expiresSoon(k);
  // Being rotated out is not expiring: the successor already exists, so say which and when this one stops.
  const out = rotatingOut(k);
  if (out && successor) {
    return (
      <Alert tone="info">
        This key is being replaced by{" "}
        <Link href={keyPath(workspace, successor.id)} className="font-medium underline">
          {successor.name} <span className="font-mono text-xs">{successor.masked}</span>
        </Link>
        . It keeps working until {dateTime(out.stopsAt)} (<TimeAgo iso={out.stopsAt} />
        ), then only the new key works: put the new key wherever this one is used before then.
      </Alert>
    );
  }
  if (days !== null && k.expiresAt) {
    return (
      <Alert tone="warning">
        This key stops working in {days} {days === 1 ? "day" : "days"}, on {dateTime(k.expiresAt)}. Use <strong>Rotate</strong> above: the
        new key keeps its name, scopes and allowlist, and this one keeps working for the overlap you choose.
      </Alert>
    );
  }
  if (k.status !== "expired" || !k.expiresAt) return null;
  const mayRotate =
    allowedTransitions(keyViewState(k), "owner").rotate && canManageKey(workspace.role, workspace.you, { createdById: k.createdBy.id });
  return (
    <Alert tone="warning">
      <p>
        This key expired on {dateTime(k.expiresAt)} and can never work again: calls with it get 401.{" "}
        {mayRotate
          ? "Rotate it to get a new key with the same name, scopes and allowed IPs, then replace it where it is used."
          : k.replacedById
            ? "It was rotated: use its successor."
            : "Ask a workspace admin or the key's creator to rotate it, or request a new key."}
      </p>
      <p className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        {mayRotate && (
          <Button size="sm" onClick={() => setRotating(true)}>
            Rotate
          </Button>
        )}
        <Link href={keysPath(workspace)} className="font-medium underline">
          Request a new key
        </Link>
      </p>
      <RotateKeyDialog
        keyView={k}
        open={rotating}
        onOpenChange={setRotating}
        onRotated={(r) => {
          setRotating(false);
          updateKeys(r.key, r.replaced!);
          onRotated(r);
        }}
      />
    </Alert>
  );
}
