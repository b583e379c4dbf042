import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Locks a user's row: sign-ins, suspensions and the site admins' changes to the account
 * happen under it. Key changes take the workspace's row lock instead (lib/data/workspaces/access.ts)
 * and read the requester's row under a share lock, so a suspension still serializes with them.
 */
export async function lockUser(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<{ useCase: string | null; suspendedAt: Date | null } | null> {
  const [user] = await tx.$queryRaw<
    { useCase: string | null; suspendedAt: Date | null }[]
  >`SELECT "useCase", "suspendedAt" FROM "User" WHERE id = ${userId} FOR UPDATE`;
  return user ?? null;
}
