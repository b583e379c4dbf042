"use server";

// Team actions. Each is built by userAction (signed-in caller, zod input), then lib/data locks
// the workspace, re-reads the caller's membership and role, and checks every rule; the pages
// that show these buttons prove nothing.
import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/actions/builder";
import { spendKeyCreation } from "@/lib/actions/key-budget";
import { mapData, ok, withMessage, type Result } from "@/lib/core/result";
import { toKeyView, type KeyView } from "@/lib/keys/view";
import {
  approvalAction,
  completeApproval,
  requestLink,
  requestUnlink,
  signApproval,
  type SignOutcome,
} from "@/lib/data/approvals/approvals";
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
  linkAccountSchema,
  approvalIdSchema,
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

// Multisig teams (lib/data/approvals): linking and unlinking wait for the account's signers, as
// every step-up change of a linked team does; signers sign from their own sessions.
export const requestLinkAction = userAction.form(linkAccountSchema, async ({ workspaceId, account }, { actor }) =>
  withMessage(
    await requestLink(actor, workspaceId, account),
    "Link asked: it waits under Pending approvals for signatures meeting the account's high threshold.",
  ),
);

export const requestUnlinkAction = userAction.input(inWorkspace, async ({ workspaceId }, { actor }) =>
  withMessage(await requestUnlink(actor, workspaceId), "Unlink asked: it waits under Pending approvals for the account's signers."),
);

export const signApprovalAction = userAction.input(approvalIdSchema, async ({ workspaceId, approvalId }, { actor, stepUp }) => {
  const r: Result<SignOutcome, string> = await signApproval(actor, workspaceId, approvalId, stepUp);
  if (!r.ok) return r;
  const { completed, missing } = r.data;
  const message = completed
    ? "Signed: the weight is met and the change is made."
    : missing > 0
      ? `Signed. It needs ${missing} more weight from the other signers.`
      : "Signed: the weight is met. The member who asked completes it.";
  return refreshShell(ok(r.data, message));
});

/** What completing shows: a new key's secret once (a Mainnet key made or rotated), else nothing. */
export type CompletedView = { action: string; revealed: { plaintext: string; key: KeyView; replaced?: KeyView } | null };

export const completeApprovalAction = userAction.input(approvalIdSchema, async ({ workspaceId, approvalId }, { actor, user }) => {
  // Issuing a key spends the asker's key-creation budget here, where the key is made (asking did not).
  const action = await approvalAction(workspaceId, approvalId);
  const limited = action === "key.create" || action === "key.rotate" ? await spendKeyCreation(user.id) : null;
  if (limited) return limited;
  return refreshShell(
    withMessage(
      mapData(await completeApproval(actor, workspaceId, approvalId), (d): CompletedView => ({
        action: d.action,
        revealed:
          d.key && d.plaintext
            ? { plaintext: d.plaintext, key: toKeyView(d.key), ...(d.oldKey ? { replaced: toKeyView(d.oldKey) } : {}) }
            : null,
      })),
      "Approved by the account's signers: the change is made.",
    ),
  );
});
