"use client";

import { useRouter } from "next/navigation";
import { TimeAgo } from "@/components/time-ago";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/components/use-action";
import type { InvitationView } from "@/lib/data/workspaces/invitations";
import type { WorkspaceContext } from "@/lib/keys/view";
import { canChangeMember, ROLE_LABELS } from "@/lib/workspaces/permissions";
import { revokeInvitationAction } from "../../../actions";

/** Open invitations: who, which role, until when; owners and admins revoke them. */
export function PendingInvitations({ workspace, invitations }: { workspace: WorkspaceContext; invitations: InvitationView[] }) {
  const router = useRouter();
  const revoke = useAction(revokeInvitationAction, { onSuccess: () => router.refresh() });
  return (
    <Card title="Pending invitations">
      {invitations.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No open invitations.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="pending-invitation">
              <div className="min-w-0 text-sm">
                <p className="font-mono text-xs break-all">{i.address}</p>
                <p className="text-zinc-600 dark:text-zinc-400">
                  {ROLE_LABELS[i.role]} · expires <TimeAgo iso={i.expiresAt} />
                </p>
              </div>
              {canChangeMember(workspace.role, i.role, null) && (
                <Button
                  size="sm"
                  variant="secondary"
                  pending={revoke.pending}
                  onClick={() => void revoke.run({ workspaceId: workspace.id, invitationId: i.id })}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
