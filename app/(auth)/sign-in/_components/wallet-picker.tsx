"use client";

import Image from "next/image";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Dialog } from "@/components/ui/dialog";
import { walletIcon, type WalletInfo, type WalletKind } from "@/lib/wallets/catalog";

/** What the page knows of each wallet extension: still asking, there, or not answering. */
export type Detection = Record<string, "checking" | "installed" | "missing">;

const KIND_LABEL: Record<Exclude<WalletKind, "extension">, string> = {
  web: "Opens in a new window",
  hardware: "Hardware wallet over USB",
  bridge: "Mobile wallets, by QR code",
  test: "Development only: a throwaway key kept in this browser",
};

function status(wallet: WalletInfo, detection: Detection): { text: string; tone: "ok" | "muted" } {
  if (wallet.kind !== "extension") return { text: KIND_LABEL[wallet.kind], tone: "muted" };
  const state = detection[wallet.id] ?? "checking";
  if (state === "installed") return { text: "Detected in this browser", tone: "ok" };
  return { text: state === "checking" ? "Checking…" : "Not installed", tone: "muted" };
}

/** Detected extensions first, then the last one used, web and hardware wallets, and extensions this browser lacks. */
function rank(wallet: WalletInfo, detection: Detection, remembered: string | null): number {
  if (detection[wallet.id] === "installed") return 0;
  if (wallet.id === remembered) return 1;
  if (wallet.kind !== "extension") return 2;
  return 3;
}

export function WalletPicker({
  open,
  onOpenChange,
  wallets,
  detection,
  remembered,
  onPick,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  wallets: WalletInfo[];
  detection: Detection;
  remembered: string | null;
  onPick: (wallet: WalletInfo) => void;
}) {
  const sorted = wallets
    .map((wallet, index) => ({ wallet, index }))
    .sort((a, b) => rank(a.wallet, detection, remembered) - rank(b.wallet, detection, remembered) || a.index - b.index)
    .map((w) => w.wallet);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Choose your wallet"
      description="Keyport asks it to sign a one-time sign-in request. Nothing is paid, sent or submitted to the network."
    >
      <ScrollCue count={sorted.length}>
        <ul className="-mx-2 max-h-[60dvh] space-y-1 overflow-y-auto px-2" aria-label="Stellar wallets">
          {sorted.map((wallet) => {
            const s = status(wallet, detection);
            const missing = detection[wallet.id] === "missing";
            return (
              <li key={wallet.id} className="flex items-center gap-2">
                <button
                  type="button"
                  onClick={() => onPick(wallet)}
                  aria-describedby={`wallet-${wallet.id}-status`}
                  className="flex min-h-12 flex-1 items-center gap-3 rounded-lg px-3 py-2 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-zinc-800"
                >
                  <Image src={walletIcon(wallet.id)} alt="" width={32} height={32} unoptimized className="size-8 shrink-0 rounded-lg" />
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium">{wallet.name}</span>
                    <span
                      id={`wallet-${wallet.id}-status`}
                      className={`block text-xs ${s.tone === "ok" ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-600 dark:text-zinc-400"}`}
                    >
                      {s.text}
                      {wallet.id === remembered ? " · used last time" : ""}
                      {" · "}
                      {wallet.proof === "message" ? "signs a message" : "signs a sign-in transaction"}
                    </span>
                  </span>
                </button>
                {missing && (
                  <a
                    href={wallet.url}
                    target="_blank"
                    rel="noreferrer"
                    className="shrink-0 rounded-md px-2 py-1 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300"
                  >
                    Install<span className="sr-only"> {wallet.name}</span>
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      </ScrollCue>
    </Dialog>
  );
}

/**
 * A long list says it goes on: while more wallets lie below the fold, the list's bottom edge
 * fades and a line says how many there are. The list itself (the only child) is what scrolls.
 */
function ScrollCue({ count, children }: { count: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const list = box.current?.firstElementChild;
    if (!(list instanceof HTMLElement)) return;
    const check = () => setMore(list.scrollTop + list.clientHeight < list.scrollHeight - 4);
    check();
    list.addEventListener("scroll", check, { passive: true });
    window.addEventListener("resize", check);
    return () => {
      list.removeEventListener("scroll", check);
      window.removeEventListener("resize", check);
    };
  }, []);
  return (
    <div>
      <div ref={box} className="relative">
        {children}
        {more && (
          <div
            aria-hidden
            className="pointer-events-none absolute inset-x-0 bottom-0 h-12 bg-gradient-to-t from-white to-transparent dark:from-zinc-900"
          />
        )}
      </div>
      <p data-testid="wallet-scroll-cue" className={`mt-2 text-center text-xs text-zinc-600 dark:text-zinc-400 ${more ? "" : "invisible"}`}>
        {count} wallets · scroll for more ↓
      </p>
    </div>
  );
}
