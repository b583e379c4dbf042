import "server-only";
// The receipt subject of an admin's Mainnet approval, shared by the Mainnet switches and the
// request queue: the workspace, and for a personal one the address of the person it belongs to.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReceiptSubject } from "@/lib/wallets/receipt";
import type { LockedWorkspace } from "@/lib/data/workspaces/access";

export async function approvalSubject(tx: Prisma.TransactionClient, workspace: LockedWorkspace): Promise<ReceiptSubject> {
  const owner = workspace.personal
    ? await tx.workspace.findUnique({ where: { id: workspace.id }, select: { personalOwner: { select: { address: true } } } })
    : null;
  return {
    action: "admin.mainnet_approve",
    workspace: { slug: workspace.slug, name: workspace.name, personal: workspace.personal },
    owner: owner?.personalOwner?.address ?? null,
  };
}
