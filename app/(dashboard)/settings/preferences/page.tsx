import { redirect } from "next/navigation";

/** Preferences are a section of the profile now (one switch did not need a page of its own). */
export default function PreferencesPage() {
  redirect("/settings/profile#preferences");
}
