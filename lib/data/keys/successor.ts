import "server-only";
// What a rotation's successor inherits. A rotation replaces a key's secret, nothing else: the
// successor is held to everything its predecessor was held to (an admin's rate ceiling, the
// owner's own limit, the allowlist, the scopes) and stays with the same workspace and owner.
// Every column of ApiKey is named below, so a column added later fails the type check until
// someone decides whether a successor carries it.
import type { ApiKey, Prisma } from "@/lib/generated/prisma/client";
import { successorExpiry } from "@/lib/keys/lifecycle";

/**
 * - carry: copied as it is;
 * - derive: computed from the predecessor (the lifetime, counted from the rotation);
 * - fresh: a property of this secret or this row, never inherited (its hash, its history, its
 *   state). A hold is fresh because a held key cannot be rotated at all (lib/keys/lifecycle.ts);
 *   a leak is fresh because the successor's secret is new.
 */
export const SUCCESSOR_COLUMNS = {
  id: "fresh",
  workspaceId: "carry",
  createdById: "carry",
  name: "carry",
  description: "carry",
  network: "carry",
  start: "fresh",
  end: "fresh",
  hash: "fresh",
  scopes: "carry",
  enabled: "fresh",
  heldAt: "fresh",
  heldById: "fresh",
  heldReason: "fresh",
  expiresAt: "derive",
  revokedAt: "fresh",
  leakedAt: "fresh",
  leakedUrl: "fresh",
  leakedSource: "fresh",
  rotatedAt: "fresh",
  replacedById: "fresh",
  lastUsedAt: "fresh",
  lastUsedIp: "fresh",
  allowedIps: "carry",
  rateLimit: "carry",
  rateLimitCeiling: "carry",
  createdAt: "fresh",
  updatedAt: "fresh",
} as const satisfies Record<Prisma.ApiKeyScalarFieldEnum, "carry" | "derive" | "fresh">;

type Carried = { [K in keyof typeof SUCCESSOR_COLUMNS as (typeof SUCCESSOR_COLUMNS)[K] extends "carry" ? K : never]: ApiKey[K] };

/** The successor's columns but its secret (start, end, hash), from the locked predecessor's row. */
export function successorOf(old: ApiKey, now: Date): Carried & { expiresAt: Date | null } {
  const carried = Object.fromEntries(
    Object.entries(SUCCESSOR_COLUMNS)
      .filter(([, how]) => how === "carry")
      .map(([column]) => [column, old[column as keyof ApiKey]]),
  ) as Carried;
  return { ...carried, expiresAt: successorExpiry(old, now) };
}
