import "server-only";
// Mainnet access requests: a workspace's owner or admin asks, a site admin approves or
// declines; approval belongs to the workspace. Every change locks the workspace's row first
// (the lock its key changes and the admin switch take), re-reads the caller's membership and
// the request under it, asks lib/keys/mainnet-access.ts whether the change is allowed, and
// writes its audit event (with the workspace) in the same transaction. So one workspace never
// has two pending requests, and two admins deciding the same request at once: the first wins.
import { db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/core/result";
import { workspaceUseCase } from "@/lib/keys/lifecycle";
import { requestRefusal, type MainnetAccessView, type MainnetRefusalCode, type MainnetRequestView } from "@/lib/keys/mainnet-access";
import { audit, type Actor } from "@/lib/data/audit/write";
import { lockMember, lockWorkspace, type AccessFailure } from "@/lib/data/workspaces/access";
import { stepUpGate, type StepUpRequest } from "@/lib/data/step-up/gate";
import { approvalSubject } from "@/lib/data/step-up/approval";
import { needsStepUp } from "@/lib/wallets/step-up";

type Tx = Prisma.TransactionClient;

export type MainnetFailure =
  MainnetRefusalCode | "not_found" | "forbidden" | "not_pending" | "already_decided" | "self" | "step_up_required";

const requestSelect = {
  id: true,
  status: true,
  justification: true,
  createdAt: true,
  decidedAt: true,
  decisionReason: true,
} satisfies Prisma.MainnetRequestSelect;
type RequestRow = Prisma.MainnetRequestGetPayload<{ select: typeof requestSelect }>;

const toView = (r: RequestRow): MainnetRequestView => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

const ok = <T>(data: T) => ({ ok: true as const, data });
// The requester is the audit target, as before workspaces; the event carries the workspace.
const requesterTarget = (userId: string, workspaceId: string) => ({ type: "user" as const, id: userId, workspaceId });

/** What a workspace's API Keys page shows about Mainnet: approved or not, and its latest request. */
export async function getMainnetAccess(workspaceId: string, userId: string, client: Tx = db): Promise<MainnetAccessView> {
  // One after another: `client` may be a transaction, whose one connection runs one query at a
  // time (pg warns about queries queued on a busy client, and will refuse them).
  const workspace = await client.workspace.findUnique({
    where: { id: workspaceId },
    select: { mainnetApproved: true, personal: true, useCase: true },
  });
  const user = await client.user.findUnique({ where: { id: userId }, select: { useCase: true } });
  const latest = await client.mainnetRequest.findFirst({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: requestSelect,
  });
  const { useCase } = workspaceUseCase(workspace, user?.useCase);
  return { approved: !!workspace?.mainnetApproved, hasUseCase: !!useCase, latest: latest ? toView(latest) : null };
}

const pendingOf = (tx: Tx, workspaceId: string) =>
  tx.mainnetRequest.findFirst({ where: { workspaceId, status: "pending" }, select: { id: true, justification: true, userId: true } });

const requester = async (tx: Tx, userId: string) =>
  (
    await tx.$queryRaw<
      { useCase: string | null; suspendedAt: Date | null }[]
    >`SELECT "useCase", "suspendedAt" FROM "User" WHERE id = ${userId} FOR SHARE`
  )[0];

const denied = (a: AccessFailure) => ({ ok: false as const, code: a.code, message: a.message });

/** An owner or admin asks for Mainnet for their workspace. Checked under its row lock: one pending request at a time. */
export function requestMainnet(
  actor: Actor,
  workspaceId: string,
  justification: string,
): Promise<Result<MainnetAccessView, MainnetFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "mainnet.request");
    if (!access.ok) return denied(access);
    const user = await requester(tx, actor.id);
    if (!user) return { ok: false as const, code: "not_found" as const, message: "That user does not exist." };
    const owner = { ...user, mainnetApproved: access.workspace.mainnetApproved, ...workspaceUseCase(access.workspace, user.useCase) };
    const refusal = requestRefusal(owner, !!(await pendingOf(tx, workspaceId)));
    if (refusal) return { ok: false as const, ...refusal };
    const created = await tx.mainnetRequest.create({ data: { workspaceId, userId: actor.id, justification }, select: { id: true } });
    await audit(tx, actor, "mainnet_request.create", requesterTarget(actor.id, workspaceId), { requestId: created.id, justification });
    return ok(await getMainnetAccess(workspaceId, actor.id, tx));
  });
}

