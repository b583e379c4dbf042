import "server-only";
// The delivery worker. Every instance runs one; they share the work through the database:
// a claim takes due deliveries with FOR UPDATE SKIP LOCKED and, in the same statement, moves
// their `nextAttemptAt` past the attempt's longest run (a lease), so no other worker takes
// them while they are in flight and a worker that dies mid-attempt leaves them to be retried.
// Each attempt is signed (Standard Webhooks), sent with timeouts to the address checked at
// connect time (lib/http/webhook-agent.ts), logged, and then the delivery is done, retried on
// the schedule of lib/webhooks/retry.ts, or failed; an endpoint failing for days is turned off.
import type { Agent } from "undici";
import { request } from "undici";
import { db } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import { processState } from "@/lib/core/process-state";
import { webhookAgent } from "@/lib/http/webhook-agent";
import { DISABLE_AFTER_MS, MAX_ATTEMPTS, retryDelay } from "@/lib/webhooks/retry";
import { signedHeaders } from "@/lib/webhooks/signing";
import { enqueueEndpointOffMail } from "@/lib/data/mail/endpoint-off";
import { sweepExpiries } from "./once";
import { pruneDelivered } from "./retention";
import { openSecret } from "./secrets";

/** An attempt's whole run may not exceed this; the lease is longer. */
const ATTEMPT_TIMEOUT_MS = 30_000;
const LEASE_MS = 2 * ATTEMPT_TIMEOUT_MS;
export const EXCERPT_BYTES = 1024;
const IDLE_POLL_MS = 1_000;
/** How often each worker offers to sweep for expiring keys (one instance at a time does). */
const SWEEP_EVERY_MS = 5 * 60_000;

const agents = processState("webhooks.agents", () => new Map<boolean, Agent>());
function agentFor(allowPrivate: boolean): Agent {
  let agent = agents.get(allowPrivate);
  if (!agent) agents.set(allowPrivate, (agent = webhookAgent({ allowPrivate })));
  return agent;
}

type Claimed = { id: string; attempts: number };

/** Takes up to `limit` due deliveries of enabled endpoints for this worker alone (see the file's comment). */
export async function claimDue(now: Date, limit: number): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + LEASE_MS);
  return db.$queryRaw<Claimed[]>`
    UPDATE "WebhookDelivery" d
    SET attempts = d.attempts + 1, "nextAttemptAt" = ${lease}, "lastAttemptAt" = ${now}
    FROM (
      SELECT d2.id FROM "WebhookDelivery" d2 JOIN "WebhookEndpoint" e ON e.id = d2."endpointId"
      WHERE d2.status = 'pending' AND d2."nextAttemptAt" <= ${now} AND e.enabled AND d2.attempts < ${MAX_ATTEMPTS}
      ORDER BY d2."nextAttemptAt" LIMIT ${limit}
      FOR UPDATE OF d2 SKIP LOCKED
    ) due
    WHERE d.id = due.id
    RETURNING d.id, d.attempts`;
}

export type AttemptOutcome = { status: number | null; error: string | null; latencyMs: number; excerpt: string | null };

/** The first bytes of the answer as text PostgreSQL can store (no NUL), at most EXCERPT_BYTES. */
async function excerptOf(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= EXCERPT_BYTES) break;
  }
  const text = Buffer.concat(chunks)
    .subarray(0, EXCERPT_BYTES)
    .toString("utf8")
    .replace(/\u0000/g, "");
  return Buffer.byteLength(text) > EXCERPT_BYTES ? text.slice(0, EXCERPT_BYTES - 3) : text;
}

