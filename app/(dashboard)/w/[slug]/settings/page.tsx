import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireWorkspacePage, workspaceView } from "@/lib/auth/workspace-page";
import { listMembers } from "@/lib/data/workspaces/members";
import { teamUseCase } from "@/lib/data/workspaces/teams";
import { TeamSettings } from "./_components/team-settings";
import { MultisigCard } from "./_components/multisig-card";
import { workspaceLink } from "@/lib/data/approvals/approvals";

type Params = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Team settings" };

/** Rename and the team's use case (owners and admins), transfer ownership and delete (owners). Personal workspaces have none. */
export default async function TeamSettingsPage({ params }: Params) {
  const { member } = await requireWorkspacePage((await params).slug);
  if (member.workspace.personal) notFound();
  const [members, useCase, link] = await Promise.all([
    listMembers(member.userId, member.workspace.id),
    teamUseCase(member.workspace.id),
    workspaceLink(member.workspace.id),
  ]);
  const others = members.ok ? members.data.filter((m) => m.userId !== member.userId) : [];
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Team settings · {member.workspace.name}</h1>
      {/* Forms keep a readable width; the page keeps the width every signed-in page has. */}
      <div className="max-w-3xl">
        <div className="space-y-6">
          <MultisigCard workspace={workspaceView(member)} linkedAccount={link.linkedAccount} linkedAt={link.linkedAt} />
          <TeamSettings workspace={workspaceView(member)} others={others} useCase={useCase} />
        </div>
      </div>
    </div>
  );
}
