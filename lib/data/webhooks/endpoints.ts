import "server-only";
// A workspace's webhook endpoints, for its owners and admins (`webhooks.manage`). Every change
// locks the workspace's row and re-reads the caller's role under it (lockMember), then locks the
// endpoint's row, and writes its audit event in the same transaction. An endpoint is reached
// only through its workspace: another workspace's id reads as not found. The signing secret is
// returned on creation and rotation only, and stored sealed (./secrets.ts).
import { db } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import { fail, ok, type Result } from "@/lib/core/result";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit, type Actor } from "@/lib/data/audit/write";
import { lockMember, requireMember, type AccessFailure } from "@/lib/data/workspaces/access";
import { WEBHOOK_OVERLAPS, type WebhookChange, type WebhookEndpointView, type WebhookOverlap } from "@/lib/validation/webhooks";
import { generateWebhookSecret } from "@/lib/webhooks/signing";
import { targetRefusal } from "@/lib/webhooks/targets";
import { sealSecret } from "./secrets";

type Tx = Prisma.TransactionClient;

/** The most endpoints one workspace may have. */
export const MAX_ENDPOINTS = 20;

export type WebhookFailure =
  | AccessFailure["code"]
  | "invalid_url"
  | "private_target"
  | "too_many_endpoints"
  | "endpoint_off"
  | "too_many_waiting"
  | "rotation_in_progress";

export const NO_ENDPOINT = {
  ok: false as const,
  code: "not_found" as const,
  message: "That webhook endpoint does not exist in this workspace.",
};

