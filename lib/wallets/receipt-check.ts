// Checks a signed step-up receipt offline, with only the Stellar SDK: no Keyport server, no
// network, no secret. What it proves: the address the receipt names signed exactly this text
// (a SEP-53 message), or signed a transaction carrying this text's SHA-256 (a transaction-only
// wallet). The message check is the one sign-in uses (./signature.ts).
import { StrKey, Transaction, TransactionBuilder, WebAuth } from "@stellar/stellar-sdk";
import { readReceipt, receiptHash, RECEIPT_DATA_NAME } from "./receipt";
import { verifySignedMessage } from "./signature";

export type ReceiptInput = {
  receipt: string;
  proof: "message" | "transaction";
  signature?: string;
  transaction?: string;
  signer: string;
  networkPassphrase: string;
  /** A multisig team's change: the other signers' receipts, each checked the same way, all for one approval. */
  cosigners?: Omit<ReceiptInput, "cosigners">[];
};

export type ReceiptVerdict =
  { valid: true; signer: string; action: string; expiresAt: string; cosigners?: string[] } | { valid: false; reason: string };

const invalid = (reason: string): ReceiptVerdict => ({ valid: false, reason });

export function checkSignedReceipt(input: ReceiptInput): ReceiptVerdict {
  const first = checkOne(input);
  if (!first.valid || !input.cosigners?.length) return first;
  // Every signature must be for the same approval (its id and what it asks), each by its own signer.
  const approvalOf = (receipt: string) => /^Approval: (.+)$/m.exec(receipt)?.[1];
  const approval = approvalOf(input.receipt);
  if (!approval) return invalid("Co-signers are given, but the receipt names no approval.");
  const signers = new Set([input.signer]);
  for (const other of input.cosigners) {
    if (approvalOf(other.receipt) !== approval) return invalid(`${other.signer}'s receipt is for another approval.`);
    if (signers.has(other.signer)) return invalid(`${other.signer} is counted twice.`);
    signers.add(other.signer);
    const verdict = checkOne(other);
    if (!verdict.valid) return invalid(`Co-signer ${other.signer}: ${verdict.reason}`);
    if (verdict.action !== first.action) return invalid(`${other.signer}'s receipt is for another action.`);
  }
  return { ...first, cosigners: input.cosigners.map((c) => c.signer) };
}

function checkOne(input: ReceiptInput): ReceiptVerdict {
  const read = readReceipt(input.receipt);
  if (!read) return invalid("This is not a Keyport receipt: its signer, nonce or expiry line is missing.");
  if (read.signer !== input.signer) return invalid(`The receipt names ${read.signer}, but the signer given is ${input.signer}.`);
  if (!StrKey.isValidEd25519PublicKey(input.signer)) return invalid("The signer is not a Stellar account address (G…).");
  const action =
    input.receipt
      .split("\n")
      .find((l) => l.startsWith("Action: "))
      ?.slice(8) ?? "unknown";
  const ok: ReceiptVerdict = { valid: true, signer: input.signer, action, expiresAt: read.expiresAt.toISOString() };

  if (input.proof === "message") {
    if (!input.signature) return invalid("A message receipt needs its signature.");
    return verifySignedMessage(input.signer, input.receipt, input.signature)
      ? ok
      : invalid("The signature does not match: this exact text was not signed by this address (SEP-53).");
  }

  if (!input.transaction) return invalid("A transaction receipt needs its signed transaction.");
  let tx: Transaction;
  try {
    const parsed = TransactionBuilder.fromXDR(input.transaction, input.networkPassphrase);
    if (!(parsed instanceof Transaction)) return invalid("The transaction is a fee bump, not a receipt transaction.");
    tx = parsed;
  } catch {
    return invalid("The transaction cannot be read (malformed XDR).");
  }
  const first = tx.operations[0];
  if (!first || first.source !== input.signer) return invalid("The transaction is not a challenge for this signer.");
  const carried = tx.operations.find((op) => op.type === "manageData" && op.name === RECEIPT_DATA_NAME);
  const value = carried && carried.type === "manageData" && carried.value ? Buffer.from(carried.value).toString("utf8") : undefined;
  if (value !== receiptHash(input.receipt)) return invalid("The transaction carries another text's hash: it does not sign this receipt.");
  // The SDK's own check (SEP-10 uses it): a signature by the account over the hash on this network.
  const signed = WebAuth.verifyTxSignedBy(tx, input.signer);
  return signed ? ok : invalid(`The transaction is not signed by ${input.signer} on this network.`);
}
