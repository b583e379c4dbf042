import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getProfile } from "@/lib/data/users/account";
import { COUNTRY_CODES } from "@/lib/validation/profile";
import { PreferencesForm } from "../preferences/_components/preferences-form";
import { ProfileForm } from "./_components/profile-form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUser();
  const profile = await getProfile(user.id);
  if (!profile) return null; // requireUser already checked the account exists
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  const countries = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Profile</h1>
      <ProfileForm profile={profile} countries={countries} />
      <section id="preferences" aria-label="Preferences" className="scroll-mt-20">
        <PreferencesForm saveEscrows={profile.saveEscrows ?? true} />
      </section>
    </div>
  );
}
