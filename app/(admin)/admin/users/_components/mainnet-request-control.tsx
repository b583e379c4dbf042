"use client";

import { withStepUp } from "@/components/step-up/with-step-up";
import { useState } from "react";
import { TimeAgo } from "@/components/time-ago";
import { Button } from "@/components/ui/button";
import type { AdminUserView } from "@/lib/data/users/admin";
import { decideMainnet } from "../../actions";
import { useAdminRefresh } from "../../_components/admin-fetch";
import { ConfirmDialog } from "../../_components/confirm-dialog";

type Decision = "approve" | "decline";

/** A user's pending Mainnet request in the Users table: what they wrote, and Approve / Decline. */
export function MainnetRequestControl({
  request,
  who,
  self,
}: {
  request: NonNullable<AdminUserView["mainnetRequest"]>;
  who: string;
  self: boolean;
}) {
  const refresh = useAdminRefresh();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const decide = async (decision: Decision, reason: string) => {
    const r = await withStepUp(decideMainnet)({ requestId: request.id, decision, reason });
    // Refreshed on a refusal too: "already decided" means the row is out of date.
    void refresh("admin-users");
    return r;
  };
  const justification = <p className="break-words whitespace-pre-line">“{request.justification}”</p>;

  return (
    <div className="mt-2 w-full max-w-60 min-w-0 space-y-2 rounded-md border border-amber-200 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="font-medium">
        Requested <TimeAgo iso={request.createdAt} />
      </p>
      <p className="line-clamp-4 break-words" title={request.justification}>
        “{request.justification}”
      </p>
      {self ? (
        <p>Your own request: another admin decides it.</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => setDeciding("approve")} aria-label={`Approve Mainnet request of ${who}`}>
            Approve
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setDeciding("decline")} aria-label={`Decline Mainnet request of ${who}`}>
            Decline
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={deciding === "approve"}
        onOpenChange={(open) => setDeciding(open ? "approve" : null)}
        title={`Approve Mainnet for ${who}?`}
        confirmLabel="Approve Mainnet"
        reason="optional"
        reasonLabel="Note to the user (optional)"
        onConfirm={(reason) => decide("approve", reason)}
      >
        {justification}
        <p>They can request Mainnet keys at once; they see the approval, and your note, on their API keys page.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={deciding === "decline"}
        onOpenChange={(open) => setDeciding(open ? "decline" : null)}
        title={`Decline Mainnet for ${who}?`}
        confirmLabel="Decline request"
        danger
        reason="required"
        onConfirm={(reason) => decide("decline", reason)}
      >
        {justification}
        <p>Say what is missing: they see your reason on their API keys page and can ask again.</p>
      </ConfirmDialog>
    </div>
  );
}
