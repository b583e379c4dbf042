import "server-only";
import { challengeFields, formatChallenge } from "@/lib/auth/challenge";
import type { WalletNetworkId } from "@/lib/auth/networks";
import { db } from "@/lib/db";

const KEEP_USED_FOR_MS = 24 * 60 * 60 * 1000;

export async function issueChallenge(input: { address: string; network: WalletNetworkId; domain: string }) {
  const fields = challengeFields(input);
  const message = formatChallenge(fields);
  await db.$transaction([
    // Old challenges are useless once expired; a day's margin keeps replays diagnosable.
    db.authChallenge.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - KEEP_USED_FOR_MS) } } }),
    db.authChallenge.create({ data: { nonce: fields.nonce, address: fields.address, message, expiresAt: fields.expiresAt } }),
  ]);
  return { nonce: fields.nonce, message, expiresAt: fields.expiresAt };
}

export type BurnResult = { ok: true; address: string; message: string; expiresAt: Date } | { ok: false; reason: "unknown" | "used" };

/**
 * Marks the challenge used and returns it, in one statement: of two concurrent
 * attempts with the same nonce exactly one gets it. Burnt on any attempt, so a
 * failed signature cannot be retried with the same challenge.
 */
export async function burnChallenge(nonce: string): Promise<BurnResult> {
  const [row] = await db.authChallenge.updateManyAndReturn({
    where: { nonce, usedAt: null },
    data: { usedAt: new Date() },
    select: { address: true, message: true, expiresAt: true },
  });
  if (row) return { ok: true, ...row };
  const exists = await db.authChallenge.count({ where: { nonce } });
  return { ok: false, reason: exists ? "used" : "unknown" };
}
