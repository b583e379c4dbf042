import "server-only";
// The audit log as admins read it: actors and targets by name, actions in words, details as
// before/after lines. Read-only on purpose: the log has no update or delete path (a database
// trigger refuses both). Not scoped to one user: callers must have passed checkAdmin() first,
// or, for one workspace's log (`workspaceId`), requireMember(…, "audit.read").
import { db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { actionLabel, type AuditAction } from "@/lib/audit/actions";
import { describeDetails } from "@/lib/audit/details";
import { AUDIT_EXPORT_MAX_ROWS, type AuditTarget, type AuditView } from "@/lib/audit/view";
import { maskKey } from "@/lib/keys/view";
import { pagedQuery, type Page, type PageQuery } from "@/lib/data/sql/paging";
import { signedReceiptSchema } from "@/lib/validation/receipt";
import type { SignedReceiptView } from "@/lib/audit/view";

/** The stored receipt, read back through its schema (a row written by hand or an older shape shows none). */
function signedReceipt(value: unknown): SignedReceiptView | null {
  const parsed = value == null ? null : signedReceiptSchema.safeParse(value);
  return parsed?.success ? parsed.data : null;
}

/** The filters the table and the export share; `since` and `until` both inclusive; `workspaceId`: one team's log. */
export type AuditFilter = { actor?: string; target?: string; action?: AuditAction; since?: Date; until?: Date; workspaceId?: string };

const NAME_MATCHES = 50;

/** An actor as an admin knows them: the start of their address, or part of their name. */
async function actorWhere(actor: string): Promise<Prisma.AuditEventWhereInput> {
  const named = await db.user.findMany({
    where: { name: { contains: actor, mode: "insensitive" } },
    select: { id: true },
    take: NAME_MATCHES,
  });
  return { OR: [{ actorAddress: { startsWith: actor.toUpperCase() } }, { actorId: { in: named.map((u) => u.id) } }] };
}

/** A target as an admin knows it: a user's address or name, a key's display prefix or name, or an id. */
async function targetIds(target: string): Promise<string[]> {
  const [users, keys] = await Promise.all([
    db.user.findMany({
      where: { OR: [{ address: target.toUpperCase() }, { name: { contains: target, mode: "insensitive" } }] },
      select: { id: true },
      take: NAME_MATCHES,
    }),
    db.apiKey.findMany({
      where: { OR: [{ start: { startsWith: target } }, { name: { contains: target, mode: "insensitive" } }] },
      select: { id: true },
      take: NAME_MATCHES,
    }),
  ]);
  return [target, ...users.map((u) => u.id), ...keys.map((k) => k.id)];
}

export async function auditWhere(filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  return {
    AND: [
      filter.actor ? await actorWhere(filter.actor) : {},
      filter.target ? { targetId: { in: await targetIds(filter.target) } } : {},
      filter.action ? { action: filter.action } : {},
      filter.workspaceId ? { workspaceId: filter.workspaceId } : {},
      filter.since || filter.until ? { createdAt: { gte: filter.since, lte: filter.until } } : {},
    ],
  };
}

export const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.AuditEventOrderByWithRelationInput[];
type EventRow = Prisma.AuditEventGetPayload<object>;

/**
 * Names every actor and target of a batch of events in two queries (keys, users), whatever
 * the batch's size: no query per row.
 */
export async function labelEvents(events: EventRow[]): Promise<AuditView[]> {
  const keyIds = new Set<string>();
  const userIds = new Set<string>();
  const workspaceIds = new Set<string>();
  const invitationIds = new Set<string>();
  for (const e of events) {
    if (e.actorId) userIds.add(e.actorId);
    if (e.targetType === "user") userIds.add(e.targetId);
    if (e.targetType === "api_key") keyIds.add(e.targetId);
    if (e.targetType === "workspace") workspaceIds.add(e.targetId);
    if (e.targetType === "invitation") invitationIds.add(e.targetId);
    const successor = (e.details as { successorId?: unknown } | null)?.successorId;
    if (typeof successor === "string") keyIds.add(successor);
  }
  const [keys, users, workspaces, invitations] = await Promise.all([
    keyIds.size ? db.apiKey.findMany({ where: { id: { in: [...keyIds] } }, select: { id: true, name: true, start: true, end: true } }) : [],
    userIds.size ? db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true, address: true } }) : [],
    workspaceIds.size
      ? db.workspace.findMany({ where: { id: { in: [...workspaceIds] } }, select: { id: true, name: true, slug: true } })
      : [],
    invitationIds.size ? db.invitation.findMany({ where: { id: { in: [...invitationIds] } }, select: { id: true, address: true } }) : [],
  ]);
  const workspaceById = new Map(workspaces.map((w) => [w.id, w]));
  const invitationById = new Map(invitations.map((i) => [i.id, i]));
  const keyById = new Map(keys.map((k) => [k.id, { name: k.name, masked: maskKey(k.start, k.end) }]));
  const userById = new Map(users.map((u) => [u.id, u]));
  const refs = { keys: new Map([...keyById].map(([id, k]) => [id, `${k.name} · ${k.masked}`])) };

  const targetOf = (e: EventRow): AuditTarget => {
    const key = e.targetType === "api_key" ? keyById.get(e.targetId) : undefined;
    if (key) return { kind: "api_key", id: e.targetId, ...key };
    const user = e.targetType === "user" ? userById.get(e.targetId) : undefined;
    if (user) return { kind: "user", id: user.id, name: user.name, address: user.address };
    const workspace = e.targetType === "workspace" ? workspaceById.get(e.targetId) : undefined;
    if (workspace) return { kind: "workspace", ...workspace };
    const invitation = e.targetType === "invitation" ? invitationById.get(e.targetId) : undefined;
    if (invitation) return { kind: "invitation", ...invitation };
    return { kind: "missing", type: e.targetType, id: e.targetId };
  };
  return events.map((e) => ({
    id: e.id,
    createdAt: e.createdAt.toISOString(),
    actor:
      e.actorId || e.actorAddress
        ? { id: e.actorId, name: (e.actorId && userById.get(e.actorId)?.name) || null, address: e.actorAddress }
        : null,
    action: e.action,
    actionLabel: actionLabel(e.action),
    target: targetOf(e),
    details: describeDetails(e.details, refs),
    ip: e.ip,
    stepUp: signedReceipt(e.stepUp),
  }));
}

