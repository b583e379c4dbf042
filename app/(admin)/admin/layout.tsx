import { disconnect, disconnectEverywhere } from "@/app/(auth)/sign-in/actions";
import { AppShell } from "@/components/app-shell";
import { NavLink } from "@/components/nav-link";
import { QueryProvider } from "@/components/query-provider";
import { requireAdmin } from "@/lib/auth/session";
import { listMyInvitations } from "@/lib/data/workspaces/invitations";
import { listMyWorkspaces } from "@/lib/data/workspaces/access";

const TABS = [
  { href: "/admin", label: "Overview", exact: true },
  { href: "/admin/keys", label: "Keys" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/workspaces", label: "Workspaces" },
  { href: "/admin/audit", label: "Audit log" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  const [workspaces, invitations] = await Promise.all([listMyWorkspaces(user.id), listMyInvitations(user.address)]);
  return (
    <QueryProvider>
      <AppShell user={user} signOut={{ disconnect, disconnectEverywhere }} workspaces={workspaces} invitations={invitations.length}>
        <div className="mx-auto max-w-7xl">
          <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
          <nav aria-label="Admin" className="mt-4 flex flex-wrap gap-1 border-b border-zinc-200 pb-2 dark:border-zinc-800">
            {TABS.map((t) => (
              <NavLink key={t.href} href={t.href} exact={t.exact}>
                {t.label}
              </NavLink>
            ))}
          </nav>
          <div className="mt-6">{children}</div>
        </div>
      </AppShell>
    </QueryProvider>
  );
}
