import "server-only";
import { pagedQuery, type Page, type PageQuery } from "./paging";
// The audit log as admins read it. Read-only on purpose: the log has no update or delete
// path (a database trigger refuses both).
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditView = {
  id: string;
  createdAt: string;
  actorAddress: string;
  action: string;
  targetType: string;
  targetId: string;
  ip: string | null;
  details: unknown;
};

/** A target as an admin knows it: a user's address, a key's display prefix, or an id. */
async function targetIds(target: string): Promise<string[]> {
  const [users, keys] = await Promise.all([
    db.user.findMany({ where: { address: target.toUpperCase() }, select: { id: true } }),
    db.apiKey.findMany({ where: { start: { startsWith: target } }, select: { id: true }, take: 50 }),
  ]);
  return [target, ...users.map((u) => u.id), ...keys.map((k) => k.id)];
}

export async function listAudit(query: PageQuery & { actor?: string; target?: string }): Promise<Page<AuditView>> {
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      query.actor ? { actorAddress: { startsWith: query.actor.toUpperCase() } } : {},
      query.target ? { targetId: { in: await targetIds(query.target) } } : {},
    ],
  };
  return pagedQuery(
    query,
    (window) => db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...window }),
    () => db.auditEvent.count({ where }),
    (r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      actorAddress: r.actorAddress,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      ip: r.ip,
      details: r.details,
    }),
  );
}
