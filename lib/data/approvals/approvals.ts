import "server-only";
// Multisig teams: a workspace linked to a Stellar account, and its pending approvals. Linking,
// unlinking and every step-up change of a linked workspace (lib/wallets/step-up.ts) wait in a
// pending approval until the account's signers who are members have signed it with a weight
// that meets the account's high threshold, read from Horizon. Each signer signs a receipt that
// names them, the approval and the account, from their own session (SEP-53 message, or the
// transaction-only wallets' challenge transaction), checked as a step-up is (../step-up/gate.ts).
// The member who asked completes it: the change runs again from its stored input, under its own
// locks and rules, with Horizon read again (./gate.ts settles it). A change that shows nobody a
// secret (a role, an edit, linking) completes by itself when the last weight is signed.
import { db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fail, ok, type Result } from "@/lib/core/result";
import { HorizonUnavailable, horizonUrl, loadAccount } from "@/lib/http/horizon";
import { formatReceiptText, type ReceiptSubject } from "@/lib/wallets/receipt";
import { signerWeight, type Tally } from "@/lib/wallets/multisig";
import { audit, type Actor } from "@/lib/data/audit/write";
import { checkChallenge, identity, issueChallenge, type StepUpAsk, type StepUpRequest } from "@/lib/data/step-up/gate";
import { createKey, rotateKey, updateKey } from "@/lib/data/keys/lifecycle";
import type { KeyDTO } from "@/lib/data/keys/list";
import { changeRole } from "@/lib/data/workspaces/members";
import { findMember, lockMember, NO_WORKSPACE, requireMember } from "@/lib/data/workspaces/access";
import { findOrOpen, MAX_PENDING_APPROVALS, settleApproval, signaturesOf, tallyOf, type ApprovalCompletion } from "./gate";
import { approvalInputSchema } from "./input";

type Tx = Prisma.TransactionClient;
type Account = ApprovalCompletion["account"];

export type ApprovalFailure =
  | "not_found"
  | "forbidden"
  | "step_up_required"
  | "personal"
  | "already_linked"
  | "not_linked"
  | "account_not_found"
  | "horizon_unavailable"
  | "not_a_signer"
  | "already_signed"
  | "approval_closed"
  | "too_many_waiting";

/** Actions whose completion hands a secret to the member who asked: they finish it themselves. */
const SHOWS_SECRET = new Set(["key.create", "key.rotate"]);

const HORIZON_DOWN = fail(
  "horizon_unavailable",
  "Keyport could not read the Stellar account's signers from Horizon just now. Nothing changed; try again in a moment.",
);
const CLOSED = fail("approval_closed", "That approval is no longer waiting: it was completed or it expired.");
const NOT_FOUND = fail("not_found", "That approval does not exist in this workspace.");

/** The account as Horizon shows it now; a refusal when it does not exist or Horizon does not answer. */
async function readAccount(address: string): Promise<Result<Account, ApprovalFailure>> {
  try {
    const account = await loadAccount(horizonUrl(), address);
    if (!account.exists) return fail("account_not_found", `The Stellar account ${address} does not exist on this network.`);
    return ok(account);
  } catch (error) {
    if (error instanceof HorizonUnavailable) return HORIZON_DOWN;
    throw error;
  }
}

const receiptWorkspace = (w: { slug: string; name: string; personal: boolean }) => ({ slug: w.slug, name: w.name, personal: w.personal });

async function linkState(tx: Tx, workspaceId: string) {
  return tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { linkedAccount: true } });
}

/**
 * An owner asks to link the team to a Stellar account (G…). The account must exist and its
 * signers who are members must be able to meet its high threshold together; the link waits in a
 * pending approval for their signatures.
 */
