import "server-only";
import type { AuditAction } from "@/lib/audit/actions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditMail } from "@/lib/data/mail/from-audit";
import { recordAuditWebhook } from "@/lib/data/webhooks/outbox";
import type { StepUpRecord } from "@/lib/data/step-up/gate";

/**
 * Who did it and from where; taken from the session and request, never from input. `channel`:
 * "API" when they acted through the management API with a SEP-10 token (absent: the screens).
 */
export type Actor = {
  id: string;
  address: string;
  ip: string | null;
  channel?: "API";
  /** API only: the highest threshold the SEP-10 token's signatures met (the API's step-up). */
  threshold?: "low" | "medium" | "high";
};

type Tx = Prisma.TransactionClient;

/**
 * What changed; `workspaceId` when it happened in a workspace (its keys, members, invitations,
 * approval), so the workspace's owners and admins read it in their team's log.
 */
export type AuditTarget = { type: "api_key" | "user" | "workspace" | "invitation"; id: string; workspaceId?: string };

/**
 * Appends an audit event inside the caller's transaction: the change and its record commit
 * together, and so do its webhook event (lib/data/webhooks/outbox.ts) and its e-mail
 * (lib/data/mail/from-audit.ts), if it has them. A change made with a step-up keeps its signed
 * receipt with the event (not in the webhook's payload or the mail).
 */
export async function audit(
  tx: Tx,
  actor: Actor,
  action: AuditAction,
  target: AuditTarget,
  details?: Prisma.InputJsonValue,
  stepUp?: StepUpRecord | null,
) {
  const event = await tx.auditEvent.create({
    data: {
      actorId: actor.id,
      actorAddress: actor.address,
      action,
      workspaceId: target.workspaceId ?? null,
      targetType: target.type,
      targetId: target.id,
      ip: actor.ip,
      channel: actor.channel ?? null,
      details,
      ...(stepUp ? { stepUp } : {}),
    },
  });
  await recordAuditWebhook(tx, action, target, details, actor.address);
  await recordAuditMail(tx, action, target, details);
  return event;
}
