"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A navigation link marked aria-current on its own page and the pages below it, except
 * those under `except` (the sidebar's Settings is not current on API keys, which has its own link).
 */
export function NavLink({
  href,
  children,
  exact = false,
  except = [],
}: {
  href: string;
  children: React.ReactNode;
  exact?: boolean;
  except?: string[];
}) {
  const pathname = usePathname();
  const under = (base: string) => pathname === base || pathname.startsWith(`${base}/`);
  const active = exact ? pathname === href : under(href) && !except.some(under);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className="flex items-center gap-2 rounded-md whitespace-nowrap px-3 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 aria-[current=page]:bg-zinc-100 aria-[current=page]:text-zinc-950 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-white"
    >
      {children}
    </Link>
  );
}
