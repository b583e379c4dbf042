"use client";

import Link from "next/link";
import { useWorkspace } from "@/components/workspace-context";
import { keyPath } from "@/lib/workspaces/paths";
import { Alert } from "@/components/ui/alert";
import { EXPIRY_WARNING_DAYS, expiresSoon, type KeyView } from "@/lib/keys/view";

/** Names the keys that stop working within a week, so nobody learns it from a failing integration. */
export function ExpiryBanner({ keys }: { keys: KeyView[] }) {
  const workspace = useWorkspace();
  const soon = keys.flatMap((k) => {
    const days = expiresSoon(k);
    return days === null ? [] : [{ ...k, days }];
  });
  if (soon.length === 0) return null;
  return (
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
  );
}
