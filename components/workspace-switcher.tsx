"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavLink } from "@/components/nav-link";
import { Menu } from "@/components/ui/menu";
import { can, ROLE_LABELS, type WorkspaceRole } from "@/lib/workspaces/permissions";
import { auditPath, keysPath, membersPath, teamSettingsPath, webhooksPath } from "@/lib/workspaces/paths";

export type SwitcherWorkspace = { id: string; slug: string; name: string; personal: boolean; role: WorkspaceRole };

const item =
  "flex cursor-pointer items-center justify-between gap-3 rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800";

/** The workspace the URL names: /w/<slug>/…, else the personal one. */
function current(workspaces: SwitcherWorkspace[], pathname: string): SwitcherWorkspace | undefined {
  const slug = pathname.match(/^\/w\/([^/]+)/)?.[1];
  const personal = workspaces.find((w) => w.personal);
  return slug ? (workspaces.find((w) => w.slug === decodeURIComponent(slug)) ?? personal) : personal;
}

/**
 * The shell's workspace switcher, with the current workspace's pages one click away. The list
 * comes from the layout (re-read on every navigation); the pages check membership themselves.
 */
export function WorkspaceSwitcher({ workspaces, invitations }: { workspaces: SwitcherWorkspace[]; invitations: number }) {
  const pathname = usePathname();
  const here = current(workspaces, pathname);
  const label = (w: SwitcherWorkspace) => (w.personal ? "Personal" : w.name);
  return (
    <div className="space-y-1">
      <Menu
        triggerClassName="flex w-full items-center justify-between gap-2 rounded-md border border-zinc-200 px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:border-zinc-800 dark:hover:bg-zinc-800"
        trigger={
          <>
            <span className="min-w-0">
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">Workspace</span>
              <span className="block truncate font-medium" data-testid="current-workspace">
                {here ? label(here) : "—"}
              </span>
            </span>
            <span aria-hidden="true">▾</span>
          </>
        }
        content={{
          align: "start",
          sideOffset: 4,
          className:
            "z-30 max-h-96 min-w-60 overflow-y-auto rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900",
        }}
        itemClassName={item}
        items={[
          ...workspaces.map((w) => ({
            kind: "link" as const,
            key: w.id,
            href: keysPath(w),
            current: w.id === here?.id,
            content: (
              <>
                <span className="truncate">{label(w)}</span>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">{ROLE_LABELS[w.role]}</span>
              </>
            ),
          })),
          { kind: "separator", key: "sep" },
          {
            kind: "link",
            key: "teams",
            href: "/teams",
            content: (
              <>
                Create a team or join one
                {invitations > 0 && <span className="rounded-full bg-indigo-600 px-2 text-xs text-white">{invitations}</span>}
              </>
            ),
          },
        ]}
      />
      {invitations > 0 && (
        <Link href="/teams" className="block px-3 text-xs text-indigo-700 underline dark:text-indigo-400">
          {invitations} {invitations === 1 ? "invitation" : "invitations"} waiting
        </Link>
      )}
      {here && (
        <nav aria-label="Workspace" className="flex flex-col gap-1">
          <NavLink href={keysPath(here)}>API keys</NavLink>
          {!here.personal && <NavLink href={membersPath(here)}>Members</NavLink>}
          {!here.personal && can(here.role, "audit.read") && <NavLink href={auditPath(here)}>Audit log</NavLink>}
          {can(here.role, "webhooks.manage") && <NavLink href={webhooksPath(here)}>Webhooks</NavLink>}
          {!here.personal && <NavLink href={teamSettingsPath(here)}>Team settings</NavLink>}
        </nav>
      )}
    </div>
  );
}