export async function listAudit(query: PageQuery & AuditFilter): Promise<Page<AuditView>> {
  const where = await auditWhere(query);
  const page = await pagedQuery(
    query,
    (window) => db.auditEvent.findMany({ where, orderBy: NEWEST_FIRST, ...window }),
    () => db.auditEvent.count({ where }),
    (row) => row,
  );
  return { rows: await labelEvents(page.rows), total: page.total };
}

/**
 * Every event matching the filter, newest first, in labelled batches: read by keyset
 * (createdAt, id) so each batch is one indexed query however deep the export goes.
 */
export async function exportAudit(filter: AuditFilter, { max = AUDIT_EXPORT_MAX_ROWS, batch = 1_000 } = {}) {
  const where = await auditWhere(filter);
  const total = await db.auditEvent.count({ where });
  async function* batches(): AsyncGenerator<AuditView[]> {
    let after: { createdAt: Date; id: string } | null = null;
    for (let left = Math.min(total, max); left > 0;) {
      const rows: EventRow[] = await db.auditEvent.findMany({
        where: after
          ? {
              AND: [where, { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }],
            }
          : where,
        orderBy: NEWEST_FIRST,
        take: Math.min(batch, left),
      });
      const last = rows.at(-1);
      if (!last) return;
      left -= rows.length;
      after = last;
      yield await labelEvents(rows);
    }
  }
  return { total, exported: Math.min(total, max), batches: batches() };
}
