import { redirect } from "next/navigation";
import { landingFor } from "@/lib/auth/landing";
import { getCurrentUser } from "@/lib/auth/session";
import { personalWorkspace } from "@/lib/data/workspaces/access";

export default async function Home() {
  const user = await getCurrentUser();
  redirect(user ? landingFor(user, await personalWorkspace(user.id)) : "/sign-in");
}
