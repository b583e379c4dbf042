import "server-only";
// The outbox: an event is written in the transaction of the change that caused it, one
// message and one delivery per endpoint that chose it, so a commit can never lose it and a
// rollback never sends it. The worker (./worker.ts) delivers what is due afterwards.
// audit() (lib/data/audit/write.ts) calls recordAuditWebhook for every change it records.
import { randomBytes } from "node:crypto";
import type { AuditAction } from "@/lib/audit/actions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { buildPayload, subscribed, type WebhookData, type WebhookEventType } from "@/lib/webhooks/events";
import { eventFromAudit, factsNeeded, webhookEventOf } from "@/lib/webhooks/from-audit";

type Tx = Prisma.TransactionClient;

export const newMessageId = () => `msg_${randomBytes(16).toString("base64url")}`;

/**
 * Writes `type` for the workspace's enabled endpoints that chose it (or only `endpointId`, for
 * a test event): nothing at all when none did. Returns the message id, or null. A `messageId`
 * of the caller's making (an event that must be sent once, whoever notices it first: a key's
 * expiry, its first refusal in an hour) is written at most once: a second writer finds it there
 * and writes nothing.
 */
export async function enqueueWebhook<T extends WebhookEventType>(
  tx: Tx,
  workspaceId: string,
  type: T,
  data: WebhookData<T>,
  opts: { endpointId?: string; at?: Date; messageId?: string } = {},
): Promise<string | null> {
  // Under a key-share lock: an endpoint deleted meanwhile waits for this change to commit, so its
  // deliveries never point at a row that is gone (a foreign-key failure would undo the change itself).
  const endpoints = opts.endpointId
    ? await tx.$queryRaw<{ id: string; events: string[] }[]>`
        SELECT id, events FROM "WebhookEndpoint" WHERE id = ${opts.endpointId} AND "workspaceId" = ${workspaceId} FOR KEY SHARE`
    : await tx.$queryRaw<{ id: string; events: string[] }[]>`
        SELECT id, events FROM "WebhookEndpoint" WHERE "workspaceId" = ${workspaceId} AND enabled FOR KEY SHARE`;
  const targets = opts.endpointId ? endpoints : endpoints.filter((e) => subscribed(e.events, type));
  if (!targets.length) return null;
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, slug: true } });
  const id = opts.messageId ?? newMessageId();
  const at = opts.at ?? new Date();
  const written = await tx.webhookMessage.createMany({
    data: [{ id, workspaceId, type, payload: buildPayload(type, workspace, data, at) as Prisma.InputJsonValue, createdAt: at }],
    skipDuplicates: true,
  });
  if (written.count === 0) return null;
  await tx.webhookDelivery.createMany({ data: targets.map((e) => ({ messageId: id, endpointId: e.id, nextAttemptAt: at })) });
  return id;
}

/** The webhook event of an audited change in a workspace, if receivers are told of that action. */
export async function recordAuditWebhook(
  tx: Tx,
  action: AuditAction,
  target: { type: string; id: string; workspaceId?: string },
  details: unknown,
  actorAddress: string,
): Promise<void> {
  const type = webhookEventOf(action);
  if (!type || !target.workspaceId) return;
  // Most workspaces have no endpoint: one indexed read, and nothing else, for them.
  const any = await tx.webhookEndpoint.findFirst({ where: { workspaceId: target.workspaceId, enabled: true }, select: { id: true } });
  if (!any) return;
  const need = factsNeeded(action, target.type);
  const key =
    need === "key"
      ? ((await tx.apiKey.findUnique({ where: { id: target.id }, select: { id: true, name: true, network: true } })) ?? undefined)
      : undefined;
  const user =
    need === "user" ? ((await tx.user.findUnique({ where: { id: target.id }, select: { address: true } })) ?? undefined) : undefined;
  const event = eventFromAudit({
    action,
    target,
    details: details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>) : {},
    actorAddress,
    key,
    user,
  });
  if (event) await enqueueWebhook(tx, target.workspaceId, event.type, event.data as never);
}
