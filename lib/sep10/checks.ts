// The checks SEP-10's "Token" section asks of a signed challenge, each with its own reason, so
// a client is told which one failed. Pure: the service's identity and the account's signers
// are parameters. The SDK's WebAuth.readChallengeTx runs last, as the catch-all.
import { FeeBumpTransaction, Keypair, Transaction, TransactionBuilder, WebAuth, type xdr } from "@stellar/stellar-sdk";
import { WALLET_NETWORKS } from "@/lib/networks/stellar";
import type { HorizonAccount } from "@/lib/http/horizon";
import type { Threshold } from "./token";

export const CHALLENGE_REASONS = [
  "malformed",
  "wrong_server_key",
  "wrong_network",
  "wrong_home_domain",
  "wrong_web_auth_domain",
  "extra_operations",
  "not_issued",
  "replayed",
  "expired",
  "missing_client_signature",
  "missing_client_domain_signature",
  "unknown_signature",
  "weight_below_threshold",
] as const;
export type ChallengeReason = (typeof CHALLENGE_REASONS)[number];

export type ServiceIdentity = { serverKey: string; networkPassphrase: string; homeDomain: string; webAuthDomain: string };
/** The client_domain operation's domain and source: the key that domain's stellar.toml named when it was issued. */
export type ClientDomain = { domain: string; key: string };
export type ReadChallenge =
  | { ok: true; tx: Transaction; account: string; memo: string | null; hash: string; client: ClientDomain | null }
  | { ok: false; reason: ChallengeReason };

const refuse = (reason: ChallengeReason) => ({ ok: false as const, reason });

const signedBy = (signature: xdr.DecoratedSignature, key: string, hash: Uint8Array) => {
  const kp = Keypair.fromPublicKey(key);
  return Buffer.from(signature.hint.value).equals(Buffer.from(kp.signatureHint())) && kp.verify(hash, signature.signature);
};

/** A signer's signature over this transaction as another network would hash it: signed for the wrong network. */
function signedElsewhere(tx: Transaction, sig: xdr.DecoratedSignature, signers: { key: string }[], networkPassphrase: string) {
  const envelope = tx.toEnvelope().toXDR("base64");
  return Object.values(WALLET_NETWORKS).some(({ passphrase }) => {
    if (passphrase === networkPassphrase) return false;
    const hash = (TransactionBuilder.fromXDR(envelope, passphrase) as Transaction).hash();
    return signers.some((c) => signedBy(sig, c.key, hash));
  });
}

/** Everything that can be checked without the database or Horizon, in the spec's order. */
export function readSignedChallenge(envelope: string, s: ServiceIdentity, now = new Date()): ReadChallenge {
  let tx: Transaction;
  try {
    const parsed = TransactionBuilder.fromXDR(envelope, s.networkPassphrase);
    if (parsed instanceof FeeBumpTransaction) return refuse("malformed");
    tx = parsed;
  } catch {
    return refuse("malformed");
  }
  if (tx.source !== s.serverKey) return refuse("wrong_server_key");
  const [first, ...rest] = tx.operations;
  if (!first || first.type !== "manageData" || !first.source) return refuse("malformed");
  if (first.name !== `${s.homeDomain} auth`) return refuse("wrong_home_domain");
  let client: ClientDomain | null = null;
  for (const op of rest) {
    if (op.type !== "manageData") return refuse("extra_operations");
    // The one operation of another source: client_domain, once, sourced by that domain's key.
    if (op.name === "client_domain" && op.source && op.source !== s.serverKey && op.value && !client) {
      client = { domain: Buffer.from(op.value).toString("utf8"), key: op.source };
      continue;
    }
    if (op.source !== s.serverKey) return refuse("extra_operations");
    if (op.name === "web_auth_domain" && (op.value ? Buffer.from(op.value).toString("utf8") : null) !== s.webAuthDomain)
      return refuse("wrong_web_auth_domain");
  }
  const serverSignature = tx.signatures.find((sig) => signedBy(sig, s.serverKey, tx.hash()));
  if (!serverSignature) {
    // Signed by our key for another network: say so (the hash covers the network's passphrase).
    const elsewhere = Object.values(WALLET_NETWORKS).some(({ passphrase }) => {
      if (passphrase === s.networkPassphrase) return false;
      const other = TransactionBuilder.fromXDR(envelope, passphrase) as Transaction;
      return other.signatures.some((sig) => signedBy(sig, s.serverKey, other.hash()));
    });
    return refuse(elsewhere ? "wrong_network" : "not_issued");
  }
  const maxTime = Number(tx.timeBounds?.maxTime ?? 0) * 1000;
  // Our five minutes are five minutes (the SDK would allow five more of grace).
  if (!(maxTime > now.getTime())) return refuse("expired");
  try {
    const read = WebAuth.readChallengeTx(envelope, s.serverKey, s.networkPassphrase, s.homeDomain, s.webAuthDomain);
    const hash = Buffer.from(tx.hash()).toString("hex");
    return { ok: true, tx, account: read.clientAccountID, memo: read.memo ?? null, hash, client };
  } catch {
    return refuse("malformed");
  }
}

export type SignatureCheck = { ok: true; threshold: Threshold; weight: number } | { ok: false; reason: ChallengeReason };

/**
 * The client's signatures against the account: for an account that exists, each must be one
 * of its signers and together they must meet its low threshold (the token records the highest
 * they met); for an account that does not exist, exactly its master key. Every signature but
 * the server's (and the client domain's key, when the challenge names one: then required) must
 * be a signer's: an unknown one is refused, not ignored.
 */
export function checkSignatures(
  tx: Transaction,
  serverKey: string,
  account: string,
  found: HorizonAccount,
  networkPassphrase: string,
  clientKey: string | null = null,
): SignatureCheck {
  const hash = tx.hash();
  const signers = found.exists ? found.signers : [{ key: account, weight: 1 }];
  if (clientKey && !tx.signatures.some((sig) => signedBy(sig, clientKey, hash))) return refuse("missing_client_domain_signature");
  const matched = new Map<string, number>();
  for (const sig of tx.signatures) {
    if (signedBy(sig, serverKey, hash)) continue;
    // The client domain's signature says which client asked; it carries no weight for the account.
    if (clientKey && signedBy(sig, clientKey, hash) && !signers.some((c) => c.key === clientKey)) continue;
    const signer = signers.find((c) => signedBy(sig, c.key, hash));
    if (!signer) return refuse(signedElsewhere(tx, sig, signers, networkPassphrase) ? "wrong_network" : "unknown_signature");
    matched.set(signer.key, signer.weight);
  }
  if (!matched.size) return refuse("missing_client_signature");
  if (!found.exists) return { ok: true, threshold: "high", weight: 1 };
  const weight = [...matched.values()].reduce((a, b) => a + b, 0);
  const t = found.thresholds;
  if (weight < t.low) return refuse("weight_below_threshold");
  return { ok: true, weight, threshold: weight >= t.high ? "high" : weight >= t.medium ? "medium" : "low" };
}
