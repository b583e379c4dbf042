"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { signInErrorMessage, type SignInErrorCode } from "@/lib/auth/sign-in-errors";
import type { WalletId, WalletInfo } from "@/lib/wallets/catalog";
import { forgetWallet, rememberWallet, rememberedWallet, subscribeRemembered } from "@/components/wallets/remembered-wallet";
import type { WalletConnectSettings } from "@/components/wallets/wallet-modules";
import type { Detection } from "./wallet-picker";

// The list is a dialog: its code loads with the wallet modules, on the first click, not with the page.
const loadPicker = () => import("./wallet-picker").then((m) => m.WalletPicker);
const WalletPicker = lazy(() => loadPicker().then((Picker) => ({ default: Picker })));

/**
 * Starts fetching the sign-in code when the user reaches for the button (pointer or keyboard
 * focus) and again on the click, so its chunks load side by side instead of one import after
 * another; the page's first load stays without them. Repeated calls reuse the browser's module cache.
 */
function warmUp() {
  void import("./wallet-detect").catch(() => undefined);
  void import("./wallet-sign-in").catch(() => undefined);
}

type Step = "idle" | "detecting" | "connecting" | "signing" | "verifying" | "done";

function stepLabel(step: Step, wallet: WalletInfo | null): string {
  const name = wallet?.name ?? "your wallet";
  switch (step) {
    case "idle":
      return wallet ? `Connect ${wallet.name}` : "Connect wallet";
    case "detecting":
      return "Looking for wallets…";
    case "connecting":
      return `Waiting for ${name}…`;
    case "signing":
      return wallet?.proof === "transaction" ? `Sign the sign-in transaction in ${name}…` : `Sign the message in ${name}…`;
    case "verifying":
      return "Verifying signature…";
    case "done":
      return "Signed in, opening Keyport…";
  }
}

type Props = {
  wallets: WalletInfo[];
  /** The network wallets that cannot report theirs sign on (the first network Keyport signs in on). */
  signInPassphrase: string;
  walletConnect?: Omit<WalletConnectSettings, "networkPassphrase">;
  /** Where the person was going (checked by the server: a page of this site), else null. */
  next: string | null;
};

export function ConnectWallet({ wallets, signInPassphrase, walletConnect, next }: Props) {
  const router = useRouter();
  const [step, setStep] = useState<Step>("idle");
  const [picked, setPicked] = useState<WalletInfo | null>(null);
  // The wallet that signed in last time on this browser (the server render cannot know it).
  const rememberedId = useSyncExternalStore(subscribeRemembered, rememberedWallet, () => null);
  const remembered = wallets.find((w) => w.id === rememberedId)?.id ?? null;
  const chosen = picked ?? wallets.find((w) => w.id === remembered) ?? null;
  const [pickerOpen, setPickerOpen] = useState(false);
  const [pickerUsed, setPickerUsed] = useState(false);
  const [detection, setDetection] = useState<Detection>({});
  const [error, setError] = useState<{ code: SignInErrorCode; message: string; wallet: WalletInfo | null } | null>(null);

  /** Asks every extension wallet whether it is installed, in parallel; loads only those small modules. */
  async function detect(): Promise<WalletInfo[]> {
    void loadPicker(); // likely needed next: fetch it alongside
    warmUp();
    const extensions = wallets.filter((w) => w.kind === "extension");
    setDetection(Object.fromEntries(extensions.map((w) => [w.id, "checking"])));
    const { detectInstalled } = await import("./wallet-detect");
    const installed = await detectInstalled(extensions, (id, state) => setDetection((d) => ({ ...d, [id]: state })));
    return installed;
  }

  function stop(code: SignInErrorCode, wallet: WalletInfo | null, message?: string) {
    setError({ code, wallet, message: message ?? signInErrorMessage(code, wallet?.name) });
    setStep("idle");
  }

  async function signInWith(wallet: WalletInfo) {
    setPickerOpen(false);
    setPicked(wallet);
    setError(null);
    setStep("connecting");
    try {
      const wc = walletConnect && { ...walletConnect, networkPassphrase: signInPassphrase };
      // The wallet's module is fetched alongside the sign-in code (loadWallet keeps it for the second call).
      const [{ signInWithWallet }] = await Promise.all([
        import("./wallet-sign-in"),
        import("@/components/wallets/wallet-modules").then((m) => m.loadWallet(wallet.id as WalletId, wc).catch(() => undefined)),
      ]);
      const result = await signInWithWallet(wallet, {
        signInPassphrase,
        walletConnect: wc,
        onSigning: () => setStep("signing"),
        onVerifying: () => setStep("verifying"),
      });
      if (!result.ok) {
        if (result.code === "no_wallet" && wallet.id === remembered) forgetWallet();
        return stop(result.code, wallet, result.message);
      }
      rememberWallet(wallet.id);
      setStep("done");
      // The sign-in action set the session cookie, which clears the router's cache: one navigation renders the shell.
      // Where they were going, else "/", where the server picks their landing (lib/auth/landing.ts).
      router.replace(next ?? "/");
    } catch {
      stop("server_error", wallet, "Keyport could not load the wallet connector. Check your connection and try again.");
    }
  }

  /** The main button: the chosen wallet, else the one extension this browser has, else the list. */
  async function connect() {
    if (chosen) return signInWith(chosen);
    setError(null);
    setStep("detecting");
    try {
      const installed = await detect();
      setStep("idle");
      const [only] = installed;
      if (only && installed.length === 1) return signInWith(only);
      showPicker();
    } catch {
      stop("server_error", null, "Keyport could not load the wallet connector. Check your connection and try again.");
    }
  }

  function showPicker() {
    setPickerUsed(true);
    setPickerOpen(true);
  }

  function openPicker() {
    showPicker();
    if (Object.keys(detection).length === 0) void detect().catch(() => undefined);
  }

  const busy = step !== "idle";
  const label = stepLabel(step, step === "detecting" ? null : chosen);
  return (
    <div className="space-y-4">
      <HydrationMarker />
      <Button size="lg" className="w-full" onClick={() => void connect()} onPointerEnter={warmUp} onFocus={warmUp} pending={busy}>
        {label}
      </Button>
      <p className="text-center text-sm">
        <button
          type="button"
          onClick={openPicker}
          disabled={busy}
          className="font-medium text-indigo-700 underline-offset-2 hover:underline disabled:opacity-50 dark:text-indigo-300"
        >
          {chosen ? "Use a different wallet" : "See all supported wallets"}
        </button>
      </p>
      <p role="status" aria-live="polite" className="sr-only">
        {busy ? label : ""}
      </p>
      {error && (
        <Alert tone="error">
          <p>{error.message}</p>
          <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
            {error.wallet && (
              <button type="button" className="font-medium underline" onClick={() => void signInWith(error.wallet!)}>
                Try again with {error.wallet.name}
              </button>
            )}
            {error.code === "no_wallet" && error.wallet && (
              <a className="font-medium underline" href={error.wallet.url} target="_blank" rel="noreferrer">
                Get {error.wallet.name}
              </a>
            )}
            {(error.code === "no_wallet" || error.code === "unsupported_method") && (
              <button type="button" className="font-medium underline" onClick={openPicker}>
                Choose another wallet
              </button>
            )}
          </p>
        </Alert>
      )}
      {pickerUsed && (
        <Suspense fallback={null}>
          <WalletPicker
            open={pickerOpen}
            onOpenChange={setPickerOpen}
            wallets={wallets}
            detection={detection}
            remembered={remembered}
            onPick={(wallet) => void signInWith(wallet)}
          />
        </Suspense>
      )}
    </div>
  );
}
