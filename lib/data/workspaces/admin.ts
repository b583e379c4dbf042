import "server-only";
// The admin console's workspaces: members, keys and Mainnet approval of every workspace. Not
// scoped to one member: every caller must have passed checkAdmin()/requireAdmin() first.
// Approval changes lock the workspace's row (the lock its key changes take) and write their
// audit event with the workspace in the same transaction.
import { db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/core/result";
import { forgetKey } from "@/lib/data/keys/cache";
import type { WorkspaceRole } from "@/lib/workspaces/permissions";
import { audit, type Actor } from "@/lib/data/audit/write";
import { liveKeyWhere } from "@/lib/data/keys/filters";
import { approvePendingRequest } from "@/lib/data/mainnet/requests";
import { pagedQuery, type Page, type PageQuery } from "@/lib/data/sql/paging";
import { lockWorkspace } from "./access";
import { stepUpGate, type StepUpRequest } from "@/lib/data/step-up/gate";
import { approvalSubject } from "@/lib/data/step-up/approval";
import { needsStepUp } from "@/lib/wallets/step-up";

export type AdminWorkspaceView = {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  createdAt: string;
  mainnetApproved: boolean;
  /** A team's own use case (null for a personal workspace, whose owner's profile holds it, or a team without one). */
  useCase: string | null;
  keyCount: number;
  liveKeyCount: number;
  members: { userId: string; address: string; name: string | null; role: WorkspaceRole }[];
  mainnetRequest: { id: string; justification: string; createdAt: string } | null;
};

type Tx = Prisma.TransactionClient;

const MEMBERS_SHOWN = 20;

/**
 * Withdrawing Mainnet approval stops Mainnet: inside the admin's transaction (the workspace's
 * row already locked), every live Mainnet key of the workspace without a hold gets one from
 * that admin, one audit event each. Members' switches are left as they are; approving again
 * leaves the holds. Returns the keys' ids for the caller to evict from the cache after commit.
 */
export async function holdMainnetKeys(tx: Tx, actor: Actor, workspaceId: string, now: Date): Promise<string[]> {
  const keys = await tx.apiKey.findMany({
    where: { workspaceId, network: "mainnet", heldAt: null, ...liveKeyWhere(now) },
    select: { id: true },
  });
  const reason = "Mainnet approval withdrawn";
  for (const { id } of keys) {
    await tx.apiKey.update({ where: { id }, data: { heldAt: now, heldById: actor.id, heldReason: reason } });
    await audit(tx, actor, "admin.key.disable", { type: "api_key", id, workspaceId }, { reason });
  }
  return keys.map((k) => k.id);
}

export async function listWorkspaces(query: PageQuery & { q?: string; teams?: boolean }): Promise<Page<AdminWorkspaceView>> {
  const where: Prisma.WorkspaceWhereInput = {
    AND: [
      query.q
        ? {
            OR: [
              { slug: { startsWith: query.q.toLowerCase() } },
              { name: { contains: query.q, mode: "insensitive" } },
              { memberships: { some: { user: { address: { startsWith: query.q.toUpperCase() } } } } },
            ],
          }
        : {},
      query.teams ? { personal: false } : {},
    ],
  };
  const now = new Date();
  return pagedQuery(
    query,
    async (window) => {
      const rows = await db.workspace.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
        select: {
          id: true,
          slug: true,
          name: true,
          personal: true,
          createdAt: true,
          mainnetApproved: true,
          useCase: true,
          _count: { select: { apiKeys: true } },
          memberships: {
            select: { userId: true, role: true, user: { select: { address: true, name: true } } },
            orderBy: { createdAt: "asc" },
            take: MEMBERS_SHOWN,
          },
          mainnetRequests: { where: { status: "pending" }, select: { id: true, justification: true, createdAt: true }, take: 1 },
        },
      });
      const live = await db.apiKey.groupBy({
        by: ["workspaceId"],
        where: { workspaceId: { in: rows.map((r) => r.id) }, ...liveKeyWhere(now) },
        _count: true,
      });
      const liveBy = new Map(live.map((l) => [l.workspaceId, l._count]));
      return rows.map((r) => ({ ...r, live: liveBy.get(r.id) ?? 0 }));
    },
    () => db.workspace.count({ where }),
    ({ _count, createdAt, memberships, mainnetRequests: [pending], live, ...w }) => ({
      ...w,
      createdAt: createdAt.toISOString(),
      keyCount: _count.apiKeys,
      liveKeyCount: live,
      members: memberships.map((m) => ({ userId: m.userId, role: m.role, address: m.user.address, name: m.user.name })),
      mainnetRequest: pending ? { ...pending, createdAt: pending.createdAt.toISOString() } : null,
    }),
  );
}

export type ApprovalFailure = "not_found" | "member" | "step_up_required";

/**
 * Approves a workspace for Mainnet, or withdraws it: withdrawal holds its live Mainnet keys in
 * the same transaction; approval also approves its pending request, if any. An admin cannot
 * decide for a workspace they belong to (their personal one included): another admin must.
 */
export async function setWorkspaceMainnetApproval(
  actor: Actor,
  workspaceId: string,
  approved: boolean,
  stepUp?: StepUpRequest,
): Promise<Result<{ keysDisabled: number }, ApprovalFailure>> {
  let disabled: string[] = [];
  const result = await db.$transaction(async (tx): Promise<Result<{ keysDisabled: number }, ApprovalFailure>> => {
    const workspace = await lockWorkspace(tx, workspaceId);
    if (!workspace) return { ok: false, code: "not_found", message: "That workspace does not exist." };
    const member = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId: actor.id } },
      select: { id: true },
    });
    if (member)
      return { ok: false, code: "member", message: "You cannot change the Mainnet approval of your own workspace: ask another admin." };
    if (workspace.mainnetApproved === approved) return { ok: true, data: { keysDisabled: 0 } };
    const now = new Date();
    // Approving lets Mainnet keys exist at all: the admin's wallet signs it. Withdrawing only stops them.
    const signed =
      approved && needsStepUp({ action: "admin.mainnet_approve" })
        ? await stepUpGate(tx, actor, await approvalSubject(tx, workspace), stepUp, now)
        : null;
    if (signed && !signed.ok) return signed;
    await tx.workspace.update({ where: { id: workspaceId }, data: { mainnetApproved: approved } });
    let requestId: string | null = null;
    if (!approved) disabled = await holdMainnetKeys(tx, actor, workspaceId, now);
    else requestId = await approvePendingRequest(tx, actor, workspaceId, now);
    // The request it approved, if any: that approval's webhook and e-mail tell the workspace, the switch's do not.
    const details = approved ? (requestId ? { requestId } : undefined) : { keysDisabled: disabled.length };
    const personal = workspace.personal
      ? await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { personalOwnerId: true } })
      : null;
    // A personal workspace's approval reads as its owner's, as it always has in the log.
    if (personal?.personalOwnerId) {
      await audit(
        tx,
        actor,
        approved ? "admin.user.mainnet_approve" : "admin.user.mainnet_unapprove",
        { type: "user", id: personal.personalOwnerId, workspaceId },
        details,
        signed?.record,
      );
    } else {
      await audit(
        tx,
        actor,
        approved ? "admin.workspace.mainnet_approve" : "admin.workspace.mainnet_unapprove",
        { type: "workspace", id: workspaceId, workspaceId },
        details,
        signed?.record,
      );
    }
    return { ok: true, data: { keysDisabled: disabled.length } };
  });
  disabled.forEach(forgetKey);
  return result;
}
