/**
 * The account's pages (the profile, with its preferences): one width with every other signed-in
 * page, each page with its own heading. No tabs: API keys has its place in the sidebar (the
 * personal keys live at /w/<slug>/api-keys; /settings/api-keys redirects there), and preferences
 * are a section of the profile (#25.14).
 */
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return <div className="mx-auto max-w-6xl">{children}</div>;
}
