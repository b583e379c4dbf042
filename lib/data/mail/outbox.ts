import "server-only";
// The e-mail outbox, like the webhook outbox (lib/data/webhooks/outbox.ts): a mail is written in
// the transaction of the change that causes it, so a commit cannot lose it and a rollback never
// sends it; the worker (./worker.ts) sends what is due afterwards. Preferences are checked here,
// when the mail is queued: a person with no e-mail address, a suspended account or the kind
// turned off gets no row at all (a mail already queued is sent as it was decided).
import { randomBytes } from "node:crypto";
import { env } from "@/lib/core/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MailData, MailKind } from "@/lib/mail/kinds";

type Tx = Prisma.TransactionClient;

const newMailId = () => `mail_${randomBytes(16).toString("base64url")}`;

/**
 * Queues `kind` for each of `userIds` who has an address and has not turned the kind off.
 * `onceId`: a mail that must go once whoever notices its occasion (a key's expiry): each
 * recipient's row id is made from it, and a second writer finds it there and writes nothing.
 * Returns how many mails were queued. Without SMTP_URL nothing is queued (nothing would send it).
 */
export async function enqueueMail<K extends MailKind>(
  tx: Tx,
  kind: K,
  userIds: string[],
  data: MailData[K],
  opts: { onceId?: string; at?: Date } = {},
): Promise<number> {
  if (!env.mailEnabled || userIds.length === 0) return 0;
  const people = await tx.$queryRaw<{ id: string; email: string }[]>`
    SELECT id, email FROM "User"
    WHERE id = ANY(${[...new Set(userIds)]}::text[]) AND email IS NOT NULL AND email <> '' AND "suspendedAt" IS NULL
      AND NOT (${kind} = ANY(COALESCE("mailOptOut", ARRAY[]::text[])))`;
  if (!people.length) return 0;
  const at = opts.at ?? new Date();
  const written = await tx.mailMessage.createMany({
    data: people.map((p) => ({
      id: opts.onceId ? `${opts.onceId}_${p.id}` : newMailId(),
      kind,
      userId: p.id,
      to: p.email,
      data: data as Prisma.InputJsonValue,
      nextAttemptAt: at,
      createdAt: at,
    })),
    skipDuplicates: true,
  });
  return written.count;
}
