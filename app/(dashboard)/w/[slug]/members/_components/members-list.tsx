"use client";

import { withStepUp } from "@/components/step-up/with-step-up";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { HydrationMarker } from "@/components/hydration-marker";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { useAction } from "@/components/use-action";
import { TimeAgo } from "@/components/time-ago";
import type { MemberView } from "@/lib/data/workspaces/members";
import type { WorkspaceContext } from "@/lib/keys/view";
import { canChangeMember, mayLeave, ROLE_LABELS, WORKSPACE_ROLES, type WorkspaceRole } from "@/lib/workspaces/permissions";
import { changeRoleAction, leaveTeamAction, removeMemberAction } from "../../../actions";

type Props = { workspace: WorkspaceContext & { you: string }; members: MemberView[] };
const muted = "text-zinc-600 dark:text-zinc-400";

/** Every member with their role; the caller's role decides which roles they may change and whom they may remove. */
export function MembersList({ workspace, members }: Props) {
  const router = useRouter();
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const [leaving, setLeaving] = useState(false);
  const refresh = () => router.refresh();
  const role = useAction(withStepUp(changeRoleAction), { onSuccess: refresh });
  const remove = useAction(removeMemberAction, {
    onSuccess: () => {
      setRemoving(null);
      refresh();
    },
  });
  const leave = useAction(leaveTeamAction, {
    onSuccess: () => {
      router.push("/settings/api-keys");
      router.refresh();
    },
  });
  return (
    <Card
      title="Members"
      description={`${members.length} ${members.length === 1 ? "member" : "members"}. You are ${ROLE_LABELS[workspace.role].toLowerCase()}.`}
    >
      <HydrationMarker />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {members.map((m) => {
          const me = m.userId === workspace.you;
          // One's own role changes only with another owner around: the server refuses the last owner's.
          const owners = members.filter((o) => o.role === "owner").length;
          const mayChange = !me || (m.role === "owner" && owners > 1);
          const roles = mayChange ? WORKSPACE_ROLES.filter((r) => r === m.role || canChangeMember(workspace.role, m.role, r)) : [m.role];
          return (
            <li
              key={m.userId}
              className="flex flex-wrap items-center justify-between gap-3 py-3"
              data-testid="member"
              data-address={m.address}
            >
              <div className="min-w-0 text-sm">
                <p className="font-medium break-words">
                  {m.name ?? "No name"} {me && <span className={muted}>(you)</span>}
                </p>
                <p className={`font-mono text-xs break-all ${muted}`}>{m.address}</p>
                <p className={`text-xs ${muted}`}>
                  Joined <TimeAgo iso={m.joinedAt} />
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {roles.length > 1 ? (
                  <select
                    aria-label={`Role of ${m.name ?? m.address}`}
                    value={m.role}
                    disabled={role.pending}
                    onChange={(e) => void role.run({ workspaceId: workspace.id, userId: m.userId, role: e.target.value as WorkspaceRole })}
                    className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="rounded bg-zinc-100 px-2 py-1 text-xs font-medium dark:bg-zinc-800">{ROLE_LABELS[m.role]}</span>
                )}
                {me ? (
                  mayLeave(m.role, owners) ? (
                    <Button size="sm" variant="secondary" onClick={() => setLeaving(true)}>
                      Leave team
                    </Button>
                  ) : (
                    // The rules forbid the last owner to leave: say what to do instead of offering a button that fails.
                    <span className={`max-w-64 text-xs ${muted}`} data-testid="sole-owner">
                      You are its only owner: make someone else an owner, or delete the team in Team settings, to leave.
                    </span>
                  )
                ) : (
                  canChangeMember(workspace.role, m.role, null) && (
                    <Button size="sm" variant="secondary" onClick={() => setRemoving(m)} aria-label={`Remove ${m.name ?? m.address}`}>
                      Remove
                    </Button>
                  )
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <Dialog
        open={!!removing}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Remove this member?"
        description="They lose access at once. The keys they created stay with the team and keep working."
      >
        {remove.error && <p className="text-sm text-red-700 dark:text-red-400">{remove.error}</p>}
        <DialogFooter>
          <Button variant="secondary" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={remove.pending}
            onClick={() => removing && void remove.run({ workspaceId: workspace.id, userId: removing.userId })}
          >
            Remove member
          </Button>
        </DialogFooter>
      </Dialog>
      <Dialog
        open={leaving}
        onOpenChange={setLeaving}
        title={`Leave ${workspace.name}?`}
        description="You lose access to its keys at once; the keys you created stay with the team."
      >
        {leave.error && <p className="text-sm text-red-700 dark:text-red-400">{leave.error}</p>}
        <DialogFooter>
          <Button variant="secondary" onClick={() => setLeaving(false)}>
            Stay
          </Button>
          <Button variant="danger" pending={leave.pending} onClick={() => void leave.run({ workspaceId: workspace.id })}>
            Leave team
          </Button>
        </DialogFooter>
      </Dialog>
    </Card>
  );
}
