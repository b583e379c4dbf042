import { Logo } from "@/components/logo";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { landingFor, safeNext } from "@/lib/auth/landing";
import { getCurrentUser } from "@/lib/auth/session";
import { personalWorkspace } from "@/lib/data/workspaces/access";
import { WALLET_NETWORKS } from "@/lib/networks/stellar";
import { env } from "@/lib/core/env";
import { offeredWallets } from "@/lib/wallets/catalog";
import { ConnectWallet } from "./_components/connect-wallet";

export const metadata: Metadata = { title: "Sign in" };

// Why the last session ended, when the app sent the browser here (?ended=…).
const ENDED: Record<string, string> = {
  suspended: "An admin suspended your account, so you were signed out and your API keys are refused until an admin lifts the suspension.",
  signed_out: "Your session was ended: you signed out, possibly on another device. Sign in again to continue.",
  signed_out_everywhere: "You signed out of all devices. Every other browser signed in to this account has been signed out too.",
  expired: "Your session expired. Sign in again to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(params.next);
  const user = await getCurrentUser();
  if (user) redirect(next ?? landingFor(user, await personalWorkspace(user.id)));
  const ended = params.ended;
  const notice = typeof ended === "string" && Object.hasOwn(ENDED, ended) ? ENDED[ended] : null;
  return (
    <main className="grid min-h-screen place-items-center px-4">
      <div className="w-full max-w-md space-y-8">
        <Logo size="lg" />
        <section className="space-y-6 rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <div className="space-y-2">
            <h1 className="text-xl font-semibold">Sign in with your Stellar wallet</h1>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Connect Freighter, xBull, LOBSTR, Albedo, Rabet or another Stellar wallet and sign a one-time request. That proves you own the
              address: it is free and nothing is submitted to the network. Your first sign-in creates your profile.
            </p>
          </div>
          {notice && <Alert tone={ended === "suspended" ? "error" : "info"}>{notice}</Alert>}
          {env.TEST_WALLET && (
            <Alert tone="info">
              <strong>Development mode:</strong> the wallet list offers a <strong>Test wallet</strong>, a throwaway key kept in this
              browser. Use it only to try Keyport on this machine (TEST_WALLET).
            </Alert>
          )}
          <ConnectWallet
            next={next}
            wallets={offeredWallets({ walletConnect: Boolean(env.WALLETCONNECT_PROJECT_ID), testWallet: env.TEST_WALLET })}
            signInPassphrase={WALLET_NETWORKS[env.SIGNIN_NETWORKS[0] ?? "testnet"].passphrase}
            walletConnect={env.WALLETCONNECT_PROJECT_ID ? { projectId: env.WALLETCONNECT_PROJECT_ID, origin: env.publicOrigin } : undefined}
          />
        </section>
        <p className="text-center text-xs text-zinc-600 dark:text-zinc-400">
          API keys are for calling the API from your servers. You need one only if you integrate programmatically.
        </p>
      </div>
    </main>
  );
}
