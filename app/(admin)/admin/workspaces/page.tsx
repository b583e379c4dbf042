import type { Metadata } from "next";
import Link from "next/link";
import { shortAddress } from "@/components/format";
import { requireAdmin } from "@/lib/auth/session";
import { listWorkspaces } from "@/lib/data/workspaces/admin";
import { adminWorkspaceQuerySchema, fromSearchParams } from "@/lib/validation/admin";
import { ROLE_LABELS } from "@/lib/workspaces/permissions";
import { WorkspaceApproval } from "./_components/workspace-approval";

export const metadata: Metadata = { title: "Workspaces · Admin" };
const PAGE_SIZE = 25;
const muted = "text-zinc-600 dark:text-zinc-400";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every workspace: its members and roles, its keys, and its Mainnet approval (a switch). */
export default async function AdminWorkspacesPage({ searchParams }: Props) {
  await requireAdmin();
  const raw = await searchParams;
  const params = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const parsed = adminWorkspaceQuerySchema.safeParse(fromSearchParams(params));
  const query = parsed.success ? parsed.data : { q: undefined, page: 1 };
  const { rows, total } = await listWorkspaces({ q: query.q, page: query.page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (page: number) => `/admin/workspaces?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(page) })}`;
  return (
    <div className="space-y-4">
      <form className="flex flex-wrap items-end gap-2" role="search">
        <label className="text-sm">
          <span className="block font-medium">Search</span>
          <input
            name="q"
            defaultValue={query.q ?? ""}
            placeholder="Team name, URL name or member address"
            className="mt-1 w-72 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <button className="rounded-md border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">Search</button>
      </form>
      {!parsed.success && <p className="text-sm text-red-700 dark:text-red-400">{parsed.error.issues[0]?.message}</p>}
      <p className={`text-sm ${muted}`}>{total} workspaces</p>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {rows.map((w) => (
          <li key={w.id} className="flex flex-wrap items-start justify-between gap-4 p-4" data-testid="admin-workspace">
            <div className="min-w-0 space-y-1 text-sm">
              <p className="font-medium">
                {w.personal ? `Personal · ${shortAddress(w.members[0]?.address ?? "")}` : w.name}{" "}
                <span className={`font-mono text-xs ${muted}`}>{w.personal ? "" : w.slug}</span>
              </p>
              <p className={muted}>
                {w.keyCount} {w.keyCount === 1 ? "key" : "keys"}
                {w.keyCount > 0 && `, ${w.liveKeyCount} in use`} · created {w.createdAt.slice(0, 10)}
              </p>
              <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
                {w.members.map((m) => (
                  <li key={m.userId} title={m.address}>
                    {m.name ?? shortAddress(m.address)} <span className={muted}>({ROLE_LABELS[m.role]})</span>
                  </li>
                ))}
              </ul>
              {!w.personal && (
                <p className={`line-clamp-3 text-xs break-words ${muted}`} title={w.useCase ?? undefined}>
                  {w.useCase ? <>Use case: {w.useCase}</> : "No use case yet: its keys cannot be issued."}
                </p>
              )}
              {w.mainnetRequest && (
                <p className="text-xs text-amber-800 dark:text-amber-300">Mainnet requested: “{w.mainnetRequest.justification}”</p>
              )}
            </div>
            <WorkspaceApproval workspaceId={w.id} name={w.personal ? "personal workspace" : w.name} approved={w.mainnetApproved} />
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {query.page > 1 && (
            <Link href={link(query.page - 1)} className="underline">
              Previous
            </Link>
          )}
          <span className={muted}>
            Page {query.page} of {pages}
          </span>
          {query.page < pages && (
            <Link href={link(query.page + 1)} className="underline">
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
