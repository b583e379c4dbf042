/**
 * The account's pages (the profile, with its preferences) and the personal API keys: one width
 * with every other signed-in page, each page with its own heading. No tabs: API keys has its
 * place in the sidebar, and preferences are a section of the profile (#25.14).
 */
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return <div className="mx-auto max-w-6xl">{children}</div>;
}
