import { disconnect, disconnectEverywhere } from "@/app/(auth)/sign-in/actions";
import { AppShell } from "@/components/app-shell";
import { QueryProvider } from "@/components/query-provider";
import { requireUser } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <QueryProvider>
      <AppShell user={user} signOut={{ disconnect, disconnectEverywhere }}>
        {children}
      </AppShell>
    </QueryProvider>
  );
}
