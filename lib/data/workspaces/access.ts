import "server-only";
// The one authorization check for workspaces: who the caller is in a workspace, read from
// the database on every request (a removed member loses access on their next request), and
// whether their role allows what they ask (lib/workspaces/permissions.ts). Outside a
// transaction it reads; inside one, `lockMember` locks the workspace's row first, so every
// change to a workspace (its keys, members, approval) is serialized on that row.
import { db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, type WorkspacePermission, type WorkspaceRole } from "@/lib/workspaces/permissions";

type Tx = Prisma.TransactionClient;

export type WorkspaceRef = { id: string } | { slug: string };
export type WorkspaceSummary = { id: string; slug: string; name: string; personal: boolean };
export type Member = { userId: string; role: WorkspaceRole; workspace: WorkspaceSummary };
export type AccessFailure = { ok: false; code: "not_found" | "forbidden"; message: string };
export type Access = { ok: true; member: Member } | AccessFailure;

export const workspaceSummarySelect = { id: true, slug: true, name: true, personal: true } as const;

// A non-member learns nothing, not even that the workspace exists.
export const NO_WORKSPACE: AccessFailure = {
  ok: false,
  code: "not_found",
  message: "That workspace does not exist or you are not a member of it.",
};

const FORBIDDEN: Record<WorkspacePermission, string> = {
  read: "You are not a member of this workspace.",
  "keys.create": "Viewers cannot request keys: ask an admin of this workspace for the developer role.",
  "keys.manage_own": "Viewers cannot change keys: ask an admin of this workspace for the developer role.",
  "keys.manage_all": "Only admins and owners can change keys created by other members.",
  "members.manage": "Only admins and owners of this workspace can manage its members.",
  "audit.read": "Only admins and owners of this workspace can read its audit log.",
  "mainnet.request": "Only admins and owners of this workspace can ask for Mainnet access.",
  "webhooks.manage": "Only admins and owners of this workspace can manage its webhooks.",
  "workspace.rename": "Only admins and owners can rename this workspace.",
  "workspace.delete": "Only owners can delete this workspace.",
  "workspace.transfer": "Only owners can transfer ownership of this workspace.",
  "workspace.link": "Only owners can link this workspace to a Stellar account or unlink it.",
};

export const forbidden = (permission: WorkspacePermission): AccessFailure => ({
  ok: false,
  code: "forbidden",
  message: FORBIDDEN[permission],
});

const refWhere = (ref: WorkspaceRef) => ("id" in ref ? { id: ref.id } : { slug: ref.slug });

/** The caller's membership, re-read on every call (never cached across requests). */
export async function findMember(userId: string, ref: WorkspaceRef, client: Tx = db): Promise<Member | null> {
  const row = await client.membership.findFirst({
    where: { userId, workspace: refWhere(ref) },
    select: { userId: true, role: true, workspace: { select: workspaceSummarySelect } },
  });
  return row;
}

/** The caller's membership when their role allows `permission`; not_found for non-members. */
export async function requireMember(userId: string, ref: WorkspaceRef, permission: WorkspacePermission, client: Tx = db): Promise<Access> {
  const member = await findMember(userId, ref, client);
  if (!member) return NO_WORKSPACE;
  if (!can(member.role, permission)) return forbidden(permission);
  return { ok: true, member };
}

/** `useCase` is the team's own; null on a personal workspace (its owner's profile holds it). */
export type LockedWorkspace = WorkspaceSummary & { mainnetApproved: boolean; useCase: string | null };

/** Locks a workspace's row: every change in the workspace happens under it. */
export async function lockWorkspace(tx: Tx, workspaceId: string): Promise<LockedWorkspace | null> {
  const [row] = await tx.$queryRaw<LockedWorkspace[]>`
    SELECT id, slug, name, personal, "mainnetApproved", "useCase" FROM "Workspace" WHERE id = ${workspaceId} FOR UPDATE`;
  return row ?? null;
}

export type LockedAccess = { ok: true; member: Member; workspace: LockedWorkspace } | AccessFailure;

/**
 * Inside a transaction: locks the workspace's row, then re-reads the caller's membership
 * under the lock, so a role change or removal that committed first is seen.
 */
export async function lockMember(tx: Tx, userId: string, workspaceId: string, permission: WorkspacePermission): Promise<LockedAccess> {
  const workspace = await lockWorkspace(tx, workspaceId);
  if (!workspace) return NO_WORKSPACE;
  const access = await requireMember(userId, { id: workspaceId }, permission, tx);
  return access.ok ? { ...access, workspace } : access;
}

/** Every workspace the user belongs to, personal first, for the switcher. */
export async function listMyWorkspaces(userId: string): Promise<(WorkspaceSummary & { role: WorkspaceRole })[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: workspaceSummarySelect } },
    orderBy: [{ workspace: { personal: "desc" } }, { workspace: { name: "asc" } }],
  });
  return rows.map((r) => ({ ...r.workspace, role: r.role }));
}

/** The user's personal workspace (created at sign-in). */
export async function personalWorkspace(userId: string, client: Tx = db): Promise<WorkspaceSummary | null> {
  return client.workspace.findUnique({ where: { personalOwnerId: userId }, select: workspaceSummarySelect });
}
