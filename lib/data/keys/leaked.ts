import "server-only";
// Keys reported leaked (GitHub secret scanning): quarantined at once and for good. One
// transaction for the whole batch: find which reported tokens are ours (by their HMAC, on
// the unique index), mark the ones not already marked (a conditional UPDATE, so a batch
// resent, even in parallel, changes and audits nothing twice), and write one audit event
// per newly quarantined key saying where it leaked. Then the keys leave this instance's
// cache; other instances drop them within the cache bound (2 s).
import { db } from "@/lib/database/client";
import { AUDIT_SYSTEM_ACTOR } from "@/lib/audit/actions";
import { recordAuditMail } from "@/lib/data/mail/from-audit";
import { recordAuditWebhook } from "@/lib/data/webhooks/outbox";
import { forgetKey } from "./cache";

export type LeakReport = { hash: string; url: string; source: string; type: string };

/** Returns the hashes of reported keys that are ours (live, revoked or expired alike). */
export async function quarantineLeakedKeys(reports: LeakReport[], ip: string | null, now = new Date()): Promise<Set<string>> {
  if (reports.length === 0) return new Set();
  const first = new Map<string, LeakReport>();
  for (const r of reports) if (!first.has(r.hash)) first.set(r.hash, r);
  const hashes = [...first.keys()];

  const { ours, quarantined } = await db.$transaction(async (tx) => {
    const found = await tx.apiKey.findMany({ where: { hash: { in: hashes } }, select: { id: true, hash: true, workspaceId: true } });
    if (found.length === 0) return { ours: found, quarantined: [] as { id: string }[] };
    const ids = found.map((k) => k.id);
    const urls = found.map((k) => first.get(k.hash)!.url);
    const sources = found.map((k) => first.get(k.hash)!.source);
    // One statement for the batch; the row locks it takes serialise it with every key change.
    const quarantined = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "ApiKey" AS k
      SET "leakedAt" = ${now}, "leakedUrl" = v.url, "leakedSource" = v.source, "updatedAt" = ${now}
      FROM unnest(${ids}::text[], ${urls}::text[], ${sources}::text[]) AS v(id, url, source)
      WHERE k.id = v.id AND k."leakedAt" IS NULL
      RETURNING k.id`;
    const byId = new Map(found.map((k) => [k.id, first.get(k.hash)!]));
    await tx.auditEvent.createMany({
      data: quarantined.map(({ id }) => {
        const r = byId.get(id)!;
        return {
          actorId: null,
          actorAddress: AUDIT_SYSTEM_ACTOR,
          action: "key.leak",
          targetType: "api_key",
          targetId: id,
          ip,
          details: { url: r.url, source: r.source, tokenType: r.type, reportedBy: "GitHub secret scanning" },
        };
      }),
    });
    // Each key's workspace hears of it too (key.leaked), and its owner by e-mail, in this transaction.
    const workspaceOf = new Map(found.map((k) => [k.id, k.workspaceId]));
    for (const { id } of quarantined) {
      const r = byId.get(id)!;
      const target = { type: "api_key", id, workspaceId: workspaceOf.get(id) };
      await recordAuditWebhook(tx, "key.leak", target, { url: r.url, source: r.source }, AUDIT_SYSTEM_ACTOR);
      await recordAuditMail(tx, "key.leak", target, { url: r.url, source: r.source });
    }
    return { ours: found, quarantined };
  });
  for (const { id } of quarantined) forgetKey(id);
  return new Set(ours.map((k) => k.hash));
}
