// One e-mail switch of the profile's notifications card: which kind, on or off.
import { z } from "zod";
import { MAIL_KINDS } from "@/lib/mail/kinds";

export const mailPreferenceSchema = z.object({
  kind: z.enum(MAIL_KINDS, { error: "Choose one of Keyport's e-mails." }),
  on: z.boolean({ error: "on must be true or false." }),
});
