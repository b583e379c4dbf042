import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { personalWorkspace, requireMember, type Member } from "@/lib/data/workspaces/access";
import type { WorkspacePermission } from "@/lib/workspaces/permissions";
import { requireUser, type CurrentUser } from "./session";

/**
 * First line of every workspace page: the signed-in user and their membership, read from the
 * database on this request. Not a member, not allowed, or no such workspace: 404 (the
 * workspace's existence is not advertised). `slug` null: the user's personal workspace.
 */
export const requireWorkspacePage = cache(
  async (slug: string | null, permission: WorkspacePermission = "read"): Promise<{ user: CurrentUser; member: Member }> => {
    const user = await requireUser();
    const ref = slug === null ? await personalWorkspace(user.id) : { slug };
    const access = ref ? await requireMember(user.id, "id" in ref ? { id: ref.id } : ref, permission) : null;
    if (!access?.ok) notFound();
    return { user, member: access.member };
  },
);

/** What the client components need to know of the workspace and the caller. */
export const workspaceView = ({ workspace, role, userId }: Member) => ({ ...workspace, role, you: userId });
