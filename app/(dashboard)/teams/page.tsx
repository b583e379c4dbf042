import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { listMyInvitations } from "@/lib/data/workspaces/invitations";
import { CreateTeamForm } from "./_components/create-team-form";
import { MyInvitations } from "./_components/my-invitations";

export const metadata: Metadata = { title: "Teams" };

/** Create a team, and answer the invitations sent to the signed-in address. */
export default async function TeamsPage() {
  const user = await requireUser();
  const invitations = await listMyInvitations(user.address);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Teams</h1>
        <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          A team owns its API keys: they stay with it when a member leaves, and every member sees them according to their role.
        </p>
      </div>
      <div className="max-w-3xl space-y-6">
        <MyInvitations invitations={invitations} />
        <CreateTeamForm />
      </div>
    </div>
  );
}
