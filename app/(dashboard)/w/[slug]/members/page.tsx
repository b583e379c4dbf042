import type { Metadata } from "next";
import { requireWorkspacePage, workspaceView } from "@/lib/auth/workspace-page";
import { listInvitations } from "@/lib/data/workspaces/invitations";
import { listMembers } from "@/lib/data/workspaces/members";
import { InviteForm } from "./_components/invite-form";
import { MembersList } from "./_components/members-list";
import { PendingInvitations } from "./_components/pending-invitations";
import { PendingApprovals } from "./_components/pending-approvals";
import { listApprovals } from "@/lib/data/approvals/approvals";
import { env } from "@/lib/core/env";

type Params = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Members" };

/** A team's members (every member reads them); owners and admins invite, change roles and remove. */
export default async function MembersPage({ params }: Params) {
  const { user, member } = await requireWorkspacePage((await params).slug);
  const [members, invitations, multisig] = await Promise.all([
    listMembers(member.userId, member.workspace.id),
    listInvitations(member.userId, member.workspace.id),
    listApprovals(user, member.workspace.id),
  ]);
  const workspace = workspaceView(member);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Members · {member.workspace.name}</h1>
      {multisig.ok && (multisig.data.linkedAccount || multisig.data.approvals.length > 0) && (
        <PendingApprovals
          workspace={workspace}
          linkedAccount={multisig.data.linkedAccount}
          approvals={multisig.data.approvals}
          apiBase={env.publicOrigin}
        />
      )}
      <MembersList workspace={workspace} members={members.ok ? members.data : []} />
      <InviteForm workspace={workspace} />
      <PendingInvitations workspace={workspace} invitations={invitations.ok ? invitations.data : []} />
    </div>
  );
}
