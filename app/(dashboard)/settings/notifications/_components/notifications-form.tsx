"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { SwitchRow } from "@/components/ui/switch-row";
import { useAction } from "@/components/use-action";
import { MAIL_KIND_LABELS, MAIL_KINDS, type MailKind } from "@/lib/mail/kinds";
import { saveMailPreference } from "../actions";

/**
 * One switch per e-mail Keyport sends, saved as it is flipped (the outcome in a toast, the
 * switch put back if the server refuses). Someone with no address is told so, with the way to
 * add one, and can still choose ahead of time.
 */
export function NotificationsForm({ email, off: initial, sending }: { email: string | null; off: MailKind[]; sending: boolean }) {
  const [off, setOff] = useState<MailKind[]>(initial);
  const save = useAction(saveMailPreference);

  async function toggle(kind: MailKind, on: boolean) {
    const previous = off;
    setOff(on ? off.filter((k) => k !== kind) : [...off, kind]); // optimistic
    const res = await save.run({ kind, on });
    if (res.ok) setOff(res.data.off);
    else setOff(previous);
  }

  return (
    <div className="max-w-3xl space-y-6">
      <Card
        title="E-mail notifications"
        description={
          email ? (
            <>
              What Keyport tells you at <span className="font-medium text-zinc-900 dark:text-zinc-100">{email}</span>. Saved as soon as you
              change them.
            </>
          ) : (
            "What Keyport tells you by e-mail. Saved as soon as you change them."
          )
        }
      >
        <div className="space-y-4">
          {!email && (
            <Alert tone="info">
              Your profile has no e-mail address, so Keyport sends you no e-mail.{" "}
              <a href="#email" className="font-semibold underline">
                Add an e-mail address
              </a>{" "}
              to receive the ones switched on below.
            </Alert>
          )}
          {!sending && <p className="text-sm text-zinc-600 dark:text-zinc-400">This Keyport server has no mail server set up yet.</p>}
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {MAIL_KINDS.map((kind) => (
              <li key={kind} className="py-3 first:pt-0 last:pb-0">
                <SwitchRow
                  label={MAIL_KIND_LABELS[kind].label}
                  description={MAIL_KIND_LABELS[kind].description}
                  checked={!off.includes(kind)}
                  onCheckedChange={(on) => void toggle(kind, on)}
                  disabled={save.pending}
                />
              </li>
            ))}
          </ul>
        </div>
      </Card>
      {save.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {save.error}
        </p>
      )}
    </div>
  );
}
