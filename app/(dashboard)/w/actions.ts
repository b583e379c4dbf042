"use server";

// Team actions. Each is built by userAction (signed-in caller, zod input), then lib/data locks
// the workspace, re-reads the caller's membership and role, and checks every rule; the pages
// that show these buttons prove nothing.
import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/actions/builder";
import { fail, type ActionResult } from "@/lib/core/result";
import { answerInvitation, invite, revokeInvitation, type InvitationView } from "@/lib/data/workspaces/invitations";
import { changeRole, leaveWorkspace, removeMember } from "@/lib/data/workspaces/members";
import { createTeam, deleteTeam, renameTeam, transferOwnership } from "@/lib/data/workspaces/teams";
import type { WorkspaceSummary } from "@/lib/data/workspaces/access";
import {
  changeRoleSchema,
  createTeamSchema,
  deleteTeamSchema,
  invitationIdSchema,
  inviteSchema,
  memberSchema,
  renameTeamSchema,
  revokeInvitationSchema,
  inWorkspace,
} from "@/lib/validation/workspace";

type Result<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** A data-layer result as an action's answer; the shell (switcher) is re-read after team changes. */
function answer<T>(r: Result<T>, message: string, refreshShell = false): ActionResult<T> {
  if (!r.ok) return fail(r.code, r.message);
  if (refreshShell) revalidatePath("/", "layout");
  return { ok: true, data: r.data, message };
}

export const createTeamAction = userAction.form(createTeamSchema, async (input, { actor }) =>
  answer<WorkspaceSummary>(await createTeam(actor, input), `Team ${input.name} created.`, true),
);

export const renameTeamAction = userAction.form(renameTeamSchema, async ({ workspaceId, name }, { actor }) =>
  answer(await renameTeam(actor, workspaceId, name), "Team renamed.", true),
);

export const deleteTeamAction = userAction.form(deleteTeamSchema, async ({ workspaceId, confirm }, { actor }) =>
  answer(await deleteTeam(actor, workspaceId, confirm), "Team deleted.", true),
);

export const transferOwnershipAction = userAction.input(memberSchema, async ({ workspaceId, userId }, { actor }) =>
  answer(await transferOwnership(actor, workspaceId, userId), "Ownership transferred: you are now an admin.", true),
);

export const inviteAction = userAction.form(inviteSchema, async ({ workspaceId, address, role }, { actor }) =>
  answer<InvitationView>(await invite(actor, workspaceId, address, role), "Invitation sent: it waits for that address to sign in."),
);

export const revokeInvitationAction = userAction.input(revokeInvitationSchema, async ({ workspaceId, invitationId }, { actor }) =>
  answer(await revokeInvitation(actor, workspaceId, invitationId), "Invitation revoked."),
);

export const acceptInvitationAction = userAction.input(invitationIdSchema, async ({ invitationId }, { actor }) =>
  answer(await answerInvitation(actor, invitationId, "accept"), "Invitation accepted.", true),
);

export const declineInvitationAction = userAction.input(invitationIdSchema, async ({ invitationId }, { actor }) =>
  answer(await answerInvitation(actor, invitationId, "decline"), "Invitation declined."),
);

export const changeRoleAction = userAction.input(changeRoleSchema, async ({ workspaceId, userId, role }, { actor }) =>
  answer(await changeRole(actor, workspaceId, userId, role), "Role changed.", true),
);

export const removeMemberAction = userAction.input(memberSchema, async ({ workspaceId, userId }, { actor }) =>
  answer(await removeMember(actor, workspaceId, userId), "Member removed.", true),
);

export const leaveTeamAction = userAction.input(inWorkspace, async ({ workspaceId }, { actor }) =>
  answer(await leaveWorkspace(actor, workspaceId), "You left the team.", true),
);
