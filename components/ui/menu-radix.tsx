"use client";

import * as Radix from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import type { MenuProps } from "./menu";

/** The real menu, loaded by components/ui/menu.tsx on the first opening, and mounted open. */
export function RadixMenu({ trigger, triggerClassName, triggerLabel, content, itemClassName, items }: MenuProps) {
  return (
    <Radix.Root defaultOpen>
      <Radix.Trigger className={triggerClassName} aria-label={triggerLabel}>
        {trigger}
      </Radix.Trigger>
      <Radix.Portal>
        <Radix.Content side={content.side} align={content.align} sideOffset={content.sideOffset} className={content.className}>
          {items.map((entry) => {
            switch (entry.kind) {
              case "label":
                return (
                  <Radix.Label key={entry.key} className={entry.className}>
                    {entry.content}
                  </Radix.Label>
                );
              case "separator":
                return <Radix.Separator key={entry.key} className="my-1 h-px bg-zinc-200 dark:bg-zinc-800" />;
              case "link":
                return (
                  <Radix.Item key={entry.key} asChild className={itemClassName}>
                    <Link href={entry.href} aria-current={entry.current ? "true" : undefined}>
                      {entry.content}
                    </Link>
                  </Radix.Item>
                );
              case "item":
                return (
                  <Radix.Item
                    key={entry.key}
                    className={entry.danger ? `${itemClassName} text-red-700 dark:text-red-400` : itemClassName}
                    disabled={entry.disabled}
                    onSelect={entry.onSelect}
                  >
                    {entry.content}
                  </Radix.Item>
                );
            }
          })}
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}
