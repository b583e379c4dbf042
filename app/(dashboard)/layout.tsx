import { disconnect, disconnectEverywhere } from "@/app/(auth)/sign-in/actions";
import { AppShell } from "@/components/app-shell";
import { QueryProvider } from "@/components/query-provider";
import { requireUser } from "@/lib/auth/session";
import { listMyInvitations } from "@/lib/data/workspaces/invitations";
import { listMyWorkspaces } from "@/lib/data/workspaces/access";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [workspaces, invitations] = await Promise.all([listMyWorkspaces(user.id), listMyInvitations(user.address)]);
  return (
    <QueryProvider>
      <AppShell user={user} signOut={{ disconnect, disconnectEverywhere }} workspaces={workspaces} invitations={invitations.length}>
        {children}
      </AppShell>
    </QueryProvider>
  );
}
