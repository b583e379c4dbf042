import Link from "next/link";
import { Logo } from "./logo";
import { Alert } from "./ui/alert";
import type { ReactNode } from "react";
import type { CurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/core/env";
import { gatewayGetRoutes, offeredKeyScopes } from "@/lib/gateway/config";
import { KeyOptionsProvider } from "./offered-scopes";
import { SupportProvider } from "./support-context";
import { NavLink } from "./nav-link";
import { ShellFrame } from "./shell-frame";
import { Toaster } from "./toaster";
import { StepUpDialog } from "./step-up/step-up-dialog";
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
 * The signed-in frame: the workspace switcher and navigation on the left (behind a Menu button on
 * a phone, components/shell-frame.tsx), the wallet menu at its bottom-left. The toasts live here, not in the root layout: only signed-in pages raise them, and
 * the sign-in page stays lighter without their code (which loads on demand: components/toaster.tsx).
 */
export function AppShell({ user, signOut, workspaces, invitations, children }: Props) {
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <ShellFrame logo={<Logo />}>
        <div className="px-3 pt-3 pb-2 md:pt-0">
          <WorkspaceSwitcher workspaces={workspaces} invitations={invitations} />
        </div>
        {/* One name per place: the workspace's pages above (API keys, Members, Audit log, Team settings), the account's here. */}
        <nav aria-label="Main" className="flex flex-1 flex-col gap-1 border-t border-zinc-200 px-3 pt-2 pb-2 dark:border-zinc-800">
          <NavLink href="/settings/profile">Profile</NavLink>
          <NavLink href="/docs">API reference</NavLink>
          {user.isAdmin && <NavLink href="/admin">Admin</NavLink>}
        </nav>
        <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">
          <WalletMenu address={user.address} name={user.name} image={user.image} signOut={signOut} />
        </div>
      </ShellFrame>
      <main id="main" className="min-w-0 flex-1 px-4 py-8 md:px-10">
        {invitations > 0 && (
          // Announced where the eye is, on every page, not only by the switcher's small link.
          <div className="mx-auto mb-6 max-w-6xl" data-testid="invitation-banner">
            <Alert tone="info">
              {invitations === 1 ? "You are invited to join a team." : `You are invited to join ${invitations} teams.`}{" "}
              <Link href="/teams" className="font-medium underline">
                See {invitations === 1 ? "the invitation" : "the invitations"}
              </Link>
            </Alert>
          </div>
        )}
        <SupportProvider value={env.support}>
          <KeyOptionsProvider value={{ scopes: offeredKeyScopes(), gatewayGets: gatewayGetRoutes() }}>{children}</KeyOptionsProvider>
        </SupportProvider>
      </main>
      <Toaster />
      <StepUpDialog />
    </div>
  );
}
