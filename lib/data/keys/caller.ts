import "server-only";
// Who is changing a key, as the key rules need them: their role in the key's workspace and
// their use case and suspension, read with the workspace's row locked (./lifecycle.ts).
import type { Prisma } from "@/lib/generated/prisma/client";
import { workspaceUseCase, type KeyOwner } from "@/lib/keys/lifecycle";
import { can, type WorkspacePermission, type WorkspaceRole } from "@/lib/workspaces/permissions";
import { forbidden, lockWorkspace, NO_WORKSPACE, type LockedWorkspace } from "@/lib/data/workspaces/access";

type Tx = Prisma.TransactionClient;

export type Caller = {
  role: WorkspaceRole | null;
  useCase: string | null;
  suspendedAt: Date | null;
  /** For the DTO of a key they create (its creator), without another query. */
  address: string;
  name: string | null;
  /** The workspace's live keys (the cap's count), read in the same statement. */
  live: number;
};

/**
 * With the workspace's row locked: the caller's role in it and the rules' view of them (use
 * case, suspension), in one round trip (every transition holds a pooled connection while it
 * works). A fresh statement after the lock, so a membership change that committed first is
 * seen; the user's row under a share lock, so a suspension that committed first is too.
 */
export async function callerRules(tx: Tx, userId: string, workspaceId: string, now = new Date()): Promise<Caller | null> {
  // `live` is liveKeyWhere (./filters.ts) in SQL: not revoked, not expired.
  const [row] = await tx.$queryRaw<Caller[]>`
    SELECT m.role::text AS role, u."useCase", u."suspendedAt", u.address, u.name,
      (SELECT count(*)::int FROM "ApiKey" k WHERE k."workspaceId" = ${workspaceId} AND k."revokedAt" IS NULL
         AND (k."expiresAt" IS NULL OR k."expiresAt" > ${now})) AS live
    FROM "User" u
    LEFT JOIN "Membership" m ON m."workspaceId" = ${workspaceId} AND m."userId" = u.id
    WHERE u.id = ${userId} FOR SHARE OF u`;
  return row ?? null;
}

/** A team key needs the team's use case; a personal key its owner's (the profile's). */
export const ownerOf = (c: Caller, workspace: LockedWorkspace): KeyOwner => ({
  ...workspaceUseCase(workspace, c.useCase),
  suspendedAt: c.suspendedAt,
  mainnetApproved: workspace.mainnetApproved,
});

/** Locks the workspace and checks the caller's role there for `permission`. */
export async function lockCaller(tx: Tx, userId: string, workspaceId: string, permission: WorkspacePermission, now = new Date()) {
  const workspace = await lockWorkspace(tx, workspaceId);
  const caller = workspace && (await callerRules(tx, userId, workspaceId, now));
  if (!workspace || !caller?.role) return NO_WORKSPACE;
  if (!can(caller.role, permission)) return forbidden(permission);
  return { ok: true as const, workspace, role: caller.role, owner: ownerOf(caller, workspace), caller };
}
