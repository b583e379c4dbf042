"use client";

import { lazy, startTransition, Suspense, useState, type ReactNode } from "react";

/** One line of a dropdown menu. Links navigate; items run `onSelect`; a label is text only. */
export type MenuEntry =
  | { kind: "item"; key: string; content: ReactNode; onSelect: () => void; danger?: boolean; disabled?: boolean }
  | { kind: "link"; key: string; content: ReactNode; href: string; current?: boolean }
  | { kind: "label"; key: string; content: ReactNode; className: string }
  | { kind: "separator"; key: string };

export type MenuProps = {
  /** What the closed menu's button shows. */
  trigger: ReactNode;
  triggerClassName: string;
  /** The button's accessible name, when its content does not give one. */
  triggerLabel?: string;
  content: { side?: "top" | "bottom"; align?: "start" | "end"; sideOffset?: number; className: string };
  itemClassName: string;
  items: MenuEntry[];
};

const load = () => import("./menu-radix");
const RadixMenu = lazy(() => load().then((m) => ({ default: m.RadixMenu })));

/**
 * A dropdown menu (Radix: keyboard, focus and positioning) whose code loads on its first
 * opening, not with the page: every signed-in page has two menus in its shell, and Radix's menu
 * is ~18 kB compressed. Until then the trigger is a plain button that looks and is named the
 * same; clicking it, Enter, Space or ArrowDown open the real menu, already open. Hovering or
 * focusing the button starts the download, so the menu is usually there when asked for.
 */
export function Menu(props: MenuProps) {
  const [opened, setOpened] = useState(false);
  // A transition: the button stays on screen (and focused) while the code arrives.
  const open = () => startTransition(() => setOpened(true));
  const placeholder = (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      aria-label={props.triggerLabel}
      className={props.triggerClassName}
      onClick={open}
      onKeyDown={(event) => {
        if (event.key !== "ArrowDown") return;
        event.preventDefault();
        open();
      }}
      onPointerEnter={() => void load()}
      onFocus={() => void load()}
    >
      {props.trigger}
    </button>
  );
  return <Suspense fallback={placeholder}>{opened ? <RadixMenu {...props} /> : placeholder}</Suspense>;
}
