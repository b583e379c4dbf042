import "server-only";
// A workspace's members: list, change a role, remove, leave. Each change locks the workspace's
// row, re-reads the caller's membership under it, then locks every membership row of the
// workspace (FOR UPDATE) before counting owners: of two owners demoting or removing each other
// at once, the second sees the first's change and is refused, so a team never loses its last
// owner. A removed member's next request finds no membership (lib/data/workspaces/access.ts).
import { db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/core/result";
import { canChangeMember, mayLeave, ROLE_LABELS, type WorkspaceRole } from "@/lib/workspaces/permissions";
import { audit, type Actor } from "@/lib/data/audit/write";
import { revokeInvitationsBeyond } from "./invitations";
import { lockMember, requireMember, type AccessFailure } from "./access";
import { stepUpGate, type StepUpRequest } from "@/lib/data/step-up/gate";
import { needsStepUp } from "@/lib/wallets/step-up";

type Tx = Prisma.TransactionClient;

export type MemberFailure = AccessFailure["code"] | "last_owner" | "personal" | "not_member" | "step_up_required";

export type MemberView = { userId: string; address: string; name: string | null; role: WorkspaceRole; joinedAt: string };

const refuse = (code: MemberFailure, message: string) => ({ ok: false as const, code, message });
export const LAST_OWNER = refuse(
  "last_owner",
  "A team needs at least one owner: make another member an owner (or transfer ownership) first.",
);
export const PERSONAL = refuse("personal", "Your personal workspace has only you: create a team to work with others.");
const NOT_MEMBER = refuse("not_member", "That person is not a member of this workspace (any more).");

/** The members of a workspace the caller belongs to, owners first. */
export async function listMembers(actorId: string, workspaceId: string): Promise<Result<MemberView[], MemberFailure>> {
  const access = await requireMember(actorId, { id: workspaceId }, "read");
  if (!access.ok) return access;
  const rows = await db.membership.findMany({
    where: { workspaceId },
    select: { userId: true, role: true, createdAt: true, user: { select: { address: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const order = { owner: 0, admin: 1, developer: 2, viewer: 3 } as const;
  return {
    ok: true,
    data: rows
      .map((r) => ({ userId: r.userId, role: r.role, address: r.user.address, name: r.user.name, joinedAt: r.createdAt.toISOString() }))
      .sort((a, b) => order[a.role] - order[b.role]),
  };
}

/** Locks every membership row of the workspace (the workspace's row is already locked) and returns them. */
export async function lockMemberships(tx: Tx, workspaceId: string): Promise<{ userId: string; role: WorkspaceRole }[]> {
  return tx.$queryRaw`SELECT "userId", role::text AS role FROM "Membership" WHERE "workspaceId" = ${workspaceId} ORDER BY id FOR UPDATE`;
}

const owners = (rows: { role: WorkspaceRole }[]) => rows.filter((r) => r.role === "owner").length;
const memberTarget = (userId: string, workspaceId: string) => ({ type: "user" as const, id: userId, workspaceId });

/**
 * Gives a member another role. Owners change anyone (themselves too, while another owner
 * remains); admins change admins, developers and viewers and never make owners.
 */
export function changeRole(
  actor: Actor,
  workspaceId: string,
  userId: string,
  role: WorkspaceRole,
  stepUp?: StepUpRequest,
): Promise<Result<null, MemberFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "members.manage");
    if (!access.ok) return access;
    if (access.workspace.personal) return PERSONAL;
    const rows = await lockMemberships(tx, workspaceId);
    const target = rows.find((r) => r.userId === userId);
    if (!target) return NOT_MEMBER;
    if (!canChangeMember(access.member.role, target.role, role)) {
      return refuse("forbidden", "Only owners can change an owner's role or make someone an owner.");
    }
    if (target.role === role) return { ok: true as const, data: null };
    if (target.role === "owner" && owners(rows) < 2) return LAST_OWNER;
    const signed = needsStepUp({ action: "member.role_change" })
      ? await stepUpGate(
          tx,
          actor,
          {
            action: "member.role_change",
            workspace: { slug: access.workspace.slug, name: access.workspace.name, personal: access.workspace.personal },
            member: (await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { address: true } })).address,
            role: { before: ROLE_LABELS[target.role], after: ROLE_LABELS[role] },
          },
          stepUp,
          undefined,
          { workspaceId, input: { action: "member.role_change", userId, role } },
        )
      : null;
    if (signed && !signed.ok) return signed;
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: { role } });
    await revokeInvitationsBeyond(tx, actor, workspaceId, userId, role);
    await audit(
      tx,
      actor,
      "member.role_change",
      memberTarget(userId, workspaceId),
      {
        before: { role: ROLE_LABELS[target.role] },
        after: { role: ROLE_LABELS[role] },
      },
      signed?.record,
    );
    return { ok: true as const, data: null };
  });
}

/** Removes a member (not oneself: see leaveWorkspace). The keys they created stay with the workspace. */
export function removeMember(actor: Actor, workspaceId: string, userId: string): Promise<Result<null, MemberFailure>> {
  if (userId === actor.id) return leaveWorkspace(actor, workspaceId);
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "members.manage");
    if (!access.ok) return access;
    const rows = await lockMemberships(tx, workspaceId);
    const target = rows.find((r) => r.userId === userId);
    if (!target) return NOT_MEMBER;
    if (!canChangeMember(access.member.role, target.role, null)) return refuse("forbidden", "Only owners can remove an owner.");
    if (target.role === "owner" && owners(rows) < 2) return LAST_OWNER;
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
    await revokeInvitationsBeyond(tx, actor, workspaceId, userId, null);
    await audit(tx, actor, "member.remove", memberTarget(userId, workspaceId), { role: ROLE_LABELS[target.role] });
    return { ok: true as const, data: null };
  });
}

/** The caller leaves a team; its last owner cannot (transfer ownership or delete the team instead). */
export function leaveWorkspace(actor: Actor, workspaceId: string): Promise<Result<null, MemberFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "read");
    if (!access.ok) return access;
    if (access.workspace.personal) return refuse("personal", "You cannot leave your personal workspace.");
    const rows = await lockMemberships(tx, workspaceId);
    if (!mayLeave(access.member.role, owners(rows))) return LAST_OWNER;
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId: actor.id } } });
    await revokeInvitationsBeyond(tx, actor, workspaceId, actor.id, null);
    await audit(tx, actor, "member.leave", memberTarget(actor.id, workspaceId), { role: ROLE_LABELS[access.member.role] });
    return { ok: true as const, data: null };
  });
}
