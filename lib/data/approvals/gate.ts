import "server-only";
// The step-up gate of a workspace linked to a Stellar account (multisig teams). Called by
// stepUpGate inside the change's transaction, after its rules passed, under its row locks.
// Without a completion it opens a pending approval (what is asked, the change's input, who
// asked), or finds the caller's identical one still open, and refuses with its id: the change
// waits for the account's signers (./approvals.ts). With a completion (set only by
// completeApproval, for the member who asked) it locks the approval's row, checks it is still
// pending, unexpired, for this account and exactly this change, counts the signatures of
// signers who are still members against the account's high threshold as Horizon shows it now,
// and marks it completed in the same transaction that makes the change: of parallel
// completions exactly one finds it pending.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { HorizonAccount } from "@/lib/http/horizon";
import { receiptSubjectLines, type ReceiptSubject } from "@/lib/wallets/receipt";
import { tally, type Tally } from "@/lib/wallets/multisig";
const shortAddress = (a: string) => `${a.slice(0, 5)}…${a.slice(-4)}`;
import type { Actor } from "@/lib/data/audit/write";
import { refuse, type StepUpFailure, type StepUpPassed, type StepUpRecord, type StepUpRequest } from "@/lib/data/step-up/gate";
import { storedInput, type ApprovalReplay } from "./input";

export type { ApprovalReplay } from "./input";

type Tx = Prisma.TransactionClient;

/** A completion: the approval, and its account as Horizon answered just before the transaction. */
export type ApprovalCompletion = { id: string; address: string; account: Extract<HorizonAccount, { exists: true }> };

/** How long a pending approval waits for its signers. */
export const APPROVAL_TTL_MS = 24 * 60 * 60 * 1000;
/** Approvals one workspace may have waiting at once. */
export const MAX_PENDING_APPROVALS = 20;

export async function linkedAccountOf(tx: Tx, workspaceId: string): Promise<string | null> {
  const row = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { linkedAccount: true } });
  return row?.linkedAccount ?? null;
}

type Refusal = StepUpFailure & { account?: string };
const refuseFor = (account: string, message: string): Refusal => ({ ...refuse(message), account });

export async function multisigGate(
  tx: Tx,
  actor: Actor,
  linked: string,
  subject: ReceiptSubject,
  replay: ApprovalReplay,
  request: StepUpRequest | undefined,
  now: Date,
): Promise<StepUpPassed | Refusal> {
  if (actor.channel === "API") {
    // The management API's one rule, for the linked account: a token for that account whose
    // signatures met its high threshold (the SEP-10 exchange counted them on Horizon).
    return actor.address === linked && actor.threshold === "high"
      ? { ok: true, record: null }
      : refuseFor(
          linked,
          `This workspace is linked to the Stellar account ${linked}: this change needs a token for that account whose signatures met its high threshold.`,
        );
  }
  if (request?.approval) return settleApproval(tx, actor, replay.workspaceId, linked, subject, request.approval, now);
  return openApproval(tx, actor, replay, linked, subject, now);
}

/** Opens (or finds the caller's identical open) approval; always a refusal naming it. */
export async function openApproval(
  tx: Tx,
  actor: Actor,
  replay: ApprovalReplay,
  account: string,
  subject: ReceiptSubject,
  now: Date,
): Promise<Refusal> {
  const { id } = await findOrOpen(tx, actor, replay, account, subject, now).then((r) => ("id" in r ? r : { id: null }));
  if (!id)
    return refuseFor(
      account,
      `This workspace has ${MAX_PENDING_APPROVALS} changes waiting for signatures: let them complete or expire first.`,
    );
  return {
    ...refuseFor(
      account,
      `This workspace is linked to the Stellar account ${shortAddress(account)}: this change needs signatures whose weight meets its high threshold. ` +
        `It now waits under Pending approvals on the Members page, where you and the other signers sign it.`,
    ),
    approvalId: id,
  };
}

