"use server";

import type { ActionResult } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/session";
import { updatePreferences } from "@/lib/data/users";
import { preferencesSchema } from "@/lib/validation/profile";

export async function savePreferences(input: unknown): Promise<ActionResult<{ saveEscrows: boolean }>> {
  const user = await requireUser();
  const parsed = preferencesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid preferences." };
  const saved = await updatePreferences(user.id, parsed.data);
  return { ok: true, data: saved, message: saved.saveEscrows ? "Escrows will be indexed." : "Escrows will not be indexed." };
}
