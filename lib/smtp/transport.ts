import "server-only";
// The one way Keyport hands a mail to its SMTP server (nodemailer, from SMTP_URL and MAIL_FROM).
// One transport per process, made on first use; each send opens its own connection, and its
// timeouts end a stalled one long before the outbox's lease on the mail runs out
// (lib/data/mail/worker.ts). Nothing here logs a message's body or the URL's password.
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/lib/core/env";
import { processState } from "@/lib/core/process-state";
import { isPermanentSmtpFailure } from "@/lib/mail/retry";

export type OutgoingMail = { to: string; subject: string; text: string; html: string; messageId: string };
/** `permanent`: the server's final refusal (5xx), not worth retrying. */
export type SendOutcome = { ok: true } | { ok: false; error: string; permanent: boolean };

/** Connect, greeting and idle limits: a server that stops answering ends the send within seconds, not minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const state = processState("smtp.transport", () => ({ transport: null as Transporter<SMTPTransport.SentMessageInfo> | null }));

function transport(): Transporter<SMTPTransport.SentMessageInfo> {
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set");
  state.transport ??= nodemailer.createTransport(new SMTPTransport({ url: env.SMTP_URL, ...TIMEOUTS }));
  return state.transport;
}

/** Sends one mail; never throws. */
export async function sendMail(mail: OutgoingMail): Promise<SendOutcome> {
  try {
    await transport().sendMail({
      from: env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // The same Message-ID on every attempt of one outbox row: a receiving server or client
      // can recognise the rare second copy (a crash after the server took it, before it was recorded).
      messageId: mail.messageId,
    });
    return { ok: true };
  } catch (error) {
    const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
    // The server's answer, first line only: enough to see why, never a body.
    const why = (e.response ?? e.message ?? String(error)).split("\n")[0]!;
    return {
      ok: false,
      error: `${e.code ? `${e.code}: ` : ""}${why}`.slice(0, 300),
      permanent: isPermanentSmtpFailure(e.responseCode),
    };
  }
}

/** For start-up's log line: where mail goes, without the credentials. */
export function smtpServerLabel(): string | null {
  if (!env.SMTP_URL) return null;
  const url = new URL(env.SMTP_URL);
  return `${url.protocol}//${url.host}`;
}
