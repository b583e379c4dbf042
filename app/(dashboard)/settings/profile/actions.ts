"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/actions/builder";
import { updateProfile } from "@/lib/data/users/account";
import { profileSchema } from "@/lib/validation/profile";

export const saveProfile = userAction.form(profileSchema, async (input, { user }) => {
  await updateProfile(user.id, input);
  revalidatePath("/", "layout"); // the wallet menu shows the name and image
  return { ok: true, data: null, message: "Profile updated." };
});
