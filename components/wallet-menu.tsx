"use client";

import { useState, useTransition } from "react";
import { shortAddress } from "@/components/format";
import { Avatar } from "./avatar";
import { Menu } from "./ui/menu";

const item =
  "flex cursor-pointer items-center gap-2 rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800";

/** Bottom-left of the shell: who is signed in, with copy, profile and disconnect. */
/** The sign-out server actions, passed down by the layouts (components never import from app/). */
export type SignOutActions = { disconnect: () => Promise<void>; disconnectEverywhere: () => Promise<void> };

export function WalletMenu({
  address,
  name,
  image,
  signOut: { disconnect, disconnectEverywhere },
}: {
  address: string;
  name: string | null;
  image: string | null;
  signOut: SignOutActions;
}) {
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();

  async function copy() {
    await navigator.clipboard.writeText(address);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }

  return (
    <>
      <Menu
        triggerClassName="flex w-full items-center gap-3 rounded-md p-2 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
        trigger={
          <>
            <Avatar address={address} image={image} size={32} />
            <span className="min-w-0 flex-1">
              {name && <span className="block truncate text-sm font-medium">{name}</span>}
              <span className="block font-mono text-xs text-zinc-600 dark:text-zinc-400" title={address}>
                {shortAddress(address)}
              </span>
            </span>
            <span className="sr-only">, Wallet menu</span>
            <span aria-hidden="true" className="text-zinc-400">
              ⋯
            </span>
          </>
        }
        content={{
          side: "top",
          align: "start",
          sideOffset: 6,
          className: "z-50 min-w-56 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900",
        }}
        itemClassName={item}
        items={[
          {
            kind: "label",
            key: "address",
            content: address,
            className: "px-3 py-2 font-mono text-xs break-all text-zinc-600 dark:text-zinc-400",
          },
          { kind: "item", key: "copy", content: "Copy address", onSelect: () => void copy() },
          { kind: "link", key: "profile", content: "Profile", href: "/settings/profile" },
          { kind: "separator", key: "sep" },
          {
            kind: "item",
            key: "disconnect",
            content: pending ? "Disconnecting…" : "Disconnect",
            danger: true,
            disabled: pending,
            onSelect: () => startTransition(() => disconnect()),
          },
          {
            kind: "item",
            key: "everywhere",
            content: "Sign out of all devices",
            danger: true,
            disabled: pending,
            onSelect: () => startTransition(() => disconnectEverywhere()),
          },
        ]}
      />
      <p role="status" aria-live="polite" className="sr-only">
        {copied ? "Address copied to the clipboard" : ""}
      </p>
      {copied && (
        <p className="px-2 pt-1 text-xs text-emerald-700 dark:text-emerald-400" aria-hidden="true">
          Address copied
        </p>
      )}
    </>
  );
}
