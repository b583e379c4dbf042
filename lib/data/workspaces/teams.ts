import "server-only";
// Teams: create, rename, transfer ownership, delete. Each change locks the workspace's row and
// re-reads the caller's role under it (./access.ts), and writes its audit event with
// the workspace in the same transaction.
import { db } from "@/lib/database/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/core/result";
import { forgetKey } from "@/lib/data/keys/cache";
import { audit, type Actor } from "@/lib/data/audit/write";
import { revokeInvitationsBeyond } from "./invitations";
import { liveKeyWhere } from "@/lib/data/keys/filters";
import { lockMemberships, PERSONAL, type MemberFailure } from "./members";
import { lockMember, type WorkspaceSummary } from "./access";

/** The most teams one person may own: creation is free, so it is bounded. */
export const MAX_OWNED_TEAMS = 20;

export type TeamFailure = "slug_taken" | "too_many_teams" | "has_live_keys" | "confirm" | "not_member";

const workspaceTarget = (id: string) => ({ type: "workspace" as const, id, workspaceId: id });
const select = { id: true, slug: true, name: true, personal: true } as const;

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** Creates a team; its creator becomes its owner. */
export async function createTeam(
  actor: Actor,
  input: { name: string; slug: string; useCase?: string | null },
): Promise<Result<WorkspaceSummary, TeamFailure | MemberFailure>> {
  try {
    return await db.$transaction(async (tx) => {
      // Under the creator's row lock, so parallel creations cannot pass the bound together.
      await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${actor.id} FOR UPDATE`;
      const owned = await tx.membership.count({ where: { userId: actor.id, role: "owner", workspace: { personal: false } } });
      if (owned >= MAX_OWNED_TEAMS) {
        return { ok: false as const, code: "too_many_teams", message: `You own ${owned} teams, the most allowed. Delete one first.` };
      }
      const team = await tx.workspace.create({
        data: {
          name: input.name,
          slug: input.slug,
          useCase: input.useCase ?? null,
          memberships: { create: { userId: actor.id, role: "owner" } },
        },
        select,
      });
      await audit(tx, actor, "workspace.create", workspaceTarget(team.id), {
        name: team.name,
        slug: team.slug,
        useCase: input.useCase ?? null,
      });
      return { ok: true as const, data: team };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, code: "slug_taken", message: `The URL name "${input.slug}" is taken: choose another.` };
    }
    throw error;
  }
}

export function renameTeam(
  actor: Actor,
  workspaceId: string,
  name: string,
): Promise<Result<WorkspaceSummary, TeamFailure | MemberFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "workspace.rename");
    if (!access.ok) return access;
    if (access.workspace.personal) return { ok: false as const, code: "personal", message: "Your personal workspace keeps its name." };
    const team = await tx.workspace.update({ where: { id: workspaceId }, data: { name }, select });
    if (access.workspace.name !== name) {
      await audit(tx, actor, "workspace.rename", workspaceTarget(workspaceId), {
        before: { name: access.workspace.name },
        after: { name },
      });
    }
    return { ok: true as const, data: team };
  });
}

/** A team's use case, for its settings page (the caller's membership is checked by the page). */
export async function teamUseCase(workspaceId: string): Promise<string | null> {
  return (await db.workspace.findUnique({ where: { id: workspaceId }, select: { useCase: true } }))?.useCase ?? null;
}

/** Sets what a team builds (owners and admins): its keys are issued once it is set. */
export function setTeamUseCase(actor: Actor, workspaceId: string, useCase: string): Promise<Result<null, TeamFailure | MemberFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "workspace.rename");
    if (!access.ok) return access;
    if (access.workspace.personal) {
      return { ok: false as const, code: "personal", message: "Your personal workspace uses the use case in your profile." };
    }
    if (access.workspace.useCase === useCase) return { ok: true as const, data: null };
    await tx.workspace.update({ where: { id: workspaceId }, data: { useCase } });
    await audit(tx, actor, "workspace.use_case", workspaceTarget(workspaceId), {
      before: { useCase: access.workspace.useCase },
      after: { useCase },
    });
    return { ok: true as const, data: null };
  });
}

/** Makes another member the owner; the caller stays on as an admin. */
export function transferOwnership(actor: Actor, workspaceId: string, toUserId: string): Promise<Result<null, MemberFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "workspace.transfer");
    if (!access.ok) return access;
    if (access.workspace.personal) return PERSONAL;
    const rows = await lockMemberships(tx, workspaceId);
    const target = rows.find((r) => r.userId === toUserId);
    if (!target || toUserId === actor.id) {
      return { ok: false as const, code: "not_member" as const, message: "Choose another member of this team to hand it to." };
    }
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId, userId: toUserId } }, data: { role: "owner" } });
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId, userId: actor.id } }, data: { role: "admin" } });
    await revokeInvitationsBeyond(tx, actor, workspaceId, actor.id, "admin");
    await audit(tx, actor, "workspace.transfer", { type: "user", id: toUserId, workspaceId }, { from: actor.address });
    return { ok: true as const, data: null };
  });
}

/**
 * Deletes a team with its members, invitations and finished keys. Refused while any key still
 * works (revoke them first: integrations should not stop by surprise). `confirm` must be the
 * team's URL name. The audit events stay (they name the workspace by id).
 */
export async function deleteTeam(actor: Actor, workspaceId: string, confirm: string): Promise<Result<null, TeamFailure | MemberFailure>> {
  let keyIds: string[] = [];
  const result = await db.$transaction(async (tx): Promise<Result<null, TeamFailure | MemberFailure>> => {
    const access = await lockMember(tx, actor.id, workspaceId, "workspace.delete");
    if (!access.ok) return access;
    if (access.workspace.personal) return { ok: false, code: "personal", message: "Your personal workspace cannot be deleted." };
    if (confirm !== access.workspace.slug) {
      return { ok: false, code: "confirm", message: `Type the team's URL name, ${access.workspace.slug}, to confirm.` };
    }
    await lockMemberships(tx, workspaceId);
    const live = await tx.apiKey.count({ where: { workspaceId, ...liveKeyWhere(new Date()) } });
    if (live > 0) {
      return {
        ok: false,
        code: "has_live_keys",
        message: `This team has ${live} live ${live === 1 ? "key" : "keys"}: revoke ${live === 1 ? "it" : "them"} first.`,
      };
    }
    keyIds = (await tx.apiKey.findMany({ where: { workspaceId }, select: { id: true } })).map((k) => k.id);
    await audit(tx, actor, "workspace.delete", workspaceTarget(workspaceId), { name: access.workspace.name, slug: access.workspace.slug });
    await tx.workspace.delete({ where: { id: workspaceId } });
    return { ok: true, data: null };
  });
  keyIds.forEach(forgetKey);
  return result;
}
