import "server-only";
import DataLoader from "dataloader";
import { db, pgPool } from "@/lib/database/client";
import { processState } from "@/lib/core/process-state";

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

// Timestamps are read as UTC instants (the columns hold UTC without a zone), the same on both drivers.
const KEYS_BY_HASH = `
  SELECT k.hash, k.id, k."workspaceId", k.name, k.network::text AS network, k.scopes, k.enabled,
         k."heldAt" AT TIME ZONE 'UTC' AS "heldAt", k."revokedAt" AT TIME ZONE 'UTC' AS "revokedAt",
         k."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt", k."rotatedAt" AT TIME ZONE 'UTC' AS "rotatedAt",
         k."allowedIps", k."rateLimit", k."rateLimitCeiling", k."leakedAt" AT TIME ZONE 'UTC' AS "leakedAt",
         w.slug AS "workspaceSlug", w.name AS "workspaceName",
         u.address AS "ownerAddress", u."saveEscrows" AS "ownerSaveEscrows",
         u."suspendedAt" AT TIME ZONE 'UTC' AS "ownerSuspendedAt"
  FROM "ApiKey" k
  JOIN "Workspace" w ON w.id = k."workspaceId"
  JOIN "User" u ON u.id = k."createdById"
  WHERE k.hash = ANY($1::text[])`;

/**
 * One statement for many hashes, over the hash's unique index and two primary keys. On
 * PostgreSQL it skips Prisma and is a named statement, parsed and planned once per connection.
 */
async function findKeysByHash(hashes: readonly string[]): Promise<(KeyRecord | null)[]> {
  const rows = pgPool
    ? (await pgPool.query<KeyRow & { hash: string }>({ name: "keyport_keys_by_hash", text: KEYS_BY_HASH, values: [hashes] })).rows
    : await db.$queryRawUnsafe<(KeyRow & { hash: string })[]>(KEYS_BY_HASH, hashes);
  const byHash = new Map(
    rows.map(({ hash, workspaceSlug, workspaceName, ownerAddress, ownerSaveEscrows, ownerSuspendedAt, ...key }) => [
      hash,
      {
        ...key,
        workspace: { id: key.workspaceId, slug: workspaceSlug, name: workspaceName },
        createdBy: { address: ownerAddress, saveEscrows: ownerSaveEscrows, suspendedAt: ownerSuspendedAt },
      },
    ]),
  );
  return hashes.map((h) => byHash.get(h) ?? null);
}

// Lookups asked for in the same turn of the event loop (requests that arrived together) share
// one statement: under load a cold key's round trip to the database, not the query, was the
// cost (see README, "Performance"). No caching here: lib/data/keys/cache.ts decides what is fresh.
const lookups = processState(
  "keyLookups",
  () =>
    new DataLoader<string, KeyRecord | null>(findKeysByHash, {
      cache: false,
      maxBatchSize: 200,
      batchScheduleFn: (run) => setImmediate(run),
    }),
);

/**
 * Not scoped to a workspace: the caller proved possession of the key; looked up by its hash.
 * Run on every request whose key the cache does not hold (cold keys), batched with the others.
 */
export const findKeyByHash = (hash: string): Promise<KeyRecord | null> => lookups.load(hash);

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
