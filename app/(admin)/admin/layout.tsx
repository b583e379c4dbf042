import { disconnect, disconnectEverywhere } from "@/app/(auth)/sign-in/actions";
import { AppShell } from "@/components/app-shell";
import { NavLink } from "@/components/nav-link";
import { QueryProvider } from "@/components/query-provider";
import { requireAdmin } from "@/lib/auth/session";

const TABS = [
  { href: "/admin", label: "Overview", exact: true },
  { href: "/admin/keys", label: "Keys" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit log" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  return (
    <QueryProvider>
      <AppShell user={user} signOut={{ disconnect, disconnectEverywhere }}>
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
