import "server-only";
// One key as its owner's detail page shows it: every field, its rotation lineage and its own
// activity. Scoped to the owner: another user's key id reads as not found.
import { db } from "@/lib/db";
import type { DetailLine } from "@/lib/audit/details";
import { maskKey, toKeyView, type KeyView } from "@/lib/keys/view";
import { keySelect, toDTO } from "./api-keys";
import { labelEvents, NEWEST_FIRST } from "./audit-log";

export type KeyLink = { id: string; name: string; masked: string };
export type KeyActivity = {
  id: string;
  createdAt: string;
  action: string;
  /** "system": no person did it (a leak report). */
  by: "you" | "admin" | "system";
  details: DetailLine[];
  ip: string | null;
};
export type KeyDetail = { key: KeyView; predecessor: KeyLink | null; successor: KeyLink | null; activity: KeyActivity[] };

const ACTIVITY_SHOWN = 50;
const linkSelect = { id: true, name: true, start: true, end: true } as const;
const toLink = (k: { id: string; name: string; start: string; end: string | null } | null): KeyLink | null =>
  k ? { id: k.id, name: k.name, masked: maskKey(k.start, k.end) } : null;

export async function getKeyDetail(userId: string, keyId: string): Promise<KeyDetail | null> {
  const row = await db.apiKey.findFirst({
    where: { id: keyId, userId },
    select: { ...keySelect, replacedBy: { select: linkSelect }, replaces: { select: linkSelect } },
  });
  if (!row) return null;
  const events = await db.auditEvent.findMany({
    where: { targetType: "api_key", targetId: keyId },
    orderBy: NEWEST_FIRST,
    take: ACTIVITY_SHOWN,
  });
  const { replacedBy, replaces, ...key } = row;
  return {
    key: toKeyView(toDTO(key)),
    predecessor: toLink(replaces),
    successor: toLink(replacedBy),
    // The owner sees that an admin acted, and why, but not which admin.
    activity: (await labelEvents(events)).map((e) => ({
      id: e.id,
      createdAt: e.createdAt,
      action: e.actionLabel,
      by: e.actor?.id === userId ? "you" : e.actor ? "admin" : "system",
      details: e.details,
      ip: e.actor?.id === userId ? e.ip : null,
    })),
  };
}
