// Who may do what in a workspace. Pure (no database): the data layer asks it before every
// change (lib/data/workspaces/access.ts) and screens ask it what to offer, so they agree.

export const WORKSPACE_ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const ROLE_LABELS: Record<WorkspaceRole, string> = {
  owner: "Owner",
  admin: "Admin",
  developer: "Developer",
  viewer: "Viewer",
};

/**
 * - `read`: see the workspace, its keys and members.
 * - `keys.create`: request keys (and ask for Mainnet).
 * - `keys.manage_own`: enable, disable, edit, rotate, revoke the keys one created.
 * - `keys.manage_all`: the same on every key of the workspace.
 * - `members.manage`: invite, revoke invitations, change roles, remove members (owners are
 *   changed only by owners: see `canChangeMember`).
 * - `audit.read`: the workspace's audit log.
 * - `mainnet.request`: ask the site admins to approve the workspace for Mainnet.
 * - `webhooks.manage`: the workspace's webhook endpoints (add, change, rotate, test, redeliver).
 * - `workspace.rename`; `workspace.delete`, `workspace.transfer` and `workspace.link` (linking the team to a
 *   Stellar account for multisig approvals, or unlinking it) (owners only).
 */
export type WorkspacePermission =
  | "read"
  | "keys.create"
  | "keys.manage_own"
  | "keys.manage_all"
  | "members.manage"
  | "audit.read"
  | "mainnet.request"
  | "webhooks.manage"
  | "workspace.rename"
  | "workspace.delete"
  | "workspace.transfer"
  | "workspace.link";

const PERMISSIONS: Record<WorkspaceRole, readonly WorkspacePermission[]> = {
  owner: [
    "read",
    "keys.create",
    "keys.manage_own",
    "keys.manage_all",
    "members.manage",
    "audit.read",
    "mainnet.request",
    "webhooks.manage",
    "workspace.rename",
    "workspace.delete",
    "workspace.transfer",
    "workspace.link",
  ],
  admin: [
    "read",
    "keys.create",
    "keys.manage_own",
    "keys.manage_all",
    "members.manage",
    "audit.read",
    "mainnet.request",
    "webhooks.manage",
    "workspace.rename",
  ],
  developer: ["read", "keys.create", "keys.manage_own"],
  viewer: ["read"],
};

export function can(role: WorkspaceRole, permission: WorkspacePermission): boolean {
  return PERMISSIONS[role].includes(permission);
}

/** Whether a member may change the key: admins and owners any key, developers the keys they created. */
export function canManageKey(role: WorkspaceRole, userId: string, key: { createdById: string }): boolean {
  return can(role, "keys.manage_all") || (can(role, "keys.manage_own") && key.createdById === userId);
}

/**
 * Whether `actor` may give `target` the role `to` (or remove them, `to` = null). Only owners
 * touch owners or make new ones; nobody changes their own role here (leaving and
 * transferring ownership have their own rules).
 */
export function canChangeMember(actor: WorkspaceRole, target: WorkspaceRole, to: WorkspaceRole | null): boolean {
  if (!can(actor, "members.manage")) return false;
  if (actor === "owner") return true;
  return target !== "owner" && to !== "owner";
}

/** Roles `actor` may hand out in an invitation. */
/** Whether a member may leave: a team's last owner may not (they transfer ownership or delete the team). */
export const mayLeave = (role: WorkspaceRole, ownerCount: number): boolean => role !== "owner" || ownerCount > 1;

export const invitableRoles = (actor: WorkspaceRole): WorkspaceRole[] =>
  !can(actor, "members.manage") ? [] : actor === "owner" ? [...WORKSPACE_ROLES] : ["admin", "developer", "viewer"];

export const INVITATION_DAYS = 7;
export const INVITATION_TTL_MS = INVITATION_DAYS * 24 * 60 * 60 * 1000;

/** Team slugs: 3–40 of a-z, 0-9 and single inner dashes. Personal slugs (56 chars) never match. */
export const TEAM_SLUG = /^(?=.{3,40}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
