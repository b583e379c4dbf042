import "server-only";
// The key states of lib/keys/lifecycle.ts as database filters: every list, count and cap
// check uses these, so a screen's "active" and the cap's "live" mean the same everywhere.
import type { Prisma } from "@/lib/generated/prisma/client";

export type KeyStatusFilter = "active" | "disabled" | "revoked" | "expired";

const unexpired = (now: Date): Prisma.ApiKeyWhereInput => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

/** Counts against the cap: not revoked and not expired (disabled keys and old keys in an overlap too). */
export const liveKeyWhere = (now: Date): Prisma.ApiKeyWhereInput => ({ revokedAt: null, ...unexpired(now) });

/** Answers requests right now (before the owner's suspension is considered): on, and no admin hold. */
export const workingKeyWhere = (now: Date): Prisma.ApiKeyWhereInput => ({
  ...liveKeyWhere(now),
  enabled: true,
  heldAt: null,
  leakedAt: null,
});

export function keyStatusWhere(status: KeyStatusFilter, now: Date): Prisma.ApiKeyWhereInput {
  switch (status) {
    case "active":
      return workingKeyWhere(now);
    case "disabled":
      // Leaked keys are off for good: listed with the disabled ones.
      return { AND: [liveKeyWhere(now), { OR: [{ enabled: false }, { heldAt: { not: null } }, { leakedAt: { not: null } }] }] };
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
  }
}
