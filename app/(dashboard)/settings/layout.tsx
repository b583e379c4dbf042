import { NavLink } from "@/components/nav-link";

const TABS = [
  { href: "/settings/profile", label: "Profile" },
  { href: "/settings/preferences", label: "Preferences" },
  { href: "/settings/api-keys", label: "API Keys" },
];

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <div className="mt-6 flex flex-col gap-8 md:flex-row">
        <nav aria-label="Settings" className="flex gap-1 md:w-48 md:flex-col">
          {TABS.map((t) => (
            <NavLink key={t.href} href={t.href}>
              {t.label}
            </NavLink>
          ))}
        </nav>
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </div>
  );
}