export async function requestLink(
  actor: Actor,
  workspaceId: string,
  account: string,
): Promise<Result<{ approvalId: string }, ApprovalFailure>> {
  // Who may ask is checked before Horizon is: a stranger learns nothing and costs no request.
  const allowed = await requireMember(actor.id, { id: workspaceId }, "workspace.link");
  if (!allowed.ok) return allowed;
  const read = await readAccount(account);
  if (!read.ok) return read;
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "workspace.link");
    if (!access.ok) return access;
    if (access.workspace.personal) return fail("personal", "A personal workspace cannot be linked: create a team for a multisig account.");
    const { linkedAccount } = await linkState(tx, workspaceId);
    if (linkedAccount) return fail("already_linked", `This team is already linked to ${linkedAccount}: unlink it first.`);
    const members = await tx.membership.findMany({ where: { workspaceId }, select: { user: { select: { address: true } } } });
    const reachable = members.reduce((sum, m) => sum + signerWeight(read.data, m.user.address), 0);
    const required = Math.max(1, read.data.thresholds.high);
    if (reachable < required)
      return fail(
        "not_a_signer",
        `The account's signers who are members of this team weigh ${reachable} together; its high threshold needs ${required}. Invite its signers first.`,
      );
    const subject: ReceiptSubject = { action: "workspace.link", workspace: receiptWorkspace(access.workspace), account };
    return opened(tx, actor, workspaceId, account, subject, { action: "workspace.link", account });
  });
}

/** An owner asks to unlink the team: a sensitive change too, signed by the linked account's signers. */
export async function requestUnlink(actor: Actor, workspaceId: string): Promise<Result<{ approvalId: string }, ApprovalFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "workspace.link");
    if (!access.ok) return access;
    const { linkedAccount } = await linkState(tx, workspaceId);
    if (!linkedAccount) return fail("not_linked", "This team is not linked to a Stellar account.");
    const subject: ReceiptSubject = { action: "workspace.unlink", workspace: receiptWorkspace(access.workspace), account: linkedAccount };
    return opened(tx, actor, workspaceId, linkedAccount, subject, { action: "workspace.unlink", account: linkedAccount });
  });
}

async function opened(
  tx: Tx,
  actor: Actor,
  workspaceId: string,
  account: string,
  subject: ReceiptSubject,
  input: { action: "workspace.link" | "workspace.unlink"; account: string },
): Promise<Result<{ approvalId: string }, ApprovalFailure>> {
  const found = await findOrOpen(tx, actor, { workspaceId, input }, account, subject, new Date());
  if (!("id" in found))
    return fail(
      "too_many_waiting",
      `This workspace has ${MAX_PENDING_APPROVALS} changes waiting for signatures: let them complete or expire first.`,
    );
  if (found.created)
    await audit(
      tx,
      actor,
      "approval.request",
      { type: "workspace", id: workspaceId, workspaceId },
      { approvalId: found.id, action: subject.action, account },
    );
  return ok({ approvalId: found.id });
}

export type SignOutcome = { approvalId: string; weight: number; required: number; missing: number; completed: boolean };

/**
 * A member signs a pending approval with the address they signed in with. Without a proof: the
 * receipt to sign (a step_up_required answer, as any step-up). With one: checked, kept, and the
 * weight counted again; when it is met and the change shows no secret, it completes at once.
 */
