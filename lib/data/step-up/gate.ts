import "server-only";
// The step-up gate: called inside a change's transaction, after its rules passed and before it
// writes, with the receipt the change builds from its own validated input and the rows it
// locked. Without a proof it stores a one-time receipt for that exact change and answers
// step_up_required with it (the browser shows it, the wallet signs it, the browser sends the
// change again with the proof). With a proof it burns the nonce first (one conditional
// update: of two parallel submits exactly one gets it), then checks that the nonce is the
// caller's, unexpired, for this action, that the stored receipt equals the one rebuilt now,
// and that the caller's own address signed it. Every refusal is step_up_required: nothing the
// client sends can stand in for the signature. The management API's callers meet the same list
// with their token's threshold (lib/plane/manage-auth.ts).
import { env, sep10SigningKey } from "@/lib/core/env";
import type { Failure } from "@/lib/core/result";
import type { Prisma } from "@/lib/generated/prisma/client";
import { WALLET_NETWORKS } from "@/lib/networks/stellar";
import { walletInfo } from "@/lib/wallets/catalog";
import { newNonce } from "@/lib/wallets/challenge";
import { formatReceipt, receiptHash, RECEIPT_TTL_MS, type ReceiptSubject } from "@/lib/wallets/receipt";
import { buildReceiptTransaction, verifyChallengeTransaction, type Sep10Domains } from "@/lib/wallets/sep10";
import { verifySignedMessage } from "@/lib/wallets/signature";
import type { Actor } from "@/lib/data/audit/write";
import { linkedAccountOf, multisigGate, type ApprovalCompletion, type ApprovalReplay } from "@/lib/data/approvals/gate";

type Tx = Prisma.TransactionClient;

/**
 * What the browser sends with a change: the wallet it will sign with, and once signed, the proof.
 * `approval` is never read from a request: lib/data/approvals sets it when the member who asked
 * completes a multisig workspace's pending approval, with the account as Horizon shows it now.
 */
export type StepUpRequest = {
  wallet?: string;
  nonce?: string;
  signature?: string;
  transaction?: string;
  approval?: ApprovalCompletion;
};

/** What the browser needs to have the receipt signed. */
export type StepUpAsk = {
  nonce: string;
  receipt: string;
  /** The signed-in address: the only one whose signature counts. */
  signer: string;
  proof: "message" | "transaction";
  /** The transaction to sign (base64 XDR), for a transaction-only wallet. */
  transaction?: string;
  networkPassphrase: string;
  wallet: string;
  expiresAt: string;
};

/**
 * Kept with the audit event: enough to verify the receipt offline. A multisig workspace's change
 * keeps its first signature here and every other one in `cosigners`, with the threshold met.
 */
export type StepUpRecord = {
  receipt: string;
  proof: "message" | "transaction";
  signature?: string;
  transaction?: string;
  signer: string;
  wallet: string;
  networkPassphrase: string;
  cosigners?: StepUpRecord[];
  multisig?: { approvalId: string; account: string; required: number; weight: number };
};

export type StepUpFailure = Failure<"step_up_required"> & { stepUp?: StepUpAsk; approvalId?: string };
export type StepUpPassed = { ok: true; record: StepUpRecord | null };

const KEEP_FOR_MS = 24 * 60 * 60 * 1000;
/** Receipts one user may have waiting at once: enough for several tabs, not a way to fill the table. */
export const MAX_OPEN_RECEIPTS = 20;

export const refuse = (message: string): StepUpFailure => ({ ok: false, code: "step_up_required", message });

/** This deployment's receipt identity: the configured public host (never a request's Host), as for sign-in. */
export function identity() {
  const host = new URL(env.publicOrigin).host;
  const network = WALLET_NETWORKS[env.SIGNIN_NETWORKS[0]!];
  const domains: Sep10Domains = { homeDomain: host, webAuthDomain: host };
  return { host, domains, passphrase: network.passphrase };
}

export async function stepUpGate(
  tx: Tx,
  actor: Actor,
  subject: ReceiptSubject,
  request: StepUpRequest | undefined,
  now = new Date(),
  replay?: ApprovalReplay,
): Promise<StepUpPassed | StepUpFailure> {
  // A workspace linked to a Stellar account answers to that account's signers instead (multisig).
  if (replay) {
    const linked = await linkedAccountOf(tx, replay.workspaceId);
    if (linked) return multisigGate(tx, actor, linked, subject, replay, request, now);
  }
  if (request?.approval) return refuse("This workspace is no longer linked to a Stellar account: make the change again.");
  if (actor.channel === "API") {
    return actor.threshold === "high"
      ? { ok: true, record: null }
      : refuse("This change needs a token whose signatures met the account's high threshold.");
  }
  const receiptOf = (e: ChallengeEnvelope) => formatReceipt(subject, { signer: actor.address, domain: identity().host, ...e });
  if (!request?.nonce) return issueChallenge(tx, actor, subject.action, request?.wallet, receiptOf, now);
  return checkChallenge(tx, actor, subject.action, request, receiptOf, now);
}

