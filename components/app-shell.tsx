import { Logo } from "./logo";
import type { ReactNode } from "react";
import type { CurrentUser } from "@/lib/auth/session";
import { NavLink } from "./nav-link";
import { Toaster } from "./toaster";
import { WalletMenu, type SignOutActions } from "./wallet-menu";
import { WorkspaceSwitcher, type SwitcherWorkspace } from "./workspace-switcher";

type Props = {
  user: CurrentUser;
  signOut: SignOutActions;
  workspaces: SwitcherWorkspace[];
  invitations: number;
  children: ReactNode;
};

/**
 * The signed-in frame: the workspace switcher and navigation on the left, the wallet menu at its
 * bottom-left. The toasts live here, not in the root layout: only signed-in pages raise them, and
 * the sign-in page stays lighter without their code (which loads on demand: components/toaster.tsx).
 */
export function AppShell({ user, signOut, workspaces, invitations, children }: Props) {
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <aside className="flex shrink-0 flex-col border-b border-zinc-200 bg-white md:sticky md:top-0 md:h-screen md:w-64 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="px-5 py-4">
          <Logo />
        </div>
        <div className="px-3 pb-2">
          <WorkspaceSwitcher workspaces={workspaces} invitations={invitations} />
        </div>
        <nav aria-label="Main" className="flex flex-wrap gap-1 px-3 pb-2 md:flex-1 md:flex-col md:flex-nowrap md:pb-0">
          <NavLink href="/settings" except={["/settings/api-keys"]}>
            Settings
          </NavLink>
          <NavLink href="/docs">API reference</NavLink>
          {user.isAdmin && <NavLink href="/admin">Admin</NavLink>}
        </nav>
        <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">
          <WalletMenu address={user.address} name={user.name} image={user.image} signOut={signOut} />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-8 md:px-10">
        {children}
      </main>
      <Toaster />
    </div>
  );
}
