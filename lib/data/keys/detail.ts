import "server-only";
// One key as its workspace's detail page shows it: every field, its rotation lineage and its
// own activity. Scoped to the workspace (the caller's membership is checked first by the
// page): another workspace's key id reads as not found.
import { db } from "@/lib/database/client";
import type { DetailLine } from "@/lib/audit/details";
import { maskKey, toKeyView, type KeyView } from "@/lib/keys/view";
import type { KeyNetwork } from "@/lib/networks/key";
import { keySelect, toDTO } from "./list";
import { labelEvents, NEWEST_FIRST } from "@/lib/data/audit/log";

export type KeyLink = { id: string; name: string; masked: string };
export type KeyActivity = {
  id: string;
  createdAt: string;
  action: string;
  /** You, a member of the workspace (named), a site admin (not named), or "system": no person did it (a leak report). */
  by: "you" | "member" | "admin" | "system";
  actorName: string | null;
  details: DetailLine[];
  ip: string | null;
};
export type KeyDetail = { key: KeyView; predecessor: KeyLink | null; successor: KeyLink | null; activity: KeyActivity[] };

const ACTIVITY_SHOWN = 50;
const linkSelect = { id: true, name: true, start: true, end: true } as const;
const toLink = (k: { id: string; name: string; start: string; end: string | null } | null): KeyLink | null =>
  k ? { id: k.id, name: k.name, masked: maskKey(k.start, k.end) } : null;

export async function getKeyDetail(workspaceId: string, userId: string, keyId: string): Promise<KeyDetail | null> {
  const row = await db.apiKey.findFirst({
    where: { id: keyId, workspaceId },
    select: { ...keySelect, replacedBy: { select: linkSelect }, replaces: { select: linkSelect } },
  });
  if (!row) return null;
  const events = await db.auditEvent.findMany({
    where: { targetType: "api_key", targetId: keyId },
    orderBy: NEWEST_FIRST,
    take: ACTIVITY_SHOWN,
  });
  const { replacedBy, replaces, ...key } = row;
  const members = new Set((await db.membership.findMany({ where: { workspaceId }, select: { userId: true } })).map((m) => m.userId));
  const byOf = (id: string | null | undefined) => (!id ? "system" : id === userId ? "you" : members.has(id) ? "member" : "admin");
  return {
    key: toKeyView(toDTO(key)),
    predecessor: toLink(replaces),
    successor: toLink(replacedBy),
    // Members see that a site admin acted, and why, but not which admin; teammates are named.
    activity: (await labelEvents(events)).map((e) => {
      const by = byOf(e.actor?.id);
      return {
        id: e.id,
        createdAt: e.createdAt,
        action: e.actionLabel,
        by,
        actorName: by === "member" ? (e.actor?.name ?? e.actor?.address.slice(0, 8) ?? null) : null,
        details: e.details,
        ip: by === "admin" ? null : e.ip,
      };
    }),
  };
}

/** The workspace of a key the user can read (a member of its workspace); null for any other key. */
export async function keyWorkspace(userId: string, keyId: string): Promise<{ slug: string } | null> {
  const row = await db.apiKey.findFirst({
    where: { id: keyId, workspace: { memberships: { some: { userId } } } },
    select: { workspace: { select: { slug: true } } },
  });
  return row?.workspace ?? null;
}

/** The network of a key in `workspaceId` the user can read; null for any other key. */
export async function keyNetwork(userId: string, workspaceId: string, keyId: string): Promise<KeyNetwork | null> {
  const row = await db.apiKey.findFirst({
    where: { id: keyId, workspaceId, workspace: { memberships: { some: { userId } } } },
    select: { network: true },
  });
  return row?.network ?? null;
}