const select = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  disabledAt: true,
  disabledReason: true,
  failingSince: true,
  previousSecretExpiresAt: true,
  createdAt: true,
} as const;
type Row = Prisma.WebhookEndpointGetPayload<{ select: typeof select }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toEndpointView(row: Row, now = new Date()): WebhookEndpointView {
  return {
    ...row,
    disabledAt: iso(row.disabledAt),
    failingSince: iso(row.failingSince),
    previousSecretExpiresAt:
      row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The audit log's target: the workspace (details name the endpoint). */
const inWorkspace = (workspaceId: string) => ({ type: "workspace" as const, id: workspaceId, workspaceId });

/** The URL's own refusal (scheme, a private address literal), as a failure; null when it may be used. */
function urlFailure(url: string) {
  const refusal = targetRefusal(url, env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
  return refusal ? fail(refusal.code, refusal.message) : null;
}

/** Runs `change` with the workspace locked for a caller allowed to manage its webhooks. */
function asManager<T>(actor: Actor, workspaceId: string, change: (tx: Tx) => Promise<Result<T, WebhookFailure>>) {
  return db.$transaction(async (tx): Promise<Result<T, WebhookFailure>> => {
    const access = await lockMember(tx, actor.id, workspaceId, "webhooks.manage");
    if (!access.ok) return access;
    return change(tx);
  });
}

async function lockEndpoint(tx: Tx, workspaceId: string, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "WebhookEndpoint" WHERE id = ${id} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  return rows.length > 0;
}

/** The workspace's endpoints, for a caller allowed to manage them. */
export async function listEndpoints(userId: string, workspaceId: string): Promise<Result<WebhookEndpointView[], WebhookFailure>> {
  const access = await requireMember(userId, { id: workspaceId }, "webhooks.manage");
  if (!access.ok) return access;
  const rows = await db.webhookEndpoint.findMany({ where: { workspaceId }, select, orderBy: { createdAt: "asc" } });
  const now = new Date();
  return ok(rows.map((r) => toEndpointView(r, now)));
}

export type NewEndpoint = { url: string; events: string[]; description?: string | null; enabled?: boolean };

export function createEndpoint(
  actor: Actor,
  workspaceId: string,
  input: NewEndpoint,
): Promise<Result<{ endpoint: WebhookEndpointView; secret: string }, WebhookFailure>> {
  return asManager(actor, workspaceId, async (tx) => {
    const refused = urlFailure(input.url);
    if (refused) return refused;
    if ((await tx.webhookEndpoint.count({ where: { workspaceId } })) >= MAX_ENDPOINTS) {
      return fail("too_many_endpoints", `This workspace has ${MAX_ENDPOINTS} webhook endpoints, the most allowed. Delete one first.`);
    }
    const secret = generateWebhookSecret();
    const row = await tx.webhookEndpoint.create({
      data: {
        workspaceId,
        url: input.url,
        events: input.events,
        description: input.description ?? null,
        enabled: input.enabled ?? true,
        secret: sealSecret(secret),
        createdById: actor.id,
      },
      select,
    });
    await audit(tx, actor, "webhook.create", inWorkspace(workspaceId), {
      endpointId: row.id,
      url: row.url,
      events: row.events,
    });
    return ok({ endpoint: toEndpointView(row), secret });
  });
}

export function updateEndpoint(
  actor: Actor,
  workspaceId: string,
  id: string,
  change: WebhookChange,
): Promise<Result<WebhookEndpointView, WebhookFailure>> {
  return asManager(actor, workspaceId, async (tx) => {
    if (!(await lockEndpoint(tx, workspaceId, id))) return NO_ENDPOINT;
    if (change.url !== undefined) {
      const refused = urlFailure(change.url);
      if (refused) return refused;
    }
    const before = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select });
    const data: Prisma.WebhookEndpointUpdateInput = {
      ...(change.url !== undefined && { url: change.url }),
      ...(change.events !== undefined && { events: change.events }),
      ...(change.description !== undefined && { description: change.description || null }),
      ...(change.enabled !== undefined && { enabled: change.enabled }),
      // Turned on again by a person: the disable for failing, and the run of failures, end.
      ...(change.enabled === true && { disabledAt: null, disabledReason: null, failingSince: null }),
    };
    const row = await tx.webhookEndpoint.update({ where: { id }, data, select });
    await audit(tx, actor, "webhook.update", inWorkspace(workspaceId), {
      endpointId: id,
      before: { url: before.url, events: before.events, enabled: before.enabled, description: before.description },
      after: { url: row.url, events: row.events, enabled: row.enabled, description: row.description },
    });
    return ok(toEndpointView(row));
  });
}

export function deleteEndpoint(actor: Actor, workspaceId: string, id: string): Promise<Result<WebhookEndpointView, WebhookFailure>> {
  return asManager(actor, workspaceId, async (tx) => {
    if (!(await lockEndpoint(tx, workspaceId, id))) return NO_ENDPOINT;
    const row = await tx.webhookEndpoint.delete({ where: { id }, select });
    await audit(tx, actor, "webhook.delete", inWorkspace(workspaceId), { endpointId: id, url: row.url });
    return ok(toEndpointView(row));
  });
}

/** A new secret, returned once; the old one signs beside it for `overlap` (receivers switch without missing a message). */
export function rotateEndpointSecret(
  actor: Actor,
  workspaceId: string,
  id: string,
  overlap: WebhookOverlap,
): Promise<Result<{ endpoint: WebhookEndpointView; secret: string }, WebhookFailure>> {
  return asManager(actor, workspaceId, async (tx) => {
    if (!(await lockEndpoint(tx, workspaceId, id))) return NO_ENDPOINT;
    const current = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: { secret: true, previousSecretExpiresAt: true } });
    const now = new Date();
    // A second rotation inside the first's overlap would drop the secret receivers were promised until then.
    if (current.previousSecretExpiresAt && current.previousSecretExpiresAt > now) {
      return {
        ok: false as const,
        code: "rotation_in_progress" as const,
        message: `The previous secret still signs until ${current.previousSecretExpiresAt.toISOString()}: rotate again after that.`,
      };
    }
    const secret = generateWebhookSecret();
    const keepOld = WEBHOOK_OVERLAPS[overlap] > 0;
    const row = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secret: sealSecret(secret),
        previousSecret: keepOld ? current.secret : null,
        previousSecretExpiresAt: keepOld ? new Date(now.getTime() + WEBHOOK_OVERLAPS[overlap]) : null,
      },
      select,
    });
    await audit(tx, actor, "webhook.rotate_secret", inWorkspace(workspaceId), { endpointId: id, overlap });
    return ok({ endpoint: toEndpointView(row, now), secret });
  });
}
