"use server";

// Team actions. Each is built by userAction (signed-in caller, zod input), then lib/data locks
// the workspace, re-reads the caller's membership and role, and checks every rule; the pages
// that show these buttons prove nothing.
import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/actions/builder";
import { withMessage, type Result } from "@/lib/core/result";
import { answerInvitation, invite, revokeInvitation } from "@/lib/data/workspaces/invitations";
import { changeRole, leaveWorkspace, removeMember } from "@/lib/data/workspaces/members";
import { createTeam, deleteTeam, renameTeam, setTeamUseCase, transferOwnership } from "@/lib/data/workspaces/teams";
import {
  changeRoleSchema,
  createTeamSchema,
  deleteTeamSchema,
  invitationIdSchema,
  inviteSchema,
  memberSchema,
  renameTeamSchema,
  revokeInvitationSchema,
  teamUseCaseSchema,
  inWorkspace,
} from "@/lib/validation/workspace";

/** A team change that succeeded also changes the shell (the switcher): re-read it. */
function refreshShell<T, C extends string>(r: Result<T, C>): Result<T, C> {
  if (r.ok) revalidatePath("/", "layout");
  return r;
}

export const createTeamAction = userAction.form(createTeamSchema, async (input, { actor }) =>
  refreshShell(withMessage(await createTeam(actor, input), `Team ${input.name} created.`)),
);

export const renameTeamAction = userAction.form(renameTeamSchema, async ({ workspaceId, name }, { actor }) =>
  refreshShell(withMessage(await renameTeam(actor, workspaceId, name), "Team renamed.")),
);

export const setTeamUseCaseAction = userAction.form(teamUseCaseSchema, async ({ workspaceId, useCase }, { actor }) =>
  withMessage(await setTeamUseCase(actor, workspaceId, useCase), "Use case saved: team keys can be requested."),
);

export const deleteTeamAction = userAction.form(deleteTeamSchema, async ({ workspaceId, confirm }, { actor }) =>
  refreshShell(withMessage(await deleteTeam(actor, workspaceId, confirm), "Team deleted.")),
);

export const transferOwnershipAction = userAction.input(memberSchema, async ({ workspaceId, userId }, { actor }) =>
  refreshShell(withMessage(await transferOwnership(actor, workspaceId, userId), "Ownership transferred: you are now an admin.")),
);

export const inviteAction = userAction.form(inviteSchema, async ({ workspaceId, address, role }, { actor }) =>
  withMessage(await invite(actor, workspaceId, address, role), "Invitation sent: it waits for that address to sign in."),
);

export const revokeInvitationAction = userAction.input(revokeInvitationSchema, async ({ workspaceId, invitationId }, { actor }) =>
  withMessage(await revokeInvitation(actor, workspaceId, invitationId), "Invitation revoked."),
);

export const acceptInvitationAction = userAction.input(invitationIdSchema, async ({ invitationId }, { actor }) =>
  refreshShell(withMessage(await answerInvitation(actor, invitationId, "accept"), "Invitation accepted.")),
);

export const declineInvitationAction = userAction.input(invitationIdSchema, async ({ invitationId }, { actor }) =>
  withMessage(await answerInvitation(actor, invitationId, "decline"), "Invitation declined."),
);

export const changeRoleAction = userAction.input(changeRoleSchema, async ({ workspaceId, userId, role }, { actor, stepUp }) =>
  refreshShell(withMessage(await changeRole(actor, workspaceId, userId, role, stepUp), "Role changed.")),
);

export const removeMemberAction = userAction.input(memberSchema, async ({ workspaceId, userId }, { actor }) =>
  refreshShell(withMessage(await removeMember(actor, workspaceId, userId), "Member removed.")),
);

export const leaveTeamAction = userAction.input(inWorkspace, async ({ workspaceId }, { actor }) =>
  refreshShell(withMessage(await leaveWorkspace(actor, workspaceId), "You left the team.")),
);
