"use client";

import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";

/**
 * The navigation's frame. From `md` up it is the sidebar; on a phone a slim top bar (the logo and
 * a Menu button) that opens the same navigation over the page, so the page's own content starts
 * above the fold instead of under a 284 px stack of workspace, links and wallet.
 */
export function ShellFrame({ logo, children }: { logo: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  // Open on the page it was opened on: following a link from the menu closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <>
      <header className="sticky top-0 z-40 flex h-14 items-center justify-between border-b border-zinc-200 bg-white px-4 md:hidden dark:border-zinc-800 dark:bg-zinc-900">
        {logo}
        <button
          type="button"
          aria-expanded={open}
          aria-controls="app-nav"
          onClick={() => setOpenOn(open ? null : pathname)}
          className="flex items-center gap-2 rounded-md border border-zinc-200 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-800 dark:hover:bg-zinc-800"
        >
          <span aria-hidden="true">{open ? "✕" : "☰"}</span>
          Menu
        </button>
      </header>
      <aside
        id="app-nav"
        className={`${open ? "flex" : "hidden"} fixed inset-x-0 top-14 bottom-0 z-40 flex-col overflow-y-auto bg-white md:sticky md:top-0 md:flex md:h-screen md:w-64 md:shrink-0 md:border-r md:border-zinc-200 dark:bg-zinc-900 md:dark:border-zinc-800`}
      >
        <div className="hidden px-5 py-4 md:block">{logo}</div>
        {children}
      </aside>
    </>
  );
}
