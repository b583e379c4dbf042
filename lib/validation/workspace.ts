// Rules of the team forms (create, rename, invite, roles), shared by the forms and the actions.
import { StrKey } from "@stellar/stellar-sdk";
import { z } from "zod";
import { TEAM_SLUG, WORKSPACE_ROLES } from "@/lib/workspaces/permissions";
import { orEmpty, plainText, recordId } from "./text";

/** Every workspace-scoped input names its workspace; the server checks the caller's role in it. */
export const workspaceIdField = z.string({ error: "Say which workspace." }).pipe(recordId);
export const inWorkspace = z.object({ workspaceId: workspaceIdField });

export const teamName = plainText("The team name")
  .trim()
  .min(2, "Give the team a name of at least 2 characters.")
  .max(60, "The team name must be at most 60 characters.");

export const teamSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(TEAM_SLUG, "The URL name takes 3–40 lowercase letters, digits and single dashes inside, e.g. acme-payments.");

/** What a team builds: required before its keys are issued (the profile's use case is a person's). */
const useCaseText = plainText("The use case", { multiline: true }).trim().max(1000, "The use case must be at most 1000 characters.");
export const teamUseCase = useCaseText.min(1, "Say what the team builds with its keys: it is required before team keys are issued.");

export const createTeamSchema = z.object({
  name: orEmpty(teamName),
  slug: orEmpty(teamSlug),
  // Optional at creation (the team's settings take it later); blank is "not yet".
  useCase: orEmpty(useCaseText).transform((v) => v || null),
});
export const renameTeamSchema = inWorkspace.extend({ name: orEmpty(teamName) });
export const teamUseCaseSchema = inWorkspace.extend({ useCase: orEmpty(teamUseCase) });

const role = z.enum(WORKSPACE_ROLES, { error: "Choose a role: owner, admin, developer or viewer." });

export const stellarAddress = plainText("The address")
  .trim()
  .toUpperCase()
  .refine((v) => StrKey.isValidEd25519PublicKey(v), "Enter a Stellar account address: 56 characters starting with G.");

export const inviteSchema = inWorkspace.extend({ address: orEmpty(stellarAddress), role });
export const invitationIdSchema = z.object({ invitationId: recordId });
export const revokeInvitationSchema = inWorkspace.extend({ invitationId: recordId });
export const memberSchema = inWorkspace.extend({ userId: recordId });
export const changeRoleSchema = memberSchema.extend({ role });
export const deleteTeamSchema = inWorkspace.extend({
  confirm: orEmpty(z.string().trim()),
});

export type TeamField = keyof z.input<typeof createTeamSchema>;
export type InviteField = "address" | "role";

/** Multisig teams: link the team to a Stellar account; sign or complete one of its pending approvals. */
export const linkAccountSchema = inWorkspace.extend({ account: orEmpty(stellarAddress) });
export const approvalIdSchema = inWorkspace.extend({ approvalId: recordId });
export type LinkField = "account";
