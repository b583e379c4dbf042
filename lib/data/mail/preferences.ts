import "server-only";
// Which e-mails a person receives: one switch per kind (lib/mail/kinds.ts), all on by default.
// Stored as the kinds turned off, changed one kind at a time in one statement, so two switches
// flipped at once both stick. Read when a mail is queued (./outbox.ts).
import { db } from "@/lib/database/client";
import { MAIL_KINDS, type MailKind } from "@/lib/mail/kinds";

export type MailPreferences = { email: string | null; off: MailKind[] };

const known = (kinds: string[] | null) => MAIL_KINDS.filter((k) => kinds?.includes(k));

export async function getMailPreferences(userId: string): Promise<MailPreferences | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, mailOptOut: true } });
  return user && { email: user.email, off: known(user.mailOptOut) };
}

/** Turns one kind on or off for the user; returns the kinds now off. */
export async function setMailPreference(userId: string, kind: MailKind, on: boolean): Promise<{ off: MailKind[] }> {
  const [row] = await db.$queryRaw<{ off: string[] | null }[]>`
    UPDATE "User" SET "updatedAt" = now(), "mailOptOut" = CASE
      WHEN ${on}::boolean THEN array_remove(COALESCE("mailOptOut", ARRAY[]::text[]), ${kind})
      WHEN ${kind} = ANY(COALESCE("mailOptOut", ARRAY[]::text[])) THEN "mailOptOut"
      ELSE array_append(COALESCE("mailOptOut", ARRAY[]::text[]), ${kind}) END
    WHERE id = ${userId}
    RETURNING "mailOptOut" AS off`;
  return { off: known(row?.off ?? []) };
}
