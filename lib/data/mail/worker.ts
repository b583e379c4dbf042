import "server-only";
// The e-mail worker. Every instance runs one when SMTP_URL is set; they share the outbox through
// the database like the webhook worker: a claim takes due mails FOR UPDATE SKIP LOCKED and, in
// the same statement, moves their `nextAttemptAt` past the longest a send can take (a lease), so
// no other worker takes a mail while it is being sent and one whose worker died is sent later.
// The result is recorded only while the row is still this attempt's (attempts unchanged).
import { env } from "@/lib/core/env";
import { processState } from "@/lib/core/process-state";
import { db } from "@/lib/database/client";
import { isMailKind } from "@/lib/mail/kinds";
import { MAIL_MAX_ATTEMPTS, mailRetryDelay } from "@/lib/mail/retry";
import { renderMail } from "@/lib/mail/templates";
import { sendMail } from "@/lib/smtp/transport";

/** A stalled send is ended by lib/smtp/transport.ts's timeouts (10 s to connect, 10 s for the greeting, 30 s idle) long before this. */
const LEASE_MS = 5 * 60_000;
const IDLE_POLL_MS = 1_000;

type Claimed = { id: string; attempts: number; kind: string; to: string; data: unknown };

/** Takes up to `limit` due mails for this worker alone (see the file's comment). */
export async function claimDueMail(now: Date, limit: number): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    UPDATE "MailMessage" m
    SET attempts = m.attempts + 1, "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}, "lastAttemptAt" = ${now}
    FROM (
      SELECT id FROM "MailMessage"
      WHERE status = 'pending' AND "nextAttemptAt" <= ${now} AND attempts < ${MAIL_MAX_ATTEMPTS}
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE m.id = due.id
    RETURNING m.id, m.attempts, m.kind, m."to", m.data`;
}

/** Renders and sends one claimed mail, and records what happened. Returns whether it was sent. */
async function send(mail: Claimed, now: Date): Promise<boolean> {
  let outcome: { ok: true } | { ok: false; error: string; permanent: boolean };
  try {
    if (!isMailKind(mail.kind)) throw new Error(`unknown kind ${mail.kind}`);
    const rendered = renderMail(mail.kind, mail.data as never, env.publicOrigin);
    outcome = await sendMail({ to: mail.to, ...rendered, messageId: `<${mail.id}@keyport>` });
  } catch (error) {
    // A row this code cannot render will not render on a retry either.
    outcome = {
      ok: false,
      error: `cannot render: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300),
      permanent: true,
    };
  }
  const delay = outcome.ok ? null : mailRetryDelay(mail.attempts, outcome.permanent);
  await db.mailMessage.updateMany({
    where: { id: mail.id, attempts: mail.attempts, status: "pending" },
    data: outcome.ok
      ? { status: "sent", sentAt: new Date(), nextAttemptAt: null, lastError: null }
      : delay === null
        ? { status: "failed", nextAttemptAt: null, lastError: outcome.error }
        : { nextAttemptAt: new Date(now.getTime() + delay), lastError: outcome.error },
  });
  // Which mail and why, never its address or body.
  if (!outcome.ok) console.warn(`[mail] ${mail.kind} ${mail.id} attempt ${mail.attempts} failed: ${outcome.error}`);
  return outcome.ok;
}

/** One round: claims what is due at `now` and sends it, one SMTP connection per mail (so at most `limit` at once). Returns how many were claimed. */
export async function runMailDeliveries({ now = new Date(), limit = 10 }: { now?: Date; limit?: number } = {}): Promise<number> {
  const claimed = await claimDueMail(now, limit);
  await Promise.allSettled(claimed.map((m) => send(m, now)));
  return claimed.length;
}

const worker = processState("mail.worker", () => ({
  running: false,
  timer: undefined as ReturnType<typeof setTimeout> | undefined,
  round: Promise.resolve() as Promise<unknown>,
}));

/** Starts this process's worker (server.ts) when SMTP_URL is set: rounds back to back while mail is due, else a poll each second. */
export function startMailWorker() {
  if (worker.running || !env.mailEnabled) return;
  worker.running = true;
  const loop = async () => {
    if (!worker.running) return;
    let claimed = 0;
    try {
      worker.round = runMailDeliveries();
      claimed = (await worker.round) as number;
    } catch (error) {
      console.warn(`[mail] round failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    if (worker.running) worker.timer = setTimeout(() => void loop(), claimed ? 0 : IDLE_POLL_MS);
  };
  worker.timer = setTimeout(() => void loop(), IDLE_POLL_MS);
}

/** Stops the worker and waits for the round in flight (what it did not claim waits in the outbox). */
export async function stopMailWorker() {
  worker.running = false;
  clearTimeout(worker.timer);
  await worker.round.catch(() => {});
}