export async function signApproval(
  actor: Actor,
  workspaceId: string,
  approvalId: string,
  request: StepUpRequest = {},
): Promise<Result<SignOutcome, ApprovalFailure> & { stepUp?: StepUpAsk }> {
  if (!(await findMember(actor.id, { id: workspaceId }))) return NO_WORKSPACE;
  const found = await db.workspaceApproval.findFirst({ where: { id: approvalId, workspaceId }, select: { account: true } });
  if (!found) return NOT_FOUND;
  const read = await readAccount(found.account);
  if (!read.ok) return read;
  if (signerWeight(read.data, actor.address) === 0)
    return fail("not_a_signer", `Your address ${actor.address} is not a signer of ${found.account}: your signature would not count.`);
  const now = new Date();
  const outcome = await db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "read");
    if (!access.ok) return access;
    const [row] = await tx.$queryRaw<
      { id: string; subject: string; account: string; status: string; expiresAt: Date; askedById: string; action: string }[]
    >`
      SELECT id, subject, account, status::text AS status, "expiresAt", "askedById", action
      FROM "WorkspaceApproval" WHERE id = ${approvalId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
    if (!row) return NOT_FOUND;
    if (row.status !== "pending" || row.expiresAt.getTime() <= now.getTime()) return CLOSED;
    const signed = await tx.approvalSignature.findUnique({ where: { approvalId_address: { approvalId, address: actor.address } } });
    if (signed) return fail("already_signed", "You have signed this approval already: it waits for the other signers.");
    const receiptOf = (e: { nonce: string; issuedAt: Date; expiresAt: Date }) =>
      formatReceiptText(row.subject, {
        signer: actor.address,
        domain: identity().host,
        ...e,
        approval: { id: row.id, account: row.account },
      });
    const action = `approval:${row.id}`;
    if (!request.nonce) return issueChallenge(tx, actor, action, request.wallet, receiptOf, now, row.expiresAt);
    const checked = await checkChallenge(tx, actor, action, request, receiptOf, now);
    if (!checked.ok) return checked;
    const r = checked.record;
    await tx.approvalSignature.create({
      data: {
        approvalId,
        userId: actor.id,
        address: actor.address,
        wallet: r.wallet,
        kind: r.proof,
        networkPassphrase: r.networkPassphrase,
        receipt: r.receipt,
        signature: r.signature ?? null,
        transaction: r.transaction ?? null,
      },
    });
    await audit(tx, actor, "approval.sign", { type: "workspace", id: workspaceId, workspaceId }, { approvalId, action: row.action }, r);
    const weight = tallyOf(read.data, await signaturesOf(tx, workspaceId, approvalId));
    return ok({ weight, row });
  });
  if (!outcome.ok) return outcome;
  const { weight, row } = outcome.data;
  const result = (completed: boolean): Result<SignOutcome, never> =>
    ok({ approvalId, weight: weight.weight, required: weight.required, missing: weight.missing, completed });
  if (!weight.met || SHOWS_SECRET.has(row.action)) return result(false);
  const asker = await db.user.findUniqueOrThrow({ where: { id: row.askedById }, select: { id: true, address: true } });
  const done = await completeApproval({ id: asker.id, address: asker.address, ip: null }, workspaceId, approvalId);
  return result(done.ok);
}

export type Completed = { action: string; key?: KeyDTO; plaintext?: string; oldKey?: KeyDTO };

/**
 * The member who asked completes an approval whose signatures meet the threshold: Horizon is read
 * again, and the change runs from its stored input under every rule it has (./gate.ts settles
 * the approval inside that transaction).
 */
/** The change a pending approval of `workspaceId` asks for (key.create, …), or null for any other id. */
export async function approvalAction(workspaceId: string, approvalId: string): Promise<string | null> {
  const row = await db.workspaceApproval.findFirst({ where: { id: approvalId, workspaceId, status: "pending" }, select: { action: true } });
  return row?.action ?? null;
}

export async function completeApproval(actor: Actor, workspaceId: string, approvalId: string): Promise<Result<Completed, string>> {
  const row = await db.workspaceApproval.findFirst({
    where: { id: approvalId, workspaceId },
    select: { askedById: true, account: true, input: true, status: true },
  });
  if (!row || !(await findMember(actor.id, { id: workspaceId }))) return NOT_FOUND;
  if (row.askedById !== actor.id) return fail("forbidden", "Only the member who asked for this change can complete it.");
  if (row.status !== "pending") return CLOSED;
  const input = approvalInputSchema.safeParse(row.input);
  if (!input.success) return NOT_FOUND;
  const read = await readAccount(row.account);
  if (!read.ok) return read;
  const approval = { approval: { id: approvalId, address: row.account, account: read.data } };
  const i = input.data;
  switch (i.action) {
    case "key.create": {
      const r = await createKey(actor, workspaceId, i.key, approval);
      return r.ok ? ok({ action: i.action, ...r.data }) : r;
    }
    case "key.rotate": {
      const r = await rotateKey(actor, workspaceId, i.keyId, i.overlap, approval);
      return r.ok ? ok({ action: i.action, ...r.data }) : r;
    }
    case "key.update": {
      const r = await updateKey(actor, workspaceId, i.keyId, i.edit, approval);
      return r.ok ? ok({ action: i.action, key: r.data }) : r;
    }
    case "member.role_change": {
      const r = await changeRole(actor, workspaceId, i.userId, i.role, approval);
      return r.ok ? ok({ action: i.action }) : r;
    }
    case "workspace.link":
    case "workspace.unlink":
      return applyLink(actor, workspaceId, i.action, i.account, approval.approval);
  }
}

function applyLink(
  actor: Actor,
  workspaceId: string,
  action: "workspace.link" | "workspace.unlink",
  account: string,
  completion: ApprovalCompletion,
): Promise<Result<Completed, string>> {
  return db.$transaction(async (tx) => {
    const now = new Date();
    const access = await lockMember(tx, actor.id, workspaceId, "workspace.link");
    if (!access.ok) return access;
    const { linkedAccount } = await linkState(tx, workspaceId);
    if (action === "workspace.link" && linkedAccount) return fail("already_linked", `This team is already linked to ${linkedAccount}.`);
    if (action === "workspace.unlink" && linkedAccount !== account)
      return fail("not_linked", "This team is no longer linked to that account.");
    const subject: ReceiptSubject = { action, workspace: receiptWorkspace(access.workspace), account };
    const settled = await settleApproval(tx, actor, workspaceId, account, subject, completion, now);
    if (!settled.ok) return settled;
    await tx.workspace.update({
      where: { id: workspaceId },
      data: action === "workspace.link" ? { linkedAccount: account, linkedAt: now } : { linkedAccount: null, linkedAt: null },
    });
    await audit(tx, actor, action, { type: "workspace", id: workspaceId, workspaceId }, { account }, settled.record);
    return ok({ action });
  });
}

/** The workspace's link, for its settings page (the page has checked membership). */
export async function workspaceLink(workspaceId: string): Promise<{ linkedAccount: string | null; linkedAt: string | null }> {
  const w = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { linkedAccount: true, linkedAt: true } });
  return { linkedAccount: w.linkedAccount, linkedAt: w.linkedAt?.toISOString() ?? null };
}

export type ApprovalView = {
  id: string;
  action: string;
  /** What is asked, as the receipt says it (one line each). */
  lines: string[];
  account: string;
  askedBy: { address: string; name: string | null; isYou: boolean };
  createdAt: string;
  expiresAt: string;
  signatures: { address: string; name: string | null; weight: number | null; wallet: string; at: string }[];
  /** From Horizon now; null when it did not answer. */
  tally: Pick<Tally, "weight" | "required" | "missing" | "met"> | null;
  mySignerWeight: number | null;
  canSign: boolean;
  canComplete: boolean;
};

export type MultisigView = { linkedAccount: string | null; linkedAt: string | null; approvals: ApprovalView[] };

/** A member's view of the workspace's link and its pending approvals (unexpired), newest first. */
export async function listApprovals(
  actor: Pick<Actor, "id" | "address">,
  workspaceId: string,
): Promise<Result<MultisigView, ApprovalFailure>> {
  const member = await findMember(actor.id, { id: workspaceId });
  if (!member) return NO_WORKSPACE;
  const now = new Date();
  const [workspace, rows] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { linkedAccount: true, linkedAt: true } }),
    db.workspaceApproval.findMany({
      where: { workspaceId, status: "pending", expiresAt: { gt: now } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAX_PENDING_APPROVALS,
      select: {
        id: true,
        action: true,
        subject: true,
        account: true,
        createdAt: true,
        expiresAt: true,
        askedBy: { select: { id: true, address: true, name: true } },
      },
    }),
  ]);
  const accounts = new Map<string, Account | null>();
  for (const address of new Set(rows.map((r) => r.account))) {
    const read = await readAccount(address);
    accounts.set(address, read.ok ? read.data : null);
  }
  const approvals: ApprovalView[] = [];
  for (const row of rows) {
    const account = accounts.get(row.account) ?? null;
    const signatures = await signaturesOf(db, workspaceId, row.id);
    const names = await db.user.findMany({ where: { id: { in: signatures.map((s) => s.userId) } }, select: { id: true, name: true } });
    const t = account ? tallyOf(account, signatures) : null;
    const mine = account ? signerWeight(account, actor.address) : null;
    const signedByMe = signatures.some((s) => s.address === actor.address);
    approvals.push({
      id: row.id,
      action: row.action,
      lines: row.subject.split("\n"),
      account: row.account,
      askedBy: { address: row.askedBy.address, name: row.askedBy.name, isYou: row.askedBy.id === actor.id },
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      signatures: signatures.map((s) => ({
        address: s.address,
        name: names.find((n) => n.id === s.userId)?.name ?? null,
        weight: account ? (s.member ? signerWeight(account, s.address) : 0) : null,
        wallet: s.wallet,
        at: s.createdAt.toISOString(),
      })),
      tally: t && { weight: t.weight, required: t.required, missing: t.missing, met: t.met },
      mySignerWeight: mine,
      canSign: !signedByMe && (mine ?? 1) > 0,
      canComplete: row.askedBy.id === actor.id && !!t?.met,
    });
  }
  return ok({ linkedAccount: workspace.linkedAccount, linkedAt: workspace.linkedAt?.toISOString() ?? null, approvals });
}
