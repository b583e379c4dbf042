import { NavLink } from "@/components/nav-link";

const TABS = [
  { href: "/settings/profile", label: "Profile" },
  { href: "/settings/preferences", label: "Preferences" },
  { href: "/settings/api-keys", label: "API Keys" },
];

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <nav aria-label="Settings" className="mt-4 flex flex-wrap gap-1 border-b border-zinc-200 pb-2 dark:border-zinc-800">
        {TABS.map((t) => (
          <NavLink key={t.href} href={t.href}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      <div className="mt-6">{children}</div>
    </div>
  );
}
