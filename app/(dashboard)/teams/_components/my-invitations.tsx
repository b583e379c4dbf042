"use client";

import { useRouter } from "next/navigation";
import { shortAddress } from "@/components/format";
import { TimeAgo } from "@/components/time-ago";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/components/use-action";
import type { MyInvitationView } from "@/lib/data/workspaces/invitations";
import { ROLE_LABELS } from "@/lib/workspaces/permissions";
import { keysPath } from "@/lib/workspaces/paths";
import { acceptInvitationAction, declineInvitationAction } from "../../w/actions";

/** The invitations sent to the signed-in address: accept (join with the role) or decline. */
export function MyInvitations({ invitations }: { invitations: MyInvitationView[] }) {
  const router = useRouter();
  const accept = useAction(acceptInvitationAction, {
    onSuccess: (workspace) => {
      router.push(keysPath(workspace));
      router.refresh();
    },
  });
  const decline = useAction(declineInvitationAction, { onSuccess: () => router.refresh() });
  return (
    <Card title="Invitations" description="Invitations sent to the address you signed in with. Each expires 7 days after it was sent.">
      {invitations.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No invitations waiting for you.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="invitation">
              <div className="min-w-0 text-sm">
                <p className="font-medium">
                  {i.workspace.name} · {ROLE_LABELS[i.role]}
                </p>
                <p className="text-zinc-600 dark:text-zinc-400">
                  From {i.invitedBy.name ?? shortAddress(i.invitedBy.address)}, <TimeAgo iso={i.createdAt} />; expires{" "}
                  <TimeAgo iso={i.expiresAt} />
                </p>
              </div>
              <div className="flex gap-2">
                <Button size="sm" pending={accept.pending} onClick={() => void accept.run({ invitationId: i.id })}>
                  Accept
                </Button>
                <Button size="sm" variant="secondary" pending={decline.pending} onClick={() => void decline.run({ invitationId: i.id })}>
                  Decline
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
