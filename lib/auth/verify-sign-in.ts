import "server-only";
import { burnChallenge, type BurntChallenge } from "@/lib/data/sign-in/challenges";
import { findSuspension, upsertUserOnSignIn } from "@/lib/data/users/account";
import { signInSchema, type SignInInput } from "@/lib/validation/auth";
import { WALLET_NETWORKS, type WalletNetworkId } from "@/lib/networks/stellar";
import { verifyChallengeTransaction, type Sep10Refusal } from "@/lib/wallets/sep10";
import { sep10Server } from "./sep10-server";
import type { SignInErrorCode } from "./sign-in-errors";
import { verifySignedMessage } from "@/lib/wallets/signature";

export type SignInResult = { ok: true; user: { id: string; address: string } } | { ok: false; code: SignInErrorCode };
type Proof = { ok: true } | { ok: false; code: SignInErrorCode };

/**
 * The whole proof of ownership. Order matters: the nonce is burnt before anything else
 * is checked, so every attempt, good or bad, uses it up.
 */
export async function verifySignIn(raw: unknown, now = new Date()): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  const { address, nonce } = parsed.data;

  const challenge = await burnChallenge(nonce);
  if (!challenge.ok) return { ok: false, code: challenge.reason === "used" ? "challenge_used" : "challenge_unknown" };
  if (challenge.address !== address) return { ok: false, code: "address_mismatch" };
  if (challenge.expiresAt.getTime() <= now.getTime()) return { ok: false, code: "challenge_expired" };
  // The kind stored when the challenge was issued decides the check, never the attempt:
  // a message signature cannot stand in for a transaction, nor the reverse.
  const proof = challenge.kind === "transaction" ? checkTransaction(challenge, parsed.data, now) : checkMessage(challenge, parsed.data);
  if (!proof.ok) return proof;

  if (await findSuspension(address)) return { ok: false, code: "suspended" };
  return { ok: true, user: await upsertUserOnSignIn(address) };
}

function checkMessage(challenge: BurntChallenge, input: SignInInput): Proof {
  if (input.signature === undefined) return { ok: false, code: "proof_mismatch" };
  return verifySignedMessage(input.address, challenge.message, input.signature) ? { ok: true } : { ok: false, code: "bad_signature" };
}

const SEP10_CODES: Record<Sep10Refusal, SignInErrorCode> = {
  invalid: "challenge_unknown",
  not_issued: "challenge_unknown",
  address_mismatch: "address_mismatch",
  expired: "challenge_expired",
  bad_signature: "bad_signature",
};

function checkTransaction(challenge: BurntChallenge, input: SignInInput, now: Date): Proof {
  if (input.transaction === undefined) return { ok: false, code: "proof_mismatch" };
  const network = challenge.network && Object.hasOwn(WALLET_NETWORKS, challenge.network) ? (challenge.network as WalletNetworkId) : null;
  if (!network || !challenge.transactionHash) return { ok: false, code: "challenge_unknown" };
  const { signingKey, homeDomain, webAuthDomain } = sep10Server();
  const result = verifyChallengeTransaction(
    input.transaction,
    {
      serverAccountId: signingKey.publicKey(),
      address: input.address,
      networkPassphrase: WALLET_NETWORKS[network].passphrase,
      transactionHash: challenge.transactionHash,
      homeDomain,
      webAuthDomain,
    },
    now,
  );
  return result.ok ? result : { ok: false, code: SEP10_CODES[result.reason] };
}