/** An owner or admin takes back the workspace's pending request (to reword it, or because it is no longer needed). */
export function withdrawMainnetRequest(
  actor: Actor,
  workspaceId: string,
  requestId: string,
): Promise<Result<MainnetAccessView, MainnetFailure>> {
  return db.$transaction(async (tx) => {
    const access = await lockMember(tx, actor.id, workspaceId, "mainnet.request");
    if (!access.ok) return denied(access);
    const pending = await pendingOf(tx, workspaceId);
    if (pending?.id !== requestId) {
      return {
        ok: false as const,
        code: "not_pending" as const,
        message: "There is no pending request to withdraw: an admin may have just decided it.",
      };
    }
    // The row goes; the audit event keeps what it said.
    await tx.mainnetRequest.delete({ where: { id: pending.id } });
    await audit(tx, actor, "mainnet_request.withdraw", requesterTarget(pending.userId, workspaceId), {
      requestId: pending.id,
      justification: pending.justification,
    });
    return ok(await getMainnetAccess(workspaceId, actor.id, tx));
  });
}

const when = (d: Date | null) => (d ? ` on ${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "");

/**
 * An admin approves (with an optional note) or declines (with the reason the requester reads) a
 * pending request. Approving sets the workspace's Mainnet approval in the same transaction. An
 * admin cannot decide for a workspace they belong to.
 */
export function decideMainnetRequest(
  actor: Actor,
  requestId: string,
  decision: "approve" | "decline",
  reason: string | null,
  stepUp?: StepUpRequest,
): Promise<Result<{ status: "approved" | "declined" }, MainnetFailure>> {
  return db.$transaction(async (tx) => {
    const found = await tx.mainnetRequest.findUnique({ where: { id: requestId }, select: { userId: true, workspaceId: true } });
    if (!found)
      return { ok: false as const, code: "not_found" as const, message: "That request does not exist: the user may have withdrawn it." };
    const mine = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: found.workspaceId, userId: actor.id } },
      select: { id: true },
    });
    if (found.userId === actor.id || mine) {
      return { ok: false as const, code: "self" as const, message: "You cannot decide your own request: ask another admin." };
    }
    const workspace = await lockWorkspace(tx, found.workspaceId);
    // Read again under the lock: another admin, or the user withdrawing, may have been first.
    const request =
      workspace && (await tx.mainnetRequest.findUnique({ where: { id: requestId }, select: { status: true, decidedAt: true } }));
    if (!workspace || !request) return { ok: false as const, code: "not_found" as const, message: "The user withdrew this request." };
    if (request.status !== "pending") {
      return {
        ok: false as const,
        code: "already_decided" as const,
        message: `This request was already ${request.status}${when(request.decidedAt)}, by another admin or the Mainnet switch.`,
      };
    }
    const status = decision === "approve" ? ("approved" as const) : ("declined" as const);
    // Approving lets Mainnet keys exist: the admin's wallet signs it (a decline needs no signature).
    const signed =
      status === "approved" && needsStepUp({ action: "admin.mainnet_approve" })
        ? await stepUpGate(tx, actor, await approvalSubject(tx, workspace), stepUp)
        : null;
    if (signed && !signed.ok) return signed;
    await tx.mainnetRequest.update({
      where: { id: requestId },
      data: { status, decidedById: actor.id, decidedAt: new Date(), decisionReason: reason },
    });
    if (status === "approved" && !workspace.mainnetApproved) {
      await tx.workspace.update({ where: { id: workspace.id }, data: { mainnetApproved: true } });
    }
    await audit(
      tx,
      actor,
      `admin.mainnet_request.${decision}`,
      requesterTarget(found.userId, workspace.id),
      {
        requestId,
        ...(reason ? { reason } : {}),
      },
      signed?.record,
    );
    return ok({ status });
  });
}

/**
 * The admin's Mainnet switch approved the workspace: a pending request is approved with it, in
 * the switch's transaction (the workspace's row already locked), so no request is left waiting.
 */
export async function approvePendingRequest(tx: Tx, actor: Actor, workspaceId: string, now: Date): Promise<string | null> {
  const pending = await pendingOf(tx, workspaceId);
  if (!pending) return null;
  await tx.mainnetRequest.update({ where: { id: pending.id }, data: { status: "approved", decidedById: actor.id, decidedAt: now } });
  await audit(tx, actor, "admin.mainnet_request.approve", requesterTarget(pending.userId, workspaceId), {
    requestId: pending.id,
    via: "mainnet_switch",
  });
  return pending.id;
}
