import "server-only";
import { pagedQuery, type Page, type PageQuery } from "@/lib/data/sql/paging";
// The admin console's users: approval for Mainnet, the admin role and suspension. Not
// scoped to one user: every caller must have passed checkAdmin()/requireAdmin() first.
// Each change locks the user's row, refuses an admin's change to their own account, and
// writes its audit event in the same transaction.
import { db } from "@/lib/database/client";
import { isAdminAddress } from "@/lib/core/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/core/result";
import { forgetKey } from "@/lib/data/keys/cache";
import { audit, type Actor } from "@/lib/data/audit/write";
import { setWorkspaceMainnetApproval } from "@/lib/data/workspaces/admin";
import { stepUpGate, type StepUpRequest } from "@/lib/data/step-up/gate";
import { needsStepUp } from "@/lib/wallets/step-up";
import { lockUser } from "./lock";
import { endAllSessions } from "@/lib/data/sign-in/sessions";

export type AdminUserView = {
  id: string;
  address: string;
  name: string | null;
  email: string | null;
  useCase: string | null;
  createdAt: string;
  keyCount: number;
  mainnetApproved: boolean;
  role: "user" | "admin";
  /** Listed in ADMIN_ADDRESSES: an admin by configuration, which no switch can change. */
  configuredAdmin: boolean;
  suspendedAt: string | null;
  suspendedReason: string | null;
  /** Their Mainnet request waiting for a decision, if any. */
  mainnetRequest: { id: string; justification: string; createdAt: string } | null;
};

export async function listUsers(query: PageQuery & { q?: string; mainnet?: "pending" }): Promise<Page<AdminUserView>> {
  const where: Prisma.UserWhereInput = {
    AND: [
      query.q
        ? {
            OR: [
              { address: { startsWith: query.q.toUpperCase() } },
              { name: { contains: query.q, mode: "insensitive" } },
              { email: { contains: query.q, mode: "insensitive" } },
            ],
          }
        : {},
      query.mainnet === "pending" ? { personalWorkspace: { mainnetRequests: { some: { status: "pending" } } } } : {},
    ],
  };
  return pagedQuery(
    query,
    (window) =>
      db.user.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
        select: {
          id: true,
          address: true,
          name: true,
          email: true,
          useCase: true,
          createdAt: true,
          role: true,
          suspendedAt: true,
          suspendedReason: true,
          _count: { select: { apiKeys: true } },
          // Approval and requests belong to workspaces: this table shows the user's personal one.
          personalWorkspace: {
            select: {
              mainnetApproved: true,
              mainnetRequests: { where: { status: "pending" }, select: { id: true, justification: true, createdAt: true }, take: 1 },
            },
          },
        },
      }),
    () => db.user.count({ where }),
    ({ _count, createdAt, suspendedAt, personalWorkspace, ...u }) => {
      const pending = personalWorkspace?.mainnetRequests[0];
      return {
        ...u,
        mainnetApproved: !!personalWorkspace?.mainnetApproved,
        createdAt: createdAt.toISOString(),
        suspendedAt: suspendedAt?.toISOString() ?? null,
        keyCount: _count.apiKeys,
        configuredAdmin: isAdminAddress(u.address),
        mainnetRequest: pending ? { ...pending, createdAt: pending.createdAt.toISOString() } : null,
      };
    },
  );
}

export type UserChange = { keysDisabled?: number; sessionsEnded?: number };
export type UserChangeFailure = "not_found" | "self" | "configured_admin" | "step_up_required";

const NOT_FOUND = { ok: false as const, code: "not_found" as const, message: "That user does not exist." };

/**
 * One admin change to one user, with the user's row locked. Admins cannot change their own
 * account with any admin switch. `after` runs once the transaction has committed.
 */
async function changeUser(
  actor: Actor,
  userId: string,
  what: string,
  change: (
    tx: Prisma.TransactionClient,
    user: { address: string; role: "user" | "admin" },
    now: Date,
  ) => Promise<Result<UserChange, UserChangeFailure>>,
): Promise<Result<UserChange, UserChangeFailure>> {
  if (userId === actor.id) return { ok: false, code: "self", message: `You cannot change your own ${what}: ask another admin.` };
  return db.$transaction(async (tx) => {
    if (!(await lockUser(tx, userId))) return NOT_FOUND;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { address: true, role: true } });
    return change(tx, user, new Date());
  });
}

