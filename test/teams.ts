// Teams for tests, made through the real data layer: created, invited and accepted as people do.
import { randomBytes } from "node:crypto";
import { answerInvitation, invite } from "@/lib/data/workspaces/invitations";
import { createTeam, setTeamUseCase } from "@/lib/data/workspaces/teams";
import type { WorkspaceRole } from "@/lib/workspaces/permissions";
import { makeUser, type TestUser } from "./factories";

/** `user` joins `workspaceId` as `role`, invited by `by`. */
export async function join(by: TestUser, workspaceId: string, user: TestUser, role: WorkspaceRole) {
  const sent = await invite(by, workspaceId, user.address, role);
  if (!sent.ok) throw new Error(`invite: ${sent.code}`);
  const accepted = await answerInvitation(user, sent.data.id, "accept");
  if (!accepted.ok) throw new Error(`accept: ${accepted.code}`);
}

export type TestTeam = { id: string; slug: string; owner: TestUser } & Record<WorkspaceRole, TestUser>;

/** A team with one member of each role (the owner made it), with a use case unless `useCase: null`. */
export async function makeTeam(opts: { owner?: TestUser; useCase?: string | null } = {}): Promise<TestTeam> {
  const owner = opts.owner ?? (await makeUser());
  const slug = `team-${randomBytes(5).toString("hex")}`;
  const made = await createTeam(owner, { name: `Team ${slug}`, slug });
  if (!made.ok) throw new Error(`createTeam: ${made.code}`);
  const useCase = opts.useCase === undefined ? "Escrow payouts for the team's marketplace" : opts.useCase;
  if (useCase !== null) await setTeamUseCase(owner, made.data.id, useCase);
  const [admin, developer, viewer] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  await join(owner, made.data.id, admin, "admin");
  await join(owner, made.data.id, developer, "developer");
  await join(owner, made.data.id, viewer, "viewer");
  return { id: made.data.id, slug, owner, admin, developer, viewer };
}
