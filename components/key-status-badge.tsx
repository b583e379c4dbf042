import { ContactSupport } from "./support-context";
import { TimeAgo } from "./time-ago";
import type { KeyView } from "@/lib/keys/view";

const STYLE: Record<KeyView["status"], string> = {
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  rotating: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  disabled: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  leaked: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  revoked: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  expired: "bg-zinc-200 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
};

export function statusLabel(k: Pick<KeyView, "status" | "disabledBy">): string {
  if (k.status === "disabled") return k.disabledBy === "admin" ? "Disabled by an admin" : "Disabled";
  return k.status[0]!.toUpperCase() + k.status.slice(1);
}

export function StatusBadge({ keyView: k }: { keyView: Pick<KeyView, "status" | "disabledBy"> }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLE[k.status]}`}>
      {statusLabel(k)}
    </span>
  );
}

/** Under a key an admin disabled: when, why, and that only an admin can undo it. */
export function AdminLockNote({
  keyView: k,
  audience,
}: {
  keyView: Pick<KeyView, "id" | "status" | "disabledBy" | "disabledAt" | "disabledReason">;
  audience: "owner" | "admin";
}) {
  if (k.disabledBy !== "admin" || k.status === "revoked" || k.status === "expired") return null;
  return (
    <p id={`lock-${k.id}`} className="mt-1 max-w-64 text-xs text-zinc-600 dark:text-zinc-400" data-testid="admin-lock">
      {k.disabledAt && (
        <>
          Disabled <TimeAgo iso={k.disabledAt} />.{" "}
        </>
      )}
      {k.disabledReason ? <>Reason: “{k.disabledReason}”. </> : null}
      {audience === "owner" ? (
        <>
          Only an admin can turn it back on
          <ContactSupport />.
        </>
      ) : null}
    </p>
  );
}
