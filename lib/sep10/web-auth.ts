import "server-only";
// The SEP-10 web auth service: challenges issued into the sign-in challenge table (keyed by
// the transaction's hash, so single use is the table's one burn), and tokens issued only for
// a challenge we issued, signed as its account's signers require (read from Horizon).
import { WALLET_NETWORKS } from "@/lib/networks/stellar";
import { buildChallengeTransaction } from "@/lib/wallets/sep10";
import { burnChallenge, storeChallenge } from "@/lib/data/sign-in/challenges";
import { checkSignatures, readSignedChallenge, type ChallengeReason, type ClientDomain } from "./checks";
import type { WebAuthService } from "./config";
import { HorizonUnavailable, loadAccount } from "@/lib/http/horizon";
import { signToken, type TokenClaims } from "./token";

// Never a 32-hex nonce: sign-in's nonces are, so neither flow can burn the other's challenges.
const nonceOf = (hash: string) => `sep10:${hash}`;

export async function issueWebAuthChallenge(svc: WebAuthService, account: string, memo: string | null, client: ClientDomain | null = null) {
  const tx = buildChallengeTransaction(svc.signingKey, account, svc.networkPassphrase, svc, memo, client);
  await storeChallenge({
    kind: "transaction",
    nonce: nonceOf(tx.hash),
    address: account,
    network: svc.network,
    message: tx.xdr,
    transactionHash: tx.hash,
    expiresAt: tx.expiresAt,
  });
  return { transaction: tx.xdr, network_passphrase: WALLET_NETWORKS[svc.network].passphrase };
}

export type Redeemed =
  { ok: true; token: string; claims: TokenClaims } | { ok: false; reason: ChallengeReason } | { ok: false; reason: "horizon_unavailable" };

export async function redeemChallenge(svc: WebAuthService, envelope: string, now = new Date()): Promise<Redeemed> {
  const serverKey = svc.signingKey.publicKey();
  const read = readSignedChallenge(envelope, { serverKey, ...svc }, now);
  if (!read.ok) return read;
  // Burnt by the first attempt, whatever follows: a refused challenge cannot be retried.
  const burnt = await burnChallenge(nonceOf(read.hash));
  if (!burnt.ok) return { ok: false, reason: burnt.reason === "used" ? "replayed" : "not_issued" };
  let account;
  try {
    account = await loadAccount(svc.horizonUrl, read.account);
  } catch (error) {
    if (error instanceof HorizonUnavailable) return { ok: false, reason: "horizon_unavailable" };
    throw error;
  }
  const signed = checkSignatures(read.tx, serverKey, read.account, account, svc.networkPassphrase, read.client?.key ?? null);
  if (!signed.ok) return signed;
  const iat = Math.floor(now.getTime() / 1000);
  const claims: TokenClaims = {
    iss: svc.endpoint,
    sub: read.memo ? `${read.account}:${read.memo}` : read.account,
    iat,
    exp: iat + svc.tokenTtlSeconds,
    jti: read.hash,
    threshold: signed.threshold,
    ...(read.client && { client_domain: read.client.domain }),
  };
  return { ok: true, token: signToken(claims), claims };
}
