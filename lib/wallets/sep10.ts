// SEP-10 challenge transactions: the proof of ownership for wallets that can sign
// transactions but not messages (Albedo, Rabet, Ledger, Trezor). Parsing and signature
// checks are the SDK's own WebAuth helpers; this file adds what SEP-10 leaves to the server:
// only the exact transaction we issued counts (same hash), our five minutes are five
// minutes (the SDK allows five more of grace), and every bad input is a typed refusal.
// Pure: the key, domains and expected hash are parameters (see sep10-server.ts).
import { type Keypair, Operation, Transaction, TransactionBuilder, WebAuth } from "@stellar/stellar-sdk";
import { CHALLENGE_TTL_MS } from "./challenge";
import { RECEIPT_DATA_NAME } from "./receipt";

export const CHALLENGE_TX_TIMEOUT_S = CHALLENGE_TTL_MS / 1000;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

export type Sep10Domains = { homeDomain: string; webAuthDomain: string };

export type IssuedChallengeTx = { xdr: string; hash: string; expiresAt: Date };

/** The server-signed challenge for `address`; `hash` (hex) identifies it, signatures aside. */
export function buildChallengeTransaction(
  server: Keypair,
  address: string,
  networkPassphrase: string,
  { homeDomain, webAuthDomain }: Sep10Domains,
  /** SEP-10's optional ID memo (a sub-account of `address`); the web auth endpoint passes it on. */
  memo: string | null = null,
  /** SEP-10's client_domain and the SIGNING_KEY its stellar.toml names: that key must sign too. */
  client: { domain: string; key: string } | null = null,
): IssuedChallengeTx {
  const xdr = WebAuth.buildChallengeTx(
    server,
    address,
    homeDomain,
    CHALLENGE_TX_TIMEOUT_S,
    networkPassphrase,
    webAuthDomain,
    memo,
    client?.domain ?? null,
    client?.key ?? null,
  );
  return readBack(xdr, server, networkPassphrase, { homeDomain, webAuthDomain });
}

// Read back with the same checks a signed one will meet: a challenge we could not verify is a bug here, not later.
function readBack(xdr: string, server: Keypair, networkPassphrase: string, { homeDomain, webAuthDomain }: Sep10Domains): IssuedChallengeTx {
  const { tx } = WebAuth.readChallengeTx(xdr, server.publicKey(), networkPassphrase, homeDomain, webAuthDomain);
  return { xdr, hash: hex(tx.hash()), expiresAt: new Date(Number(tx.timeBounds!.maxTime) * 1000) };
}

/**
 * A step-up receipt for a wallet that signs only transactions: the sign-in challenge with one
 * more manage-data entry, by the server's account (which SEP-10 allows), whose value is the
 * receipt's SHA-256 in hex. Signing this transaction signs that hash, so it proves the same
 * as a signed message; it is checked with verifyChallengeTransaction like any challenge.
 */
export function buildReceiptTransaction(
  server: Keypair,
  address: string,
  networkPassphrase: string,
  domains: Sep10Domains,
  receiptSha256: string,
): IssuedChallengeTx {
  const base = WebAuth.buildChallengeTx(
    server,
    address,
    domains.homeDomain,
    CHALLENGE_TX_TIMEOUT_S,
    networkPassphrase,
    domains.webAuthDomain,
  );
  const builder = TransactionBuilder.cloneFrom(new Transaction(base, networkPassphrase));
  builder.addOperation(Operation.manageData({ source: server.publicKey(), name: RECEIPT_DATA_NAME, value: receiptSha256 }));
  const tx = builder.build();
  tx.sign(server);
  return readBack(tx.toXDR(), server, networkPassphrase, domains);
}

export type ExpectedChallengeTx = Sep10Domains & {
  serverAccountId: string;
  address: string;
  networkPassphrase: string;
  /** Hex hash of the transaction as issued. */
  transactionHash: string;
};

export type Sep10Refusal =
  /** Not a challenge this server could have issued: malformed, another server key, another network or domain, long expired. */
  | "invalid"
  /** Well-formed and signed by us, but not the transaction issued for this attempt. */
  | "not_issued"
  | "address_mismatch"
  | "expired"
  /** No signature by the address, one by another account, or an extra one. */
  | "bad_signature";

export type Sep10Result = { ok: true } | { ok: false; reason: Sep10Refusal };

/** Never throws: the SDK throws on every bad input, and a request must get a refusal, not a 500. */
export function verifyChallengeTransaction(signedXdr: string, expected: ExpectedChallengeTx, now = new Date()): Sep10Result {
  const { serverAccountId, networkPassphrase, homeDomain, webAuthDomain } = expected;
  let read: ReturnType<typeof WebAuth.readChallengeTx>;
  try {
    read = WebAuth.readChallengeTx(signedXdr, serverAccountId, networkPassphrase, homeDomain, webAuthDomain);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (read.clientAccountID !== expected.address) return { ok: false, reason: "address_mismatch" };
  if (hex(read.tx.hash()) !== expected.transactionHash) return { ok: false, reason: "not_issued" };
  const maxTime = Number(read.tx.timeBounds?.maxTime ?? 0) * 1000;
  if (!(maxTime > now.getTime())) return { ok: false, reason: "expired" };
  try {
    // Only the address may have signed besides us: an extra signature is refused too.
    const signers = WebAuth.verifyChallengeTxSigners(
      signedXdr,
      serverAccountId,
      networkPassphrase,
      [expected.address],
      homeDomain,
      webAuthDomain,
    );
    return signers.length === 1 && signers[0] === expected.address ? { ok: true } : { ok: false, reason: "bad_signature" };
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
}
