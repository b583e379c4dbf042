"use server";

import { userAction } from "@/lib/actions/builder";
import { updatePreferences } from "@/lib/data/users/account";
import { preferencesSchema } from "@/lib/validation/profile";

export const savePreferences = userAction.input(preferencesSchema, async (input, { user }) => {
  const saved = await updatePreferences(user.id, input);
  return { ok: true, data: saved, message: saved.saveEscrows ? "Escrows will be indexed." : "Escrows will not be indexed." };
});
