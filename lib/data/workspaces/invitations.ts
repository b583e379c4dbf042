import "server-only";
// Invitations by Stellar address. Owners and admins invite (admins never as owner); only the
// invited address, signed in, sees, accepts or declines it; it can be revoked and ends after
// INVITATION_DAYS. Every change locks the workspace's row (the lock membership changes take),
// then the invitation's row, and re-checks the rules under them: an invitation is used once.
// An invitation is only as good as its sender's right to send it: when the sender leaves, is
// removed or loses the role it needed, it is revoked in the same transaction, and accepting
// re-checks the sender's current role all the same.
import { db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/core/result";
import { canChangeMember, INVITATION_TTL_MS, invitableRoles, ROLE_LABELS, type WorkspaceRole } from "@/lib/workspaces/permissions";
import { audit, type Actor } from "@/lib/data/audit/write";
import { lockMember, lockWorkspace, requireMember, type AccessFailure, type WorkspaceSummary } from "./access";

type Tx = Prisma.TransactionClient;

/** Pending invitations one workspace may hold at once. */
export const MAX_PENDING_INVITATIONS = 50;

export type InvitationFailure = AccessFailure["code"] | "personal" | "already_member" | "already_invited" | "too_many" | "not_pending";

export type InvitationView = {
  id: string;
  address: string;
  role: WorkspaceRole;
  createdAt: string;
  expiresAt: string;
  invitedBy: { address: string; name: string | null };
};
export type MyInvitationView = InvitationView & { workspace: WorkspaceSummary };

const refuse = (code: InvitationFailure, message: string) => ({ ok: false as const, code, message });
// The same answer for an invitation that does not exist, is someone else's, or has ended.
const GONE = refuse("not_pending", "This invitation is no longer open: it was accepted, declined, revoked, or it expired.");

const pendingWhere = (now: Date) => ({ acceptedAt: null, declinedAt: null, revokedAt: null, expiresAt: { gt: now } });
const invitationSelect = {
  id: true,
  address: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  invitedBy: { select: { address: true, name: true } },
} as const;
type Row = Prisma.InvitationGetPayload<{ select: typeof invitationSelect }>;
const toView = (r: Row): InvitationView => ({ ...r, createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString() });
const invitationTarget = (id: string, workspaceId: string) => ({ type: "invitation" as const, id, workspaceId });

/** Invites an address with a role. */
export function invite(
  actor: Actor,
  workspaceId: string,
  address: string,
  role: WorkspaceRole,
): Promise<Result<InvitationView, InvitationFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "members.manage");
    if (!access.ok) return access;
    if (access.workspace.personal) return refuse("personal", "Your personal workspace has only you: create a team to invite people.");
    if (!invitableRoles(access.member.role).includes(role)) return refuse("forbidden", "Only owners can invite someone as an owner.");
    const now = new Date();
    if (await tx.membership.findFirst({ where: { workspaceId, user: { address } }, select: { id: true } })) {
      return refuse("already_member", "That address is already a member of this team.");
    }
    if (await tx.invitation.findFirst({ where: { workspaceId, address, ...pendingWhere(now) }, select: { id: true } })) {
      return refuse("already_invited", "That address already has an open invitation: revoke it to send another.");
    }
    if ((await tx.invitation.count({ where: { workspaceId, ...pendingWhere(now) } })) >= MAX_PENDING_INVITATIONS) {
      return refuse("too_many", `This team has ${MAX_PENDING_INVITATIONS} open invitations, the most allowed: revoke some first.`);
    }
    const created = await tx.invitation.create({
      data: { workspaceId, address, role, invitedById: actor.id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
      select: invitationSelect,
    });
    await audit(tx, actor, "member.invite", invitationTarget(created.id, workspaceId), { address, role: ROLE_LABELS[role] });
    return { ok: true as const, data: toView(created) };
  });
}

/** Locks an open invitation of this workspace, or null. */
async function lockOpen(tx: Tx, invitationId: string, workspaceId: string, now: Date) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Invitation" WHERE id = ${invitationId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  if (!row) return null;
  return tx.invitation.findFirst({
    where: { id: invitationId, ...pendingWhere(now) },
    select: { id: true, address: true, role: true, invitedById: true },
  });
}

/** Whether a member with `senderRole` (null: no longer a member) may still stand behind an invitation as `role`. */
const senderMaySend = (senderRole: WorkspaceRole | null, role: WorkspaceRole) => !!senderRole && invitableRoles(senderRole).includes(role);

/**
 * Revokes the open invitations `senderId` sent in the workspace that their new role (null: they
 * are no longer a member) does not let them send. Runs in the transaction that changes their
 * membership, under the workspace's lock; `actor` is whoever made that change.
 */
