import "server-only";
import { db } from "@/lib/db";

import type { KeyNetwork } from "@/lib/generated/prisma/enums";

/** A key as the key check needs it: its own state, the workspace it works for, and its creator (whose suspension stops it). */
export type KeyRecord = {
  id: string;
  workspaceId: string;
  name: string;
  network: KeyNetwork;
  scopes: string[];
  enabled: boolean;
  heldAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  rotatedAt: Date | null;
  allowedIps: string[];
  rateLimit: number | null;
  rateLimitCeiling: number | null;
  leakedAt: Date | null;
  workspace: { id: string; slug: string; name: string };
  createdBy: { address: string; saveEscrows: boolean; suspendedAt: Date | null };
};

type KeyRow = Omit<KeyRecord, "workspace" | "createdBy"> & {
  workspaceSlug: string;
  workspaceName: string;
  ownerAddress: string;
  ownerSaveEscrows: boolean;
  ownerSuspendedAt: Date | null;
};

/**
 * Not scoped to a workspace: the caller proved possession of the key; looked up by its hash.
 * One statement over the hash's unique index and two primary keys: Prisma's nested select made
 * it three round trips, on every request whose key the cache does not hold (cold keys).
 */
export async function findKeyByHash(hash: string): Promise<KeyRecord | null> {
  const [row] = await db.$queryRaw<KeyRow[]>`
    SELECT k.id, k."workspaceId", k.name, k.network::text AS network, k.scopes, k.enabled, k."heldAt", k."revokedAt",
           k."expiresAt", k."rotatedAt", k."allowedIps", k."rateLimit", k."rateLimitCeiling", k."leakedAt",
           w.slug AS "workspaceSlug", w.name AS "workspaceName",
           u.address AS "ownerAddress", u."saveEscrows" AS "ownerSaveEscrows", u."suspendedAt" AS "ownerSuspendedAt"
    FROM "ApiKey" k
    JOIN "Workspace" w ON w.id = k."workspaceId"
    JOIN "User" u ON u.id = k."createdById"
    WHERE k.hash = ${hash}`;
  if (!row) return null;
  const { workspaceSlug, workspaceName, ownerAddress, ownerSaveEscrows, ownerSuspendedAt, ...key } = row;
  return {
    ...key,
    workspace: { id: key.workspaceId, slug: workspaceSlug, name: workspaceName },
    createdBy: { address: ownerAddress, saveEscrows: ownerSaveEscrows, suspendedAt: ownerSuspendedAt },
  };
}

export const LAST_USED_INTERVAL_MS = 60_000;

/**
 * Records last use at most once per key per minute, across every instance: the condition is
 * checked by the database for each key, so a burst of requests makes one write. Many keys in
 * one statement: lib/api/key-auth.ts batches them.
 */
export async function recordKeyUses(uses: { keyId: string; ip: string | null; at: Date }[]): Promise<number> {
  if (uses.length === 0) return 0;
  return db.$executeRaw`
    UPDATE "ApiKey" AS k SET "lastUsedAt" = u.at, "lastUsedIp" = u.ip
    FROM unnest(${uses.map((u) => u.keyId)}::text[], ${uses.map((u) => u.at)}::timestamp(3)[], ${uses.map((u) => u.ip)}::text[]) AS u(id, at, ip)
    WHERE k.id = u.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < u.at - make_interval(secs => ${LAST_USED_INTERVAL_MS / 1000}))`;
}
