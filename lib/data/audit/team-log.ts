import "server-only";
// A team's own audit log: every event that happened in the workspace, for its owners and
// admins only (the permission is checked here, on every request).
import type { AuditView } from "@/lib/audit/view";
import { listAudit } from "./log";
import type { Page, PageQuery } from "@/lib/data/sql/paging";
import { requireMember, type AccessFailure } from "@/lib/data/workspaces/access";

export async function listTeamAudit(
  actorId: string,
  workspaceId: string,
  query: PageQuery,
): Promise<{ ok: true; data: Page<AuditView> } | AccessFailure> {
  const access = await requireMember(actorId, { id: workspaceId }, "audit.read");
  if (!access.ok) return access;
  return { ok: true, data: await listAudit({ ...query, workspaceId }) };
}