/** Sends one signed attempt; never throws. */
export async function sendAttempt(
  url: string,
  secrets: string[],
  messageId: string,
  body: string,
  allowPrivate = env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
): Promise<AttemptOutcome> {
  const started = performance.now();
  const headers = {
    "content-type": "application/json",
    "user-agent": "Keyport-Webhooks/1",
    ...signedHeaders(secrets, messageId, Math.floor(Date.now() / 1000), body),
  };
  try {
    const res = await request(url, {
      method: "POST",
      headers,
      body,
      dispatcher: agentFor(allowPrivate),
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    const excerpt = await excerptOf(res.body);
    res.body.destroy();
    return { status: res.statusCode, error: null, latencyMs: Math.round(performance.now() - started), excerpt };
  } catch (error) {
    const e = error as { code?: string; message?: string; cause?: { message?: string } };
    const why = e.cause?.message ?? e.message ?? String(error);
    return {
      status: null,
      error: `${e.code ? `${e.code}: ` : ""}${why}`.slice(0, 300),
      latencyMs: Math.round(performance.now() - started),
      excerpt: null,
    };
  }
}

/** The secrets to sign with (the previous one during its overlap); null when they cannot be read, which is logged as the attempt's failure. */
function secretsOf(
  endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] | null {
  try {
    const secrets = [openSecret(endpoint.secret)];
    if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
      secrets.push(openSecret(endpoint.previousSecret));
    }
    return secrets;
  } catch {
    return null;
  }
}

/** Delivers one claimed delivery and records what happened. */
async function deliver(claimed: Claimed, now: Date): Promise<boolean> {
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: claimed.id },
    select: {
      messageId: true,
      message: { select: { payload: true } },
      endpoint: { select: { id: true, url: true, secret: true, previousSecret: true, previousSecretExpiresAt: true } },
    },
  });
  if (!delivery) return false;
  const { endpoint } = delivery;
  const secrets = secretsOf(endpoint, now);
  const outcome = secrets
    ? await sendAttempt(endpoint.url, secrets, delivery.messageId, JSON.stringify(delivery.message.payload))
    : { status: null, error: "The signing secret cannot be read (was AUTH_SECRET changed?): rotate it.", latencyMs: 0, excerpt: null };
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const delay = ok ? null : retryDelay(claimed.attempts);
  // Recorded only while the delivery is still this attempt's: a redelivery asked for meanwhile
  // (attempts reset) or another claim after the lease ran out is not overwritten by a stale result.
  const [, recorded] = await db.$transaction([
    db.webhookAttempt.create({
      data: {
        deliveryId: claimed.id,
        attempt: claimed.attempts,
        at: now,
        status: outcome.status,
        error: outcome.error,
        latencyMs: outcome.latencyMs,
        responseExcerpt: outcome.excerpt,
      },
    }),
    db.webhookDelivery.updateMany({
      where: { id: claimed.id, attempts: claimed.attempts, status: "pending" },
      data: ok
        ? { status: "succeeded", nextAttemptAt: null }
        : delay === null
          ? { status: "failed", nextAttemptAt: null }
          : { nextAttemptAt: new Date(now.getTime() + delay) },
    }),
  ]);
  if (recorded.count) await noteEndpointHealth(endpoint.id, ok, now);
  return ok;
}

/** A success clears the endpoint's run of failures; a failure starts one, and one older than DISABLE_AFTER_MS turns it off. */
async function noteEndpointHealth(endpointId: string, ok: boolean, now: Date) {
  if (ok) {
    await db.webhookEndpoint.updateMany({ where: { id: endpointId, failingSince: { not: null } }, data: { failingSince: null } });
    return;
  }
  await db.webhookEndpoint.updateMany({ where: { id: endpointId, failingSince: null }, data: { failingSince: now } });
  // Turned off and its owners and admins told by e-mail in one transaction: both or neither. The
  // conditional update lets one worker do it, however many noticed the failure at once.
  const disabled = await db.$transaction(async (tx) => {
    const [off] = await tx.$queryRaw<{ id: string; url: string; workspaceId: string; disabledReason: string | null; disabledAt: Date }[]>`
      UPDATE "WebhookEndpoint"
      SET enabled = false, "disabledAt" = ${now}, "disabledReason" = ${"Every delivery failed for 5 days."}, "updatedAt" = ${now}
      WHERE id = ${endpointId} AND enabled AND "failingSince" <= ${new Date(now.getTime() - DISABLE_AFTER_MS)}
      RETURNING id, url, "workspaceId", "disabledReason", "disabledAt"`;
    if (off) await enqueueEndpointOffMail(tx, off);
    return Boolean(off);
  });
  if (disabled) console.warn(`[webhooks] endpoint ${endpointId} turned off: every delivery failed for 5 days`);
}

/** One round: claims what is due at `now` and delivers it. Returns how many were claimed. */
export async function runWebhookDeliveries({ now = new Date(), limit = 50 }: { now?: Date; limit?: number } = {}): Promise<number> {
  const claimed = await claimDue(now, limit);
  await Promise.allSettled(claimed.map((c) => deliver(c, now)));
  return claimed.length;
}

const worker = processState("webhooks.worker", () => ({
  running: false,
  timer: undefined as ReturnType<typeof setTimeout> | undefined,
  round: Promise.resolve() as Promise<unknown>,
  lastSweep: 0,
}));

/** Starts this process's worker (server.ts): rounds back to back while work is due, else a poll each second. */
export function startWebhookWorker() {
  if (worker.running) return;
  worker.running = true;
  const loop = async () => {
    if (!worker.running) return;
    let claimed = 0;
    try {
      if (Date.now() - worker.lastSweep >= SWEEP_EVERY_MS) {
        worker.lastSweep = Date.now();
        await sweepExpiries();
        // On the same schedule: what was delivered over 30 days ago (one instance at a time, too).
        await pruneDelivered();
      }
      worker.round = runWebhookDeliveries();
      claimed = (await worker.round) as number;
    } catch (error) {
      console.warn(`[webhooks] delivery round failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    if (worker.running) worker.timer = setTimeout(() => void loop(), claimed ? 0 : IDLE_POLL_MS);
  };
  worker.timer = setTimeout(() => void loop(), IDLE_POLL_MS);
}

/** Stops the worker and waits for the round in flight (its deliveries are recorded; unclaimed ones wait for the next start). */
export async function stopWebhookWorker() {
  worker.running = false;
  clearTimeout(worker.timer);
  await worker.round.catch(() => {});
}