/** The one-time part of a receipt, as the challenge row keeps it. */
export type ChallengeEnvelope = { nonce: string; issuedAt: Date; expiresAt: Date };

/**
 * Stores a one-time receipt for the caller to sign (`action` names what it is for) and answers
 * step_up_required with it. `notAfter`: the receipt expires then at the latest (a pending approval's end).
 */
export async function issueChallenge(
  tx: Tx,
  actor: Actor,
  action: string,
  walletId: string | undefined,
  receiptOf: (e: ChallengeEnvelope) => string,
  now: Date,
  notAfter?: Date,
): Promise<StepUpFailure> {
  const wallet = walletInfo(walletId ?? "") ?? walletInfo("freighter")!;
  const { domains, passphrase } = identity();
  const nonce = newNonce();
  const expiresAt = new Date(Math.min(now.getTime() + RECEIPT_TTL_MS, notAfter?.getTime() ?? Infinity));
  const receipt = receiptOf({ nonce, issuedAt: now, expiresAt });
  const issued =
    wallet.proof === "transaction"
      ? buildReceiptTransaction(sep10SigningKey(), actor.address, passphrase, domains, receiptHash(receipt))
      : null;
  // Old receipts are useless once expired; a day's margin keeps replays diagnosable.
  await tx.stepUpChallenge.deleteMany({ where: { userId: actor.id, expiresAt: { lt: new Date(now.getTime() - KEEP_FOR_MS) } } });
  const open = await tx.stepUpChallenge.count({ where: { userId: actor.id, usedAt: null, expiresAt: { gt: now } } });
  if (open >= MAX_OPEN_RECEIPTS) return refuse("Too many approvals are waiting: sign or close one, or try again in 5 minutes.");
  await tx.stepUpChallenge.create({
    data: {
      nonce,
      userId: actor.id,
      action,
      kind: wallet.proof,
      wallet: wallet.id,
      networkPassphrase: passphrase,
      receipt,
      transaction: issued?.xdr ?? null,
      transactionHash: issued?.hash ?? null,
      issuedAt: now,
      expiresAt,
    },
  });
  return {
    ...refuse("Approve this change in your wallet: it needs a fresh signature."),
    stepUp: {
      nonce,
      receipt,
      signer: actor.address,
      proof: wallet.proof,
      ...(issued ? { transaction: issued.xdr } : {}),
      networkPassphrase: passphrase,
      wallet: wallet.id,
      expiresAt: expiresAt.toISOString(),
    },
  };
}

/**
 * Checks the proof of a receipt issueChallenge() stored: burnt first, the caller's, unexpired, for
 * `action`, equal to the receipt rebuilt now, and signed by the caller's own address.
 */
export async function checkChallenge(
  tx: Tx,
  actor: Actor,
  action: string,
  request: StepUpRequest,
  receiptOf: (e: ChallengeEnvelope) => string,
  now: Date,
): Promise<{ ok: true; record: StepUpRecord } | StepUpFailure> {
  // Burnt before anything is checked: a failed attempt cannot be retried with the same receipt.
  // Scoped to the caller, so another user's nonce reads as unknown and is left alone.
  const [row] = await tx.stepUpChallenge.updateManyAndReturn({
    where: { nonce: request.nonce, userId: actor.id, usedAt: null },
    data: { usedAt: now },
  });
  if (!row) return refuse("That approval was already used or is unknown: approve the change again.");
  if (row.expiresAt.getTime() <= now.getTime()) return refuse("That approval expired: approve the change again.");
  if (row.action !== action) return refuse("That approval was for another change: approve this one.");
  const expected = receiptOf({ nonce: row.nonce, issuedAt: row.issuedAt, expiresAt: row.expiresAt });
  if (expected !== row.receipt)
    return refuse("What you approved differs from this change (it, or the key, changed since): approve it again.");
  const record = { receipt: row.receipt, signer: actor.address, wallet: row.wallet, networkPassphrase: row.networkPassphrase };
  if (row.kind === "message") {
    if (!request.signature || !verifySignedMessage(actor.address, row.receipt, request.signature))
      return refuse("The wallet's signature does not match your account: approve the change with the wallet you signed in with.");
    return { ok: true, record: { ...record, proof: "message", signature: request.signature } };
  }
  const { domains } = identity();
  const verdict =
    request.transaction && row.transactionHash
      ? verifyChallengeTransaction(
          request.transaction,
          {
            serverAccountId: sep10SigningKey().publicKey(),
            address: actor.address,
            networkPassphrase: row.networkPassphrase,
            transactionHash: row.transactionHash,
            ...domains,
          },
          now,
        )
      : { ok: false as const };
  if (!verdict.ok)
    return refuse("The wallet's signature does not match your account: approve the change with the wallet you signed in with.");
  return { ok: true, record: { ...record, proof: "transaction", transaction: request.transaction } };
}
