"use client";

// The step-up dialog, mounted once in the app shell: it shows the receipt the server built for
// the change, word for word, before any wallet opens; then the chosen wallet signs it. A refusal
// or a wallet that does not answer is said here, and the change waits (its form keeps its input)
// until the user tries again, picks another wallet, or closes the dialog.
import { useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { WALLETS, walletInfo, type WalletInfo } from "@/lib/wallets/catalog";
import { currentStepUp, subscribeStepUp } from "./step-up-store";

type Step = "idle" | "signing";

/** The wallets a step-up offers: every one sign-in offers, WalletConnect and the test wallet only when already in use. */
const choices = (current: string): WalletInfo[] =>
  WALLETS.filter((w) => (w.id !== "wallet_connect" && w.id !== "test-wallet") || w.id === current);

export function StepUpDialog() {
  const open = useSyncExternalStore(subscribeStepUp, currentStepUp, () => null);
  // Keyed by the nonce: a new receipt starts with a clean slate.
  return open ? <StepUpView key={open.ask.nonce} /> : null;
}

function StepUpView() {
  const open = useSyncExternalStore(subscribeStepUp, currentStepUp, () => null);
  const [step, setStep] = useState<Step>("idle");
  const [error, setError] = useState<string | null>(null);
  const [walletId, setWalletId] = useState<string>(open?.ask.wallet ?? "freighter");
  if (!open) return null;
  const { ask, settle } = open;
  const wallet = walletInfo(walletId) ?? walletInfo("freighter")!;

  async function sign() {
    // Another kind of wallet needs another kind of receipt (a transaction): the server makes it.
    if (wallet.proof !== ask.proof) return settle({ kind: "switch", wallet: wallet.id });
    setError(null);
    setStep("signing");
    try {
      const { signReceipt, stepUpErrorMessage } = await import("./sign-receipt");
      const signed = await signReceipt(ask);
      if (signed.ok) return settle({ kind: "signed", proof: signed.proof });
      setError(stepUpErrorMessage(signed.code, wallet.name));
    } catch {
      setError("Keyport could not load the wallet connector. Check your connection and try again.");
    }
    setStep("idle");
  }

  const signing = step === "signing";
  return (
    <Dialog
      open
      onOpenChange={(next) => (next ? undefined : settle({ kind: "cancelled" }))}
      locked={signing}
      title="Approve in your wallet"
      description="This change needs a fresh signature from your wallet. Check what it says: this is exactly what you approve."
      wide
    >
      <pre
        aria-label="Receipt to sign"
        data-testid="step-up-receipt"
        tabIndex={0}
        className="max-h-72 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs break-words whitespace-pre-wrap text-zinc-900 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
      >
        {ask.receipt}
      </pre>
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
        {ask.proof === "transaction"
          ? `${wallet.name} shows a transaction that is never submitted: it carries this receipt's fingerprint (SHA-256). It is valid until ${timeOf(ask.expiresAt)}.`
          : `Valid until ${timeOf(ask.expiresAt)}. Signing is free and submits nothing.`}
      </p>
      <label className="mt-4 block text-sm font-medium" htmlFor="step-up-wallet">
        Sign with
      </label>
      <select
        id="step-up-wallet"
        value={wallet.id}
        disabled={signing}
        onChange={(e) => {
          setWalletId(e.target.value);
          setError(null);
        }}
        className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        {choices(ask.wallet).map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <p role="status" aria-live="polite" className="sr-only">
        {signing ? `Waiting for ${wallet.name}…` : ""}
      </p>
      {error && (
        <div className="mt-4">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      <DialogFooter>
        <Button variant="secondary" disabled={signing} onClick={() => settle({ kind: "cancelled" })}>
          Cancel
        </Button>
        <Button pending={signing} onClick={() => void sign()} data-autofocus>
          {signing ? `Waiting for ${wallet.name}…` : `Sign with ${wallet.name}`}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}
