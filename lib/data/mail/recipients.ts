import "server-only";
// Who is told. A key's mails go to the person who made it while they are still a member of its
// workspace (a member who left hears nothing more of the team's keys), else to its owners; a
// Mainnet decision likewise to whoever asked; a failing endpoint to the owners and admins.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MailWorkspace } from "@/lib/mail/kinds";

type Tx = Prisma.TransactionClient;

/** `userId` while a member of the workspace, else the workspace's owners. */
export async function memberOrOwners(tx: Tx, workspaceId: string, userId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { workspaceId, OR: [{ userId }, { role: "owner" }] },
    select: { userId: true },
  });
  const ids = rows.map((r) => r.userId);
  return ids.includes(userId) ? [userId] : ids;
}

/** The workspace's owners and admins. */
export async function ownersAndAdmins(tx: Tx, workspaceId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { workspaceId, role: { in: ["owner", "admin"] } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

export const mailWorkspaceSelect = { slug: true, name: true, personal: true } satisfies Prisma.WorkspaceSelect;

export async function mailWorkspace(tx: Tx, workspaceId: string): Promise<MailWorkspace | null> {
  return tx.workspace.findUnique({ where: { id: workspaceId }, select: mailWorkspaceSelect });
}
