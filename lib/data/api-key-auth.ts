import "server-only";
import { db } from "@/lib/db";

// not scoped to a workspace: the caller proved possession of the key; looked up by its hash.
// The answer names the key's workspace (the tenant it works for) and its creator, whose
// suspension stops it.
export function findKeyByHash(hash: string) {
  return db.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      workspaceId: true,
      name: true,
      network: true,
      scopes: true,
      enabled: true,
      heldAt: true,
      revokedAt: true,
      expiresAt: true,
      rotatedAt: true,
      allowedIps: true,
      rateLimit: true,
      rateLimitCeiling: true,
      leakedAt: true,
      workspace: { select: { id: true, slug: true, name: true } },
      createdBy: { select: { address: true, saveEscrows: true, suspendedAt: true } },
    },
  });
}

export type KeyRecord = NonNullable<Awaited<ReturnType<typeof findKeyByHash>>>;

export const LAST_USED_INTERVAL_MS = 60_000;

/**
 * Records last use at most once per key per minute, across every instance: the
 * condition is checked by the database, so a burst of requests makes one write.
 */
export async function recordKeyUse(keyId: string, ip: string | null, now = new Date()): Promise<boolean> {
  const { count } = await db.apiKey.updateMany({
    where: {
      id: keyId,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_INTERVAL_MS) } }],
    },
    data: { lastUsedAt: now, lastUsedIp: ip },
  });
  return count === 1;
}