/** The caller's open approval for exactly this change, or a new one; `full` when the workspace has too many waiting. */
export async function findOrOpen(
  tx: Tx,
  actor: Actor,
  replay: ApprovalReplay,
  account: string,
  subject: ReceiptSubject,
  now: Date,
): Promise<{ id: string; created: boolean } | { full: true }> {
  const lines = receiptSubjectLines(subject);
  const same = await tx.workspaceApproval.findFirst({
    where: { workspaceId: replay.workspaceId, askedById: actor.id, account, subject: lines, status: "pending", expiresAt: { gt: now } },
    select: { id: true },
  });
  if (same) return { id: same.id, created: false };
  const open = await tx.workspaceApproval.count({ where: { workspaceId: replay.workspaceId, status: "pending", expiresAt: { gt: now } } });
  if (open >= MAX_PENDING_APPROVALS) return { full: true };
  const created = await tx.workspaceApproval.create({
    data: {
      workspaceId: replay.workspaceId,
      action: subject.action,
      subject: lines,
      input: storedInput(replay.input),
      askedById: actor.id,
      account,
      expiresAt: new Date(now.getTime() + APPROVAL_TTL_MS),
    },
    select: { id: true },
  });
  return { id: created.id, created: true };
}

type Signature = Awaited<ReturnType<typeof signaturesOf>>[number];

/** An approval's signatures, oldest first, with whether each signer is still a member under the same address. */
export async function signaturesOf(tx: Tx, workspaceId: string, approvalId: string) {
  const rows = await tx.approvalSignature.findMany({ where: { approvalId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const members = await tx.membership.findMany({
    where: { workspaceId, userId: { in: rows.map((r) => r.userId) } },
    select: { userId: true, user: { select: { address: true } } },
  });
  const current = new Set(
    members.filter((m) => rows.some((r) => r.userId === m.userId && r.address === m.user.address)).map((m) => m.userId),
  );
  return rows.map((r) => ({ ...r, member: current.has(r.userId) }));
}

/** The weight of the signatures that count: signers of the account now, and members of the workspace now. */
export const tallyOf = (account: ApprovalCompletion["account"], signatures: Pick<Signature, "address" | "member">[]): Tally =>
  tally(
    account,
    signatures.filter((s) => s.member).map((s) => s.address),
  );

/**
 * Completes an approval inside the change's transaction (the workspace's row already locked):
 * every check again, then marked completed; the record keeps every signature that counted.
 */
export async function settleApproval(
  tx: Tx,
  actor: Actor,
  workspaceId: string,
  account: string,
  subject: ReceiptSubject,
  completion: ApprovalCompletion,
  now: Date,
): Promise<StepUpPassed | Refusal> {
  const [row] = await tx.$queryRaw<
    { id: string; action: string; subject: string; account: string; status: string; expiresAt: Date; askedById: string }[]
  >`
    SELECT id, action, subject, account, status::text AS status, "expiresAt", "askedById"
    FROM "WorkspaceApproval" WHERE id = ${completion.id} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  if (!row || row.askedById !== actor.id) return refuseFor(account, "That approval is unknown in this workspace.");
  if (row.status !== "pending") return refuseFor(account, "That approval was already completed: nothing changed again.");
  if (row.expiresAt.getTime() <= now.getTime())
    return refuseFor(account, "That approval expired before enough signers signed it: ask again.");
  if (row.account !== account || completion.address !== account)
    return refuseFor(account, "The workspace's linked Stellar account changed since this approval was asked: ask again.");
  if (row.action !== subject.action || row.subject !== receiptSubjectLines(subject))
    return refuseFor(account, "What was approved differs from this change now (the key or member changed since): ask again.");
  const signatures = await signaturesOf(tx, workspaceId, row.id);
  const weight = tallyOf(completion.account, signatures);
  if (!weight.met)
    return refuseFor(
      account,
      `The signatures that count now weigh ${weight.weight} of the ${weight.required} the account's high threshold needs: ${weight.missing} more.`,
    );
  await tx.workspaceApproval.update({ where: { id: row.id }, data: { status: "completed", completedAt: now } });
  const counted = signatures.filter((s) => s.member && weight.counted.some((c) => c.address === s.address && c.weight > 0)).map(recordOf);
  const [first, ...cosigners] = counted;
  return {
    ok: true,
    record: { ...first!, cosigners, multisig: { approvalId: row.id, account, required: weight.required, weight: weight.weight } },
  };
}

function recordOf(s: Signature): StepUpRecord {
  return {
    receipt: s.receipt,
    proof: s.kind,
    ...(s.signature ? { signature: s.signature } : {}),
    ...(s.transaction ? { transaction: s.transaction } : {}),
    signer: s.address,
    wallet: s.wallet,
    networkPassphrase: s.networkPassphrase,
  };
}
