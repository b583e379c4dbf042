import "server-only";
import { challengeFields, formatChallenge, newNonce } from "@/lib/auth/challenge";
import { WALLET_NETWORKS, type WalletNetworkId } from "@/lib/auth/networks";
import { buildChallengeTransaction } from "@/lib/auth/sep10";
import { sep10Server } from "@/lib/auth/sep10-server";
import { db } from "@/lib/db";
import type { ChallengeKind } from "@/lib/generated/prisma/client";

const KEEP_USED_FOR_MS = 24 * 60 * 60 * 1000;

type NewChallenge = {
  kind: ChallengeKind;
  nonce: string;
  address: string;
  network: WalletNetworkId;
  message: string;
  transactionHash?: string;
  expiresAt: Date;
};

/** Also the web auth endpoint's (lib/sep10/web-auth.ts): one table, one clean-up, one burn. */
export async function store(data: NewChallenge) {
  await db.$transaction([
    // Old challenges are useless once expired; a day's margin keeps replays diagnosable.
    db.authChallenge.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - KEEP_USED_FOR_MS) } } }),
    db.authChallenge.create({ data }),
  ]);
}

/** SEP-53: a human-readable message for wallets that can sign messages. */
export async function issueChallenge(input: { address: string; network: WalletNetworkId; domain: string }) {
  const fields = challengeFields(input);
  const message = formatChallenge(fields);
  await store({
    kind: "message",
    nonce: fields.nonce,
    address: fields.address,
    network: input.network,
    message,
    expiresAt: fields.expiresAt,
  });
  return { nonce: fields.nonce, message, expiresAt: fields.expiresAt };
}

/** SEP-10: a server-signed challenge transaction for wallets that can only sign transactions. */
export async function issueTransactionChallenge(input: { address: string; network: WalletNetworkId }) {
  const { signingKey, ...domains } = sep10Server();
  const networkPassphrase = WALLET_NETWORKS[input.network].passphrase;
  const tx = buildChallengeTransaction(signingKey, input.address, networkPassphrase, domains);
  // The transaction carries its own random nonce; ours keys the row and the sign-in form, as for SEP-53.
  const nonce = newNonce();
  await store({
    kind: "transaction",
    nonce,
    address: input.address,
    network: input.network,
    message: tx.xdr,
    transactionHash: tx.hash,
    expiresAt: tx.expiresAt,
  });
  return { nonce, transaction: tx.xdr, networkPassphrase, expiresAt: tx.expiresAt };
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
