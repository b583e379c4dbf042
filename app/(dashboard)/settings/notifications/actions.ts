"use server";

import { userAction } from "@/lib/actions/builder";
import { setMailPreference } from "@/lib/data/mail/preferences";
import { MAIL_KIND_LABELS } from "@/lib/mail/kinds";
import { mailPreferenceSchema } from "@/lib/validation/mail";

export const saveMailPreference = userAction.input(mailPreferenceSchema, async ({ kind, on }, { user }) => {
  const saved = await setMailPreference(user.id, kind, on);
  return { ok: true, data: saved, message: `E-mail turned ${on ? "on" : "off"}: ${MAIL_KIND_LABELS[kind].label}.` };
});
