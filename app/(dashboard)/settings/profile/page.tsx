import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/core/env";
import { getMailPreferences } from "@/lib/data/mail/preferences";
import { getProfile } from "@/lib/data/users/account";
import { COUNTRY_CODES } from "@/lib/validation/profile";
import { NotificationsForm } from "../notifications/_components/notifications-form";
import { PreferencesForm } from "../preferences/_components/preferences-form";
import { ProfileForm } from "./_components/profile-form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUser();
  const [profile, mail] = await Promise.all([getProfile(user.id), getMailPreferences(user.id)]);
  if (!profile || !mail) return null; // requireUser already checked the account exists
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  const countries = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Profile</h1>
      <ProfileForm profile={profile} countries={countries} />
      <section id="preferences" aria-label="Preferences" className="scroll-mt-20">
        <PreferencesForm saveEscrows={profile.saveEscrows ?? true} />
      </section>
      <section id="notifications" aria-label="E-mail notifications" className="scroll-mt-20">
        <NotificationsForm email={mail.email} off={mail.off} sending={env.mailEnabled} />
      </section>
    </div>
  );
}