export async function revokeInvitationsBeyond(
  tx: Tx,
  actor: Actor,
  workspaceId: string,
  senderId: string,
  senderRole: WorkspaceRole | null,
): Promise<void> {
  const now = new Date();
  const open = await tx.invitation.findMany({
    where: { workspaceId, invitedById: senderId, ...pendingWhere(now) },
    select: { id: true, address: true, role: true },
  });
  for (const invitation of open.filter((i) => !senderMaySend(senderRole, i.role))) {
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
    await audit(tx, actor, "member.invite_revoke", invitationTarget(invitation.id, workspaceId), {
      address: invitation.address,
      reason: senderRole ? "Its sender's role no longer allows it" : "Its sender left the team",
    });
  }
}

export function revokeInvitation(actor: Actor, workspaceId: string, invitationId: string): Promise<Result<null, InvitationFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "members.manage");
    if (!access.ok) return access;
    const now = new Date();
    const open = await lockOpen(tx, invitationId, workspaceId, now);
    if (!open) return GONE;
    if (!canChangeMember(access.member.role, open.role, null)) return refuse("forbidden", "Only owners can revoke an owner's invitation.");
    await tx.invitation.update({ where: { id: open.id }, data: { revokedAt: now } });
    await audit(tx, actor, "member.invite_revoke", invitationTarget(open.id, workspaceId), { address: open.address });
    return { ok: true as const, data: null };
  });
}

/**
 * The invited address answers. Only that address reaches the invitation (anyone else, or an
 * ended invitation, reads as "no longer open"); accepting makes them a member with its role.
 */
export async function answerInvitation(
  actor: Actor,
  invitationId: string,
  answer: "accept" | "decline",
): Promise<Result<WorkspaceSummary, InvitationFailure>> {
  const found = await db.invitation.findUnique({ where: { id: invitationId }, select: { workspaceId: true, address: true } });
  if (!found || found.address !== actor.address) return GONE;
  return db.$transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, found.workspaceId);
    const now = new Date();
    const open = workspace && (await lockOpen(tx, invitationId, workspace.id, now));
    if (!workspace || !open || open.address !== actor.address) return GONE;
    const summary = { id: workspace.id, slug: workspace.slug, name: workspace.name, personal: workspace.personal };
    if (answer === "decline") {
      await tx.invitation.update({ where: { id: open.id }, data: { declinedAt: now } });
      await audit(tx, actor, "member.invite_decline", invitationTarget(open.id, workspace.id));
      return { ok: true as const, data: summary };
    }
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: actor.id } },
      select: { id: true },
    });
    if (existing) return refuse("already_member", "You are already a member of this team.");
    const sender = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: open.invitedById } },
      select: { role: true },
    });
    if (!senderMaySend(sender?.role ?? null, open.role)) {
      // Revoked for good (committed with this answer): the invitation cannot be accepted later either.
      await tx.invitation.update({ where: { id: open.id }, data: { revokedAt: now } });
      await audit(tx, actor, "member.invite_revoke", invitationTarget(open.id, workspace.id), {
        address: open.address,
        reason: sender ? "Its sender's role no longer allows it" : "Its sender left the team",
      });
      return refuse(
        "not_pending",
        `This invitation is no longer valid: the person who sent it can no longer invite you as ${ROLE_LABELS[open.role]}. Ask an owner or admin of the team to invite you again.`,
      );
    }
    await tx.membership.create({ data: { workspaceId: workspace.id, userId: actor.id, role: open.role } });
    await tx.invitation.update({ where: { id: open.id }, data: { acceptedAt: now } });
    await audit(tx, actor, "member.invite_accept", invitationTarget(open.id, workspace.id), { role: ROLE_LABELS[open.role] });
    return { ok: true as const, data: summary };
  });
}

/** A team's open invitations, for its members page (members only). */
export async function listInvitations(actorId: string, workspaceId: string): Promise<Result<InvitationView[], InvitationFailure>> {
  const access = await requireMember(actorId, { id: workspaceId }, "read");
  if (!access.ok) return access;
  const rows = await db.invitation.findMany({
    where: { workspaceId, ...pendingWhere(new Date()) },
    select: invitationSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return { ok: true, data: rows.map(toView) };
}

/** The open invitations addressed to the signed-in user. */
export async function listMyInvitations(address: string): Promise<MyInvitationView[]> {
  const rows = await db.invitation.findMany({
    where: { address, ...pendingWhere(new Date()) },
    select: { ...invitationSelect, workspace: { select: { id: true, slug: true, name: true, personal: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(({ workspace, ...r }) => ({ ...toView(r), workspace }));
}
