import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getProfile } from "@/lib/data/users";
import { PreferencesForm } from "./_components/preferences-form";

export const metadata: Metadata = { title: "Preferences" };

export default async function PreferencesPage() {
  const user = await requireUser();
  const profile = await getProfile(user.id);
  return <PreferencesForm saveEscrows={profile?.saveEscrows ?? true} />;
}
