import "server-only";
// Events no change's transaction writes, sent once whoever notices them first: a key's first
// refusal for its rate limit in an hour (key.rate_limited, from the key check), and its expiry
// 7 days and 1 day ahead and when it comes (key.expiring, key.expired, from the worker's sweep),
// with the "expires soon" e-mail of the same sweep.
// Each has a message id made from the key and the occasion, so a second instance (or a second
// sweep) writing the same event finds it there and writes nothing (see enqueueWebhook).
import { env } from "@/lib/core/env";
import { db } from "@/lib/database/client";
import { enqueueExpiringMail } from "@/lib/data/mail/expiring";
import type { KeyNetwork } from "@/lib/networks/key";
import { enqueueWebhook } from "./outbox";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type KeyRef = { id: string; name: string; network: KeyNetwork; workspaceId: string };

/** key.rate_limited for the hour `at` falls in; null when it was written already (or nobody listens). */
export function recordRateLimited(key: KeyRef, limit: number, at = new Date()): Promise<string | null> {
  const hour = Math.floor(at.getTime() / HOUR);
  return db.$transaction((tx) =>
    enqueueWebhook(
      tx,
      key.workspaceId,
      "key.rate_limited",
      { key: { id: key.id, name: key.name, network: key.network }, limit, window: "minute" },
      { at, messageId: `msg_rl_${key.id}_${hour}` },
    ),
  );
}

/** The advisory lock of the expiry sweep (any number no other code uses). */
export const EXPIRY_SWEEP_LOCK = 4_801_227_027;

type Due = {
  id: string;
  name: string;
  network: KeyNetwork;
  workspaceId: string;
  createdById: string;
  expiresAt: Date;
  /** The workspace has an enabled endpoint (else only the e-mail is written). */
  hooked: boolean;
};

/**
 * Writes key.expiring (7 days and 1 day ahead) and key.expired for the keys of workspaces with an
 * enabled endpoint, and the "expires soon" e-mail (7 days and 1 day ahead, lib/data/mail/expiring.ts)
 * for every key when e-mail is on. One instance at a time (an advisory lock a sweep finding it taken
 * skips); the message and mail ids make each once per key and expiry in any case. Rotated and revoked
 * keys are left out (a rotation's old key stops on purpose), and so are keys expired over a day ago
 * (no backlog after a pause). Returns how many events and mails it wrote.
 */
export async function sweepExpiries(now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ taken: boolean }[]>`SELECT pg_try_advisory_xact_lock(${EXPIRY_SWEEP_LOCK}::bigint) AS taken`;
    if (!lock?.taken) return 0;
    const keys = await tx.$queryRaw<Due[]>`
      SELECT k.id, k.name, k.network::text AS network, k."workspaceId", k."createdById", k."expiresAt", h.hooked FROM "ApiKey" k
      CROSS JOIN LATERAL (
        SELECT EXISTS (SELECT 1 FROM "WebhookEndpoint" e WHERE e."workspaceId" = k."workspaceId" AND e.enabled) AS hooked
      ) h
      WHERE k."expiresAt" > ${new Date(now.getTime() - DAY)} AND k."expiresAt" <= ${new Date(now.getTime() + 7 * DAY)}
        AND k."revokedAt" IS NULL AND k."replacedById" IS NULL
        AND (h.hooked OR ${env.mailEnabled}::boolean)`;
    let written = 0;
    for (const k of keys) {
      const key = { id: k.id, name: k.name, network: k.network };
      const left = k.expiresAt.getTime() - now.getTime();
      const daysLeft = Math.ceil(left / DAY);
      // Once per key and expiry: a key whose owner moved its expiry is warned again for the new one.
      const at = k.expiresAt.getTime().toString(36);
      if (left > 0) written += await enqueueExpiringMail(tx, k, left <= DAY ? 1 : 7, daysLeft, now);
      if (!k.hooked) continue;
      const event =
        left <= 0
          ? await enqueueWebhook(
              tx,
              k.workspaceId,
              "key.expired",
              { key, expiredAt: k.expiresAt.toISOString() },
              {
                messageId: `msg_expired_${k.id}_${at}`,
              },
            )
          : await enqueueWebhook(
              tx,
              k.workspaceId,
              "key.expiring",
              { key, expiresAt: k.expiresAt.toISOString(), daysLeft },
              { messageId: `msg_expiring${left <= DAY ? 1 : 7}_${k.id}_${at}` },
            );
      if (event) written++;
    }
    return written;
  });
}
