import "server-only";
// Mainnet access requests: a user asks, an admin approves or declines. Every change locks
// the user's row first (the lock their key changes and the admin switches take), re-reads
// the request under it, asks lib/keys/mainnet-access.ts whether the change is allowed, and
// writes its audit event in the same transaction. So one user never has two pending
// requests, and two admins deciding the same request at once: the first wins.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requestRefusal, type MainnetAccessView, type MainnetRefusalCode, type MainnetRequestView } from "@/lib/keys/mainnet-access";
import { audit, type Actor } from "./audit";
import { lockOwner } from "./key-lifecycle";

type Tx = Prisma.TransactionClient;

export type MainnetFailure = MainnetRefusalCode | "not_found" | "not_pending" | "already_decided" | "self";
export type MainnetResult<T> = { ok: true; data: T } | { ok: false; code: MainnetFailure; message: string };

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
const USER_NOT_FOUND = { ok: false as const, code: "not_found" as const, message: "That user does not exist." };
const userTarget = (id: string) => ({ type: "user" as const, id });

/** What the user's API Keys page shows about Mainnet: approved or not, and their latest request. */
export async function getMainnetAccess(userId: string, client: Tx = db): Promise<MainnetAccessView> {
  const user = await client.user.findUnique({ where: { id: userId }, select: { useCase: true, mainnetApproved: true } });
  const latest = await client.mainnetRequest.findFirst({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: requestSelect,
  });
  return { approved: !!user?.mainnetApproved, hasUseCase: !!user?.useCase, latest: latest ? toView(latest) : null };
}

const pendingOf = (tx: Tx, userId: string) =>
  tx.mainnetRequest.findFirst({ where: { userId, status: "pending" }, select: { id: true, justification: true } });

/** The user asks for Mainnet. Checked under their row lock: one pending request at a time. */
export function requestMainnet(actor: Actor, justification: string): Promise<MainnetResult<MainnetAccessView>> {
  return db.$transaction(async (tx) => {
    const owner = await lockOwner(tx, actor.id);
    if (!owner) return USER_NOT_FOUND;
    const refusal = requestRefusal(owner, !!(await pendingOf(tx, actor.id)));
    if (refusal) return { ok: false as const, ...refusal };
    const created = await tx.mainnetRequest.create({ data: { userId: actor.id, justification }, select: { id: true } });
    await audit(tx, actor, "mainnet_request.create", userTarget(actor.id), { requestId: created.id, justification });
    return ok(await getMainnetAccess(actor.id, tx));
  });
}

/** The user takes back the pending request they see (to reword it, or because they no longer need it). */
export function withdrawMainnetRequest(actor: Actor, requestId: string): Promise<MainnetResult<MainnetAccessView>> {
  return db.$transaction(async (tx) => {
    if (!(await lockOwner(tx, actor.id))) return USER_NOT_FOUND;
    const pending = await pendingOf(tx, actor.id);
    if (pending?.id !== requestId) {
      return {
        ok: false as const,
        code: "not_pending" as const,
        message: "There is no pending request to withdraw: an admin may have just decided it.",
      };
    }
    // The row goes; the audit event keeps what it said.
    await tx.mainnetRequest.delete({ where: { id: pending.id } });
    await audit(tx, actor, "mainnet_request.withdraw", userTarget(actor.id), {
      requestId: pending.id,
      justification: pending.justification,
    });
    return ok(await getMainnetAccess(actor.id, tx));
  });
}

const when = (d: Date | null) => (d ? ` on ${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "");

/**
 * An admin approves (with an optional note) or declines (with the reason the user reads) a
 * pending request. Approving sets the user's Mainnet approval in the same transaction.
 */
export function decideMainnetRequest(
  actor: Actor,
  requestId: string,
  decision: "approve" | "decline",
  reason: string | null,
): Promise<MainnetResult<{ status: "approved" | "declined" }>> {
  return db.$transaction(async (tx) => {
    const found = await tx.mainnetRequest.findUnique({ where: { id: requestId }, select: { userId: true } });
    if (!found)
      return { ok: false as const, code: "not_found" as const, message: "That request does not exist: the user may have withdrawn it." };
    if (found.userId === actor.id) {
      return { ok: false as const, code: "self" as const, message: "You cannot decide your own request: ask another admin." };
    }
    const owner = await lockOwner(tx, found.userId);
    // Read again under the lock: another admin, or the user withdrawing, may have been first.
    const request = owner && (await tx.mainnetRequest.findUnique({ where: { id: requestId }, select: { status: true, decidedAt: true } }));
    if (!request) return { ok: false as const, code: "not_found" as const, message: "The user withdrew this request." };
    if (request.status !== "pending") {
      return {
        ok: false as const,
        code: "already_decided" as const,
        message: `This request was already ${request.status}${when(request.decidedAt)}, by another admin or the Mainnet switch.`,
      };
    }
    const status = decision === "approve" ? ("approved" as const) : ("declined" as const);
    await tx.mainnetRequest.update({
      where: { id: requestId },
      data: { status, decidedById: actor.id, decidedAt: new Date(), decisionReason: reason },
    });
    if (status === "approved" && !owner.mainnetApproved) {
      await tx.user.update({ where: { id: found.userId }, data: { mainnetApproved: true } });
    }
    await audit(tx, actor, `admin.mainnet_request.${decision}`, userTarget(found.userId), {
      requestId,
      ...(reason ? { reason } : {}),
    });
    return ok({ status });
  });
}

/**
 * The admin's Mainnet switch approved the user: a pending request is approved with it, in
 * the switch's transaction (the user's row already locked), so no request is left waiting.
 */
export async function approvePendingRequest(tx: Tx, actor: Actor, userId: string, now: Date): Promise<string | null> {
  const pending = await pendingOf(tx, userId);
  if (!pending) return null;
  await tx.mainnetRequest.update({ where: { id: pending.id }, data: { status: "approved", decidedById: actor.id, decidedAt: now } });
  await audit(tx, actor, "admin.mainnet_request.approve", userTarget(userId), { requestId: pending.id, via: "mainnet_switch" });
  return pending.id;
}
