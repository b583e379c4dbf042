import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getProfile } from "@/lib/data/users";
import { ProfileForm } from "./_components/profile-form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUser();
  const profile = await getProfile(user.id);
  if (!profile) return null; // requireUser already checked the account exists
  return <ProfileForm profile={profile} />;
}
