"use client";

import Link from "next/link";
import { dateTime } from "@/components/format";
import { TimeAgo } from "@/components/time-ago";
import { useWorkspace } from "@/components/workspace-context";
import { keyPath } from "@/lib/workspaces/paths";
import { Alert } from "@/components/ui/alert";
import { type KeyView } from "@/lib/keys/view";
import { EXPIRY_WARNING_DAYS, expiresSoon, rotatingOut } from "@/lib/keys/expiry";
import { keyEnding } from "./key-ending";

/**
 * Names the keys that stop working within a week, so nobody learns it from a failing integration,
 * and, apart from them, the keys being rotated out: those already have a successor, so the advice
 * is "move to it before the old one stops", not "rotate it".
 */
export function ExpiryBanner({ keys }: { keys: KeyView[] }) {
  const workspace = useWorkspace();
  const byId = new Map(keys.map((k) => [k.id, k]));
  const soon = keys.flatMap((k) => {
    const days = expiresSoon(k);
    return days === null ? [] : [{ ...k, days }];
  });
  const replaced = keys.flatMap((k) => {
    const out = rotatingOut(k);
    const successor = out && byId.get(out.successorId);
    return out && successor ? [{ old: k, successor, stopsAt: out.stopsAt }] : [];
  });
  if (soon.length === 0 && replaced.length === 0) return null;
  return (
    <>
      {soon.length > 0 && (
        <Alert tone="warning">
          <p className="font-medium">
            {soon.length === 1 ? "1 key stops working" : `${soon.length} keys stop working`} within {EXPIRY_WARNING_DAYS} days.
          </p>
          <p className="mt-1">
            Rotate {soon.length === 1 ? "it" : "them"} to get a replacement with the same name, scopes and allowlist:{" "}
            {soon.map((k, i) => (
              <span key={k.id}>
                {i > 0 && ", "}
                <Link href={keyPath(workspace, k.id)} className="font-medium underline">
                  {k.name}
                </Link>{" "}
                (in {k.days} {k.days === 1 ? "day" : "days"})
              </span>
            ))}
            .
          </p>
        </Alert>
      )}
      {replaced.length > 0 && (
        <Alert tone="info">
          <p className="font-medium">
            {replaced.length === 1 ? "1 key is being replaced" : `${replaced.length} keys are being replaced`}: move to the new key before
            the old one stops.
          </p>
          <ul className="mt-1 space-y-1" data-testid="rotation-notice">
            {replaced.map(({ old, successor, stopsAt }) => (
              <li key={old.id}>
                {old.name} <span className="font-mono text-xs">{keyEnding(old)}</span> is replaced by{" "}
                <Link href={keyPath(workspace, successor.id)} className="font-medium underline">
                  {successor.name} <span className="font-mono text-xs">{keyEnding(successor)}</span>
                </Link>
                ; the old key stops <TimeAgo iso={stopsAt} /> ({dateTime(stopsAt)}).
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </>
  );
}
