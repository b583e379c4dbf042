import type { Metadata } from "next";
import Link from "next/link";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { listTeamAudit } from "@/lib/data/audit/team-log";
import { auditPath } from "@/lib/workspaces/paths";
import { TeamAuditTable } from "./_components/team-audit-table";

type Params = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string }> };

export const metadata: Metadata = { title: "Audit log" };
const PAGE_SIZE = 50;
const muted = "text-zinc-600 dark:text-zinc-400";

/** The team's own audit log, for its owners and admins (anyone else: 404). Newest first, 50 a page. */
export default async function TeamAuditPage({ params, searchParams }: Params) {
  const { member } = await requireWorkspacePage((await params).slug, "audit.read");
  const page = Math.max(1, Math.min(10_000, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const result = await listTeamAudit(member.userId, member.workspace.id, { page, pageSize: PAGE_SIZE });
  const { rows, total } = result.ok ? result.data : { rows: [], total: 0 };
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log · {member.workspace.name}</h1>
      <p className={`text-sm ${muted}`}>Every change to this team&apos;s keys, members and invitations. {total} events.</p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-6 py-12 text-center text-sm dark:border-zinc-700">
          No events yet.
        </p>
      ) : (
        <TeamAuditTable rows={rows} team={member.workspace.name} />
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {page > 1 && (
            <Link href={`${auditPath(member.workspace)}?page=${page - 1}`} className="underline">
              Newer
            </Link>
          )}
          <span className={muted}>
            Page {page} of {pages}
          </span>
          {page < pages && (
            <Link href={`${auditPath(member.workspace)}?page=${page + 1}`} className="underline">
              Older
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
