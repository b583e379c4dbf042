"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/session";
import { updateProfile } from "@/lib/data/users";
import { profileFieldErrors, profileSchema, type ProfileFields } from "@/lib/validation/profile";

const FIELDS: ProfileFields[] = ["name", "email", "country", "phone", "useCase", "image"];

export async function saveProfile(_prev: unknown, form: FormData): Promise<ActionResult<null, ProfileFields>> {
  const user = await requireUser();
  const raw = Object.fromEntries(FIELDS.map((f) => [f, form.get(f) ?? ""]));
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, message: "Some fields need attention.", fieldErrors: profileFieldErrors(parsed.error) };
  }
  await updateProfile(user.id, parsed.data);
  revalidatePath("/", "layout"); // the wallet menu shows the name and image
  return { ok: true, data: null, message: "Profile updated." };
}
