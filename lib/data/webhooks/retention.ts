import "server-only";
// Retention: what was delivered is kept 30 days, for the delivery log and support, then pruned.
// A message goes with its deliveries and their attempts (cascades) once every delivery of it
// succeeded; a failed or pending one is kept, since it can still be redelivered. A sent e-mail
// goes 30 days after it was sent; a failed one is kept for its error. One instance at a time (an
// advisory lock, as the expiry sweep), in batches so one sweep never holds a long transaction.
import { db } from "@/lib/database/client";

export const RETENTION_MS = 30 * 24 * 3_600_000;
/** The advisory lock of the retention sweep (any number no other code uses). */
export const RETENTION_LOCK = 4_801_227_030;
const BATCH = 5_000;

/** Deletes delivered webhook messages and sent mails older than 30 days; returns how many, or null when another instance is at it. */
export async function pruneDelivered(now = new Date()): Promise<{ messages: number; mails: number } | null> {
  const before = new Date(now.getTime() - RETENTION_MS);
  return db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ taken: boolean }[]>`SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK}::bigint) AS taken`;
    if (!lock?.taken) return null;
    const messages = await tx.$executeRaw`
      DELETE FROM "WebhookMessage" WHERE id IN (
        SELECT m.id FROM "WebhookMessage" m
        WHERE m."createdAt" < ${before}
          AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."messageId" = m.id AND d.status <> 'succeeded')
        LIMIT ${BATCH})`;
    const mails = await tx.$executeRaw`
      DELETE FROM "MailMessage" WHERE id IN (
        SELECT id FROM "MailMessage" WHERE status = 'sent' AND "sentAt" < ${before} LIMIT ${BATCH})`;
    return { messages, mails };
  });
}
