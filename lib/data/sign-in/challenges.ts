import "server-only";
// Sign-in challenges as rows: stored when lib/auth/challenges.ts has built one, burnt by the
// first attempt. What a challenge says and how it is signed is auth's business, not this file's.
import { db } from "@/lib/database/client";
import type { ChallengeKind } from "@/lib/generated/prisma/client";

const KEEP_USED_FOR_MS = 24 * 60 * 60 * 1000;

export type NewChallenge = {
  kind: ChallengeKind;
  nonce: string;
  address: string;
  network: string;
  message: string;
  transactionHash?: string;
  expiresAt: Date;
};

/** Stores a challenge, clearing those past their day of keeping. */
export async function storeChallenge(data: NewChallenge) {
  await db.$transaction([
    // Old challenges are useless once expired; a day's margin keeps replays diagnosable.
    db.authChallenge.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - KEEP_USED_FOR_MS) } } }),
    db.authChallenge.create({ data }),
  ]);
}

export type BurntChallenge = {
  kind: ChallengeKind;
  address: string;
  network: string | null;
  message: string;
  transactionHash: string | null;
  expiresAt: Date;
};
export type BurnResult = ({ ok: true } & BurntChallenge) | { ok: false; reason: "unknown" | "used" };

/**
 * Marks the challenge used and returns it, in one statement: of two concurrent
 * attempts with the same nonce exactly one gets it. Burnt on any attempt, so a
 * failed signature cannot be retried with the same challenge.
 */
export async function burnChallenge(nonce: string): Promise<BurnResult> {
  const [row] = await db.authChallenge.updateManyAndReturn({
    where: { nonce, usedAt: null },
    data: { usedAt: new Date() },
    select: { kind: true, address: true, network: true, message: true, transactionHash: true, expiresAt: true },
  });
  if (row) return { ok: true, ...row };
  const exists = await db.authChallenge.count({ where: { nonce } });
  return { ok: false, reason: exists ? "used" : "unknown" };
}
