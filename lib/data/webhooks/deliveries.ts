import "server-only";
// An endpoint's delivery log, its "Send test event" and "Redeliver", for the workspace's owners
// and admins. Both writes lock the workspace and the endpoint like every other change, are
// audited, and leave the sending to the worker (./worker.ts) through the outbox.
import { db } from "@/lib/database/client";
import { fail, ok, type Result } from "@/lib/core/result";
import { audit, type Actor } from "@/lib/data/audit/write";
import { lockMember, requireMember } from "@/lib/data/workspaces/access";
import type { WebhookDeliveryView } from "@/lib/validation/webhooks";
import { NO_ENDPOINT, type WebhookFailure } from "./endpoints";
import { enqueueWebhook } from "./outbox";

const LOG_SIZE = 50;
const NO_DELIVERY = fail("not_found", "That delivery does not exist for this endpoint.");
/** The worker sends nothing to an endpoint that is off: a test or a redelivery would only wait. */
const OFF = fail("endpoint_off", "This endpoint is off: turn it on first, then send again.");
/** Deliveries one endpoint may have waiting before a test or a redelivery is refused: clicks cannot flood the worker. */
export const MAX_WAITING = 10;
const BUSY = fail(
  "too_many_waiting",
  `This endpoint already has ${MAX_WAITING} deliveries waiting: let them be delivered (or fail) before sending more by hand.`,
);

/** Under the endpoint's row lock: whether it has room for one more delivery sent by hand. */
async function busy(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], endpointId: string) {
  const [row] = await tx.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM "WebhookDelivery" WHERE "endpointId" = ${endpointId} AND status = 'pending'`;
  return (row?.waiting ?? 0) >= MAX_WAITING;
}

/** The endpoint's latest deliveries, newest first, each with its attempts. */
export async function listDeliveries(
  userId: string,
  workspaceId: string,
  endpointId: string,
): Promise<Result<WebhookDeliveryView[], WebhookFailure>> {
  const access = await requireMember(userId, { id: workspaceId }, "webhooks.manage");
  if (!access.ok) return access;
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: endpointId, workspaceId }, select: { id: true } });
  if (!endpoint) return NO_ENDPOINT;
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LOG_SIZE,
    select: {
      id: true,
      messageId: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      createdAt: true,
      message: { select: { type: true } },
      log: {
        orderBy: { at: "asc" },
        select: { attempt: true, at: true, status: true, error: true, latencyMs: true, responseExcerpt: true },
      },
    },
  });
  return ok(
    rows.map(({ message, log, ...d }) => ({
      ...d,
      type: message.type,
      nextAttemptAt: d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
      createdAt: d.createdAt.toISOString(),
      log: log.map((a) => ({ ...a, at: a.at.toISOString() })),
    })),
  );
}

/** Queues a `webhook.test` message to this endpoint alone, whatever events it chose. */
export function sendTestEvent(
  actor: Actor,
  workspaceId: string,
  endpointId: string,
): Promise<Result<{ messageId: string }, WebhookFailure>> {
  return db.$transaction(async (tx): Promise<Result<{ messageId: string }, WebhookFailure>> => {
    const access = await lockMember(tx, actor.id, workspaceId, "webhooks.manage");
    if (!access.ok) return access;
    const [locked] = await tx.$queryRaw<{ enabled: boolean }[]>`
      SELECT enabled FROM "WebhookEndpoint" WHERE id = ${endpointId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
    if (!locked) return NO_ENDPOINT;
    if (!locked.enabled) return OFF;
    if (await busy(tx, endpointId)) return BUSY;
    const messageId = await enqueueWebhook(
      tx,
      workspaceId,
      "webhook.test",
      { endpointId, message: "A test event from Keyport: this endpoint receives and verifies webhooks." },
      { endpointId },
    );
    await audit(tx, actor, "webhook.test", { type: "workspace", id: workspaceId, workspaceId }, { endpointId, messageId });
    return ok({ messageId: messageId! });
  });
}

/** Sends a delivery again now, with the whole retry schedule ahead of it (the same `webhook-id`, so receivers can de-duplicate). */
export function redeliver(
  actor: Actor,
  workspaceId: string,
  endpointId: string,
  deliveryId: string,
): Promise<Result<{ messageId: string }, WebhookFailure>> {
  return db.$transaction(async (tx): Promise<Result<{ messageId: string }, WebhookFailure>> => {
    const access = await lockMember(tx, actor.id, workspaceId, "webhooks.manage");
    if (!access.ok) return access;
    const locked = await tx.$queryRaw<{ messageId: string; enabled: boolean }[]>`
      SELECT d."messageId", e.enabled FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
      WHERE d.id = ${deliveryId} AND d."endpointId" = ${endpointId} AND e."workspaceId" = ${workspaceId}
      FOR UPDATE OF d`;
    if (!locked.length) {
      const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, workspaceId }, select: { id: true } });
      return endpoint ? NO_DELIVERY : NO_ENDPOINT;
    }
    if (!locked[0]!.enabled) return OFF;
    if (await busy(tx, endpointId)) return BUSY;
    await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "pending", attempts: 0, nextAttemptAt: new Date() } });
    await audit(tx, actor, "webhook.redeliver", { type: "workspace", id: workspaceId, workspaceId }, { endpointId, deliveryId });
    return ok({ messageId: locked[0]!.messageId });
  });
}