const userTarget = (id: string) => ({ type: "user" as const, id });

/**
 * Approves a user's personal workspace for Mainnet, or withdraws it (the Users table's
 * switch): see setWorkspaceMainnetApproval. Teams are approved from the Workspaces table.
 */
export async function setMainnetApproval(
  actor: Actor,
  userId: string,
  approved: boolean,
  stepUp?: StepUpRequest,
): Promise<Result<UserChange, UserChangeFailure>> {
  if (userId === actor.id) return { ok: false, code: "self", message: "You cannot change your own Mainnet approval: ask another admin." };
  const workspace = await db.workspace.findUnique({ where: { personalOwnerId: userId }, select: { id: true } });
  if (!workspace) return NOT_FOUND;
  const result = await setWorkspaceMainnetApproval(actor, workspace.id, approved, stepUp);
  // A step-up refusal passes on whole: the browser needs the receipt it carries.
  if (result.ok || result.code === "step_up_required") return result as Result<UserChange, UserChangeFailure>;
  return { ok: false, code: result.code === "member" ? "self" : result.code, message: result.message };
}

/**
 * Grants or revokes the site admin role. Granting hands over every switch of the console, so the
 * granting admin's wallet signs it (step-up, as for a Mainnet approval); revoking needs none.
 */
export function setAdminRole(
  actor: Actor,
  userId: string,
  admin: boolean,
  stepUp?: StepUpRequest,
): Promise<Result<UserChange, UserChangeFailure>> {
  return changeUser(actor, userId, "admin role", async (tx, user, now) => {
    if (isAdminAddress(user.address)) {
      return {
        ok: false,
        code: "configured_admin",
        message: "This address is an admin by configuration (ADMIN_ADDRESSES): change it there.",
      };
    }
    const role = admin ? "admin" : "user";
    if (user.role !== role) {
      const signed =
        admin && needsStepUp({ action: "admin.role_grant" })
          ? await stepUpGate(tx, actor, { action: "admin.role_grant", user: user.address }, stepUp, now)
          : null;
      if (signed && !signed.ok) return signed;
      await tx.user.update({ where: { id: userId }, data: { role } });
      await audit(tx, actor, admin ? "admin.user.role_grant" : "admin.user.role_revoke", userTarget(userId), undefined, signed?.record);
    }
    return { ok: true, data: {} };
  });
}

/**
 * Suspends a user (with a reason) or lifts it. Suspension ends their sessions now and
 * refuses sign-in; their keys answer 401 because the key check reads the owner's
 * suspension, which also means lifting it restores every key's previous state untouched.
 */
export async function setSuspended(
  actor: Actor,
  userId: string,
  suspended: boolean,
  reason: string | null,
): Promise<Result<UserChange, UserChangeFailure>> {
  let keyIds: string[] = [];
  const result = await changeUser(actor, userId, "suspension", async (tx, user, now) => {
    if (suspended && isAdminAddress(user.address)) {
      return {
        ok: false,
        code: "configured_admin",
        message: "This address is an admin by configuration (ADMIN_ADDRESSES): remove it there before suspending it.",
      };
    }
    const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { suspendedAt: true } });
    if (!!current.suspendedAt === suspended) return { ok: true, data: {} };
    await tx.user.update({
      where: { id: userId },
      data: suspended
        ? { suspendedAt: now, suspendedReason: reason, suspendedById: actor.id }
        : { suspendedAt: null, suspendedReason: null, suspendedById: null },
    });
    const sessionsEnded = suspended ? await endAllSessions(userId, "suspended", tx) : 0;
    // The keys they created (in any workspace) answer 401 while they are suspended.
    keyIds = (await tx.apiKey.findMany({ where: { createdById: userId }, select: { id: true } })).map((k) => k.id);
    await audit(
      tx,
      actor,
      suspended ? "admin.user.suspend" : "admin.user.unsuspend",
      userTarget(userId),
      suspended ? { reason, sessionsEnded } : undefined,
    );
    return { ok: true, data: { sessionsEnded } };
  });
  keyIds.forEach(forgetKey);
  return result;
}
